import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../protocol/events';
import { AlertDetector } from './alerts';

const ev = (action: string, tSec: number, attributes: Record<string, string> = {}, id = 'c1'): EngineEvent => ({
  type: 'container',
  action,
  id,
  name: 'web1',
  timeNano: tSec * 1e9,
  attributes,
});

describe('AlertDetector', () => {
  it('a non-zero exit nobody asked for is an alert; exit 0 is not', () => {
    const d = new AlertDetector();
    expect(d.feed(ev('die', 1, { exitCode: '0' }))).toBeNull();
    const a = d.feed(ev('die', 500, { exitCode: '2' }));
    expect(a).toMatchObject({ kind: 'exited', title: 'web1 exited with code 2', containerId: 'c1' });
  });
  it('a die after a kill or stop request is expected', () => {
    const d = new AlertDetector();
    expect(d.feed(ev('kill', 10, { signal: '15' }))).toBeNull();
    expect(d.feed(ev('die', 11, { exitCode: '143' }))).toBeNull();
    // Long after the request, a crash is a crash again.
    expect(d.feed(ev('die', 200, { exitCode: '1' }))?.kind).toBe('exited');
  });
  it('OOM and unhealthy are alerts', () => {
    const d = new AlertDetector();
    expect(d.feed(ev('oom', 1))?.kind).toBe('oom');
    expect(d.feed(ev('health_status: unhealthy', 2))?.kind).toBe('unhealthy');
    expect(d.feed(ev('health_status: healthy', 3))).toBeNull();
  });
  it('three dies within two minutes is one restart-loop alert, not three exit alerts', () => {
    const d = new AlertDetector();
    const kinds = [0, 10, 20, 30, 40].map((t) => d.feed(ev('die', 1000 + t, { exitCode: '1' }))?.kind ?? null);
    expect(kinds).toEqual(['exited', 'exited', 'restart-loop', null, null]);
  });
  it('ignores other resources and keys alerts by occurrence', () => {
    const d = new AlertDetector();
    expect(d.feed({ ...ev('die', 1, { exitCode: '1' }), type: 'network' })).toBeNull();
    const a = d.feed(ev('die', 1, { exitCode: '1' }))!;
    const b = d.feed(ev('die', 400, { exitCode: '1' }))!;
    expect(a.key).not.toBe(b.key);
  });
});
