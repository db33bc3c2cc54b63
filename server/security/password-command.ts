import { parseArgs } from 'node:util';
import { defaultConfigDir } from '../config';
import { clearPassword, hashPassword, passwordFile, passwordProblem, writePasswordHash } from './password';

/** Reads one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The first line is the password: `echo pw | …` and `… < file` both work.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * `tsx server/main.ts set-password [--config-dir d] [--clear]`: reads a password from stdin (hidden
 * when it is a terminal) and stores a salted scrypt hash in `<config-dir>/password` (mode 0600).
 * Returns the process exit code.
 */
export async function runSetPassword(argv: string[], log: (msg: string) => void): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'config-dir': { type: 'string' }, clear: { type: 'boolean', default: false } }, strict: true });
  const configDir = values['config-dir'] ?? process.env.DOCKSIDE_CONFIG_DIR ?? defaultConfigDir(process.env);
  if (values.clear) {
    log(clearPassword(configDir) ? 'password removed: sign in with the token only.' : 'no password was set.');
    return 0;
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('New Dockside password: ');
    if ((await promptHidden('Repeat it: ')) !== password) {
      log('the two passwords differ; nothing changed.');
      return 1;
    }
  } else {
    password = await readPiped();
  }
  const problem = passwordProblem(password);
  if (problem) {
    log(`${problem} Nothing changed.`);
    return 1;
  }
  writePasswordHash(configDir, await hashPassword(password));
  log(`password set (salted scrypt hash in ${passwordFile(configDir)}). The sign-in form now takes it as well as the token.`);
  return 0;
}
