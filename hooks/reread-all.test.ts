import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { rereadAll } from './reread-all';

/** A list whose engine changes while the page's first read is under way. */
function engineList() {
  let tags = ['busybox'];
  const reads: Array<{ resolve: () => void }> = [];
  return {
    tag: (t: string) => void (tags = [...tags, t]),
    reads,
    queryFn: ({ signal }: { signal: AbortSignal }) => {
      const seen = [...tags];
      return new Promise<string[]>((resolve, reject) => {
        reads.push({ resolve: () => resolve(seen) });
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    },
  };
}

describe('rereadAll', () => {
  it('restarts a first read that began before the subscription, so its answer holds what happened meanwhile', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const engine = engineList();
    const observer = new QueryObserver(qc, { queryKey: ['images', 'list'], queryFn: engine.queryFn });
    const unsubscribe = observer.subscribe(() => undefined); // the page mounts: its first read starts
    expect(engine.reads).toHaveLength(1);
    engine.tag('live:1'); // a CLI tag before the tab hears events

    const done = rereadAll(qc); // the tab's events channel is subscribed
    await new Promise((r) => setTimeout(r, 0));
    expect(engine.reads).toHaveLength(2);
    engine.reads[1]!.resolve();
    await done;
    expect(qc.getQueryData(['images', 'list'])).toEqual(['busybox', 'live:1']);
    unsubscribe();
  });

  it('leaves no query in an error state and refetches queries that had data', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    qc.setQueryData(['engines'], ['default']);
    let engineReads = 0;
    const observer = new QueryObserver(qc, { queryKey: ['engines'], queryFn: async () => (engineReads++, ['default', 'b']), staleTime: Infinity });
    const unsubscribe = observer.subscribe(() => undefined);
    await rereadAll(qc);
    expect(engineReads).toBe(1);
    expect(qc.getQueryData(['engines'])).toEqual(['default', 'b']);
    expect(qc.getQueryCache().getAll().every((q) => q.state.status !== 'error')).toBe(true);
    unsubscribe();
  });
});
