/**
 * Splits what a person types as a command (`sh -c 'echo hi'`) into an argument array, the way a
 * shell would for the simple cases: whitespace separates words, '…' is literal, "…" allows `\"` and
 * `\\`, and a backslash outside quotes escapes the next character. Nothing else is interpreted (no
 * variables, globs, pipes or `;`): the result is passed to the engine as argv, never to a shell.
 */
export type SplitResult = { ok: true; argv: string[] } | { ok: false; error: string };

export function splitCommandLine(input: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  // A word exists once anything was typed for it, even `''`, which is an empty argument.
  let inWord = false;
  let quote: "'" | '"' | null = null;

  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) word += input[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= input.length) return { ok: false, error: 'The command ends with a lone backslash.' };
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `A ${quote === "'" ? 'single' : 'double'} quote is not closed.` };
  if (inWord) argv.push(word);
  return { ok: true, argv };
}
