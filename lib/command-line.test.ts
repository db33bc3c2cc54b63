import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './command-line';

describe('splitCommandLine', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['sh', ['sh']],
    ['  ls   -la  /tmp ', ['ls', '-la', '/tmp']],
    ['bash\t-l', ['bash', '-l']],
    [`sh -c 'echo hi; ls'`, ['sh', '-c', 'echo hi; ls']],
    [`sh -c "echo \\"hi\\" \\\\ there"`, ['sh', '-c', 'echo "hi" \\ there']],
    [`echo "a\\nb"`, ['echo', 'a\\nb']],
    [`echo it\\'s`, ['echo', "it's"]],
    [`echo a\\ b`, ['echo', 'a b']],
    [`echo '' ""`, ['echo', '', '']],
    [`echo pre'fix'"suf"`, ['echo', 'prefixsuf']],
    [`echo '$HOME' $(id) ; rm -rf /`, ['echo', '$HOME', '$(id)', ';', 'rm', '-rf', '/']],
    [`printf '%s' "a'b"`, ['printf', '%s', "a'b"]],
  ])('%j → %j', (input, argv) => {
    expect(splitCommandLine(input)).toEqual({ ok: true, argv });
  });

  it.each([[`sh -c 'echo`], [`echo "unterminated`], ['echo trailing\\']])('%j is an error', (input) => {
    const r = splitCommandLine(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/quote|backslash/);
  });
});
