import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine/errors';
import { MAX_FINISHED_TASKS, TaskFailure, TaskManager, type TaskHandle, type TaskSpec } from './task-manager';

function spec(over: Partial<TaskSpec> = {}): TaskSpec {
  return { kind: 'pull', target: 'busybox:latest', cancellable: true, cancelNote: 'Layers already downloaded stay.', exclusive: true, run: async () => ({ message: 'done' }), ...over };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('TaskManager', () => {
  it('runs a task to success with links, and tells listeners', async () => {
    const m = new TaskManager();
    const seen: string[] = [];
    m.subscribe((t) => seen.push(t.state));
    const t = m.start(spec({ run: async (h) => (h.log('hello'), { message: 'Pulled', links: [{ label: 'image', href: '/images/x' }], images: ['busybox:latest'] }) }));
    expect(t.state).toBe('running');
    await settle();
    const d = m.get(t.id)!;
    expect(d.state).toBe('succeeded');
    expect(d.message).toBe('Pulled');
    expect(d.log).toEqual(['hello']);
    expect(d.images).toEqual(['busybox:latest']);
    expect(seen.at(-1)).toBe('succeeded');
  });

  it('fails with the engine error in words', async () => {
    const m = new TaskManager();
    const t = m.start(spec({ run: async () => { throw new TaskFailure('manifest for x:nope not found'); } }));
    await settle();
    const d = m.get(t.id)!;
    expect(d.state).toBe('failed');
    expect(d.error?.message).toBe('manifest for x:nope not found');
    expect(d.log.at(-1)).toBe('error: manifest for x:nope not found');
  });

  it('refuses a second exclusive task on the same target with the reason, and allows other targets', async () => {
    const m = new TaskManager();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = m.start(spec({ run: async () => (await gate, { message: 'ok' }) }));
    expect(() => m.start(spec())).toThrow(EngineError);
    expect(() => m.start(spec())).toThrow(/already running .*task/);
    expect(m.start(spec({ target: 'alpine:3' })).state).toBe('running');
    expect(m.start(spec({ exclusive: false })).state).toBe('running');
    release();
    await settle();
    expect(m.get(first.id)!.state).toBe('succeeded');
    expect(m.start(spec()).state).toBe('running');
  });

  it('cancels by aborting the signal and says what cancelling leaves', async () => {
    const m = new TaskManager();
    let handle!: TaskHandle;
    const t = m.start(
      spec({
        run: (h) =>
          new Promise((_, reject) => {
            handle = h;
            h.signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      }),
    );
    await settle();
    m.cancel(t.id);
    await settle();
    expect(handle.signal.aborted).toBe(true);
    const d = m.get(t.id)!;
    expect(d.state).toBe('cancelled');
    expect(d.message).toMatch(/Layers already downloaded stay/);
    expect(() => m.cancel(t.id)).toThrow(/already cancelled/);
  });

  it('refuses to cancel what cannot be cancelled', async () => {
    const m = new TaskManager();
    const t = m.start(spec({ cancellable: false, cancelNote: 'the engine is already loading it', run: () => new Promise(() => undefined) }));
    expect(() => m.cancel(t.id)).toThrow(/cannot be cancelled now: the engine is already loading it/);
  });

  it('keeps a bounded history of finished tasks', async () => {
    const m = new TaskManager();
    for (let i = 0; i < MAX_FINISHED_TASKS + 10; i++) {
      m.start(spec({ target: `t${i}` }));
      await settle();
    }
    const list = m.list();
    expect(list).toHaveLength(MAX_FINISHED_TASKS);
    expect(list[0]!.target).toBe(`t${MAX_FINISHED_TASKS + 9}`);
  });
});
