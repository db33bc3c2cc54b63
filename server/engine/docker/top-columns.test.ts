import fc from 'fast-check';
import { expect, it } from 'vitest';
import { splitSingleColumnTop } from './top-columns';

it("splits Podman's one-column busybox ps output, the command keeping its spaces", () => {
  const out = splitSingleColumnTop({
    titles: ['PID   USER     TIME  COMMAND'],
    processes: [['    1 root      0:00 sh -c while true; do sleep 1; done'], ['   12 root      0:00 sleep 1']],
  });
  expect(out).toEqual({
    titles: ['PID', 'USER', 'TIME', 'COMMAND'],
    processes: [
      ['1', 'root', '0:00', 'sh -c while true; do sleep 1; done'],
      ['12', 'root', '0:00', 'sleep 1'],
    ],
  });
});

it('leaves tables already in columns, and rows it cannot split, as they are', () => {
  const docker = { titles: ['UID', 'PID', 'CMD'], processes: [['root', '1', 'sleep 3600']] };
  expect(splitSingleColumnTop(docker)).toBe(docker);
  const short = { titles: ['PID USER COMMAND'], processes: [['1']] };
  expect(splitSingleColumnTop(short)).toBe(short);
});

it('keeps every field of every row (property)', () => {
  const word = fc.stringMatching(/^[a-z0-9:]{1,6}$/);
  fc.assert(
    fc.property(fc.array(fc.tuple(word, word, fc.array(word, { minLength: 1, maxLength: 4 })), { maxLength: 8 }), (rows) => {
      const out = splitSingleColumnTop({ titles: ['PID USER COMMAND'], processes: rows.map(([a, b, cmd]) => [`  ${a}  ${b} ${cmd.join(' ')}`]) });
      expect(out.processes).toEqual(rows.map(([a, b, cmd]) => [a, b, cmd.join(' ')]));
    }),
  );
});
