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
