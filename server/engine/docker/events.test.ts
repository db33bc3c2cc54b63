import { expect, it } from 'vitest';
import { toEngineEvent } from './events';

it('reshapes an engine event, keeping the nanosecond time for resume', () => {
  const e = toEngineEvent({
    Type: 'container',
    Action: 'start',
    Actor: { ID: 'abc', Attributes: { name: 'web', image: 'busybox' } },
    time: 1700000000,
    timeNano: 1700000000123456789,
  });
  expect(e).toEqual({ type: 'container', action: 'start', id: 'abc', name: 'web', timeNano: 1700000000123456789, attributes: { name: 'web', image: 'busybox' } });
});

it('accepts the old field names', () => {
  expect(toEngineEvent({ status: 'die', id: 'abc', time: 2 })).toMatchObject({ type: 'container', action: 'die', id: 'abc', timeNano: 2e9 });
});

it("speaks Docker's container vocabulary whatever the engine: Podman's remove/exec/exec_died", () => {
  const podman = (Action: string, Type = 'container') => toEngineEvent({ Type, Action, Actor: { ID: 'abc' }, time: 1 }, 'podman').action;
  expect(podman('remove')).toBe('destroy');
  expect(podman('exec')).toBe('exec_start');
  expect(podman('exec_died')).toBe('exec_die');
  expect(podman('cleanup')).toBe('cleanup');
  // Only container events: an image's `remove` is Podman's word for what it is.
  expect(podman('remove', 'image')).toBe('remove');
  // Docker's own words are left as they are.
  expect(toEngineEvent({ Type: 'container', Action: 'exec_start: sh', time: 1 }, 'docker').action).toBe('exec_start: sh');
});
