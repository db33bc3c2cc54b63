import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@/lib/protocol/events';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { applyContainerEvent } from './container-list-patch';

const row = (id: string, state: ContainerSummary['state']): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sleep 1',
  created: 1,
  state,
  status: state === 'created' ? 'Created' : 'Up 2 minutes',
  health: 'none',
  ports: [],
  labels: {},
});

const event = (action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type: 'container', action, id, timeNano: 1, attributes });

describe('applyContainerEvent', () => {
  const list = [row('a', 'created'), row('b', 'running')];

  it('shows a started container as running at once', () => {
    const out = applyContainerEvent(list, event('start', 'a'));
    expect(out[0]).toMatchObject({ id: 'a', state: 'running', status: 'Up Less than a second' });
    expect(out[1]).toBe(list[1]);
    expect(list[0]!.state).toBe('created');
  });

  it('shows a stopped container as exited with its code, and a paused one as paused', () => {
    expect(applyContainerEvent(list, event('die', 'b', { exitCode: '137' }))[1]).toMatchObject({ state: 'exited', status: 'Exited (137) Less than a second ago' });
    expect(applyContainerEvent(list, event('pause', 'b'))[1]).toMatchObject({ state: 'paused' });
  });

  it('drops a destroyed container', () => {
    expect(applyContainerEvent(list, event('destroy', 'a')).map((c) => c.id)).toEqual(['b']);
  });

  it('leaves the list alone for unknown containers, other objects and actions that need a refetch', () => {
    expect(applyContainerEvent(list, event('start', 'zzz'))).toBe(list);
    expect(applyContainerEvent(list, { ...event('start', 'a'), type: 'network' })).toBe(list);
    expect(applyContainerEvent(list, event('create', 'a'))).toBe(list);
    expect(applyContainerEvent(list, event('rename', 'a'))).toBe(list);
    expect(applyContainerEvent(list, event('start', 'b'))).toBe(list);
  });
});
