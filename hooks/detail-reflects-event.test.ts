import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@/lib/protocol/events';
import { detailReflectsEvent } from './detail-reflects-event';

const ID = 'a'.repeat(64);
const at = (iso: string) => Date.parse(iso) * 1e6;
const event = (action: string, timeNano: number, id = ID): EngineEvent => ({ type: 'container', action, id, name: 'web', timeNano, attributes: {} });
const detail = (state: { running: boolean; startedAt: string | null }, id = ID) => ({
  container: { id, state: { status: state.running ? ('running' as const) : ('exited' as const), paused: false, restarting: false, oomKilled: false, pid: 1, exitCode: 0, error: '', finishedAt: null, health: 'none' as const, ...state } },
});

describe('detailReflectsEvent', () => {
  const started = '2026-12-02T14:00:00.123456789Z';
  it('a start the detail already shows (StartedAt just before the event) needs no refetch', () => {
    expect(detailReflectsEvent(detail({ running: true, startedAt: started }), event('start', at('2026-12-02T14:00:00.130Z')))).toBe(true);
    expect(detailReflectsEvent(detail({ running: true, startedAt: started }), event('start', at('2026-12-02T14:00:00.123Z')))).toBe(true);
  });
  it('a later start, a stopped detail, or no detail is refetched', () => {
    expect(detailReflectsEvent(detail({ running: true, startedAt: started }), event('start', at('2026-12-02T14:00:05Z')))).toBe(false);
    expect(detailReflectsEvent(detail({ running: true, startedAt: started }), event('start', at('2026-12-02T14:00:00.100Z')))).toBe(false);
    expect(detailReflectsEvent(detail({ running: false, startedAt: started }), event('start', at('2026-12-02T14:00:00.130Z')))).toBe(false);
    expect(detailReflectsEvent(undefined, event('start', at('2026-12-02T14:00:00.130Z')))).toBe(false);
  });
  it('create: any detail of that very container; another container under the same name is refetched', () => {
    expect(detailReflectsEvent(detail({ running: false, startedAt: null }), event('create', 0))).toBe(true);
    expect(detailReflectsEvent(detail({ running: false, startedAt: null }, 'b'.repeat(64)), event('create', 0))).toBe(false);
  });
  it('every other action is refetched', () => {
    for (const action of ['die', 'stop', 'pause', 'unpause', 'rename', 'health_status: healthy', 'restart']) {
      expect(detailReflectsEvent(detail({ running: true, startedAt: started }), event(action, at('2026-12-02T14:00:00.130Z')))).toBe(false);
    }
  });
});
