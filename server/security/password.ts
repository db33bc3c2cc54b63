import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

// scrypt with N=2^15, r=8 (32 MiB, ~0.1 s): slow enough that a stolen hash file resists guessing.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LEN = 32;
const maxmem = (N: number, r: number) => 256 * N * r;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

export const passwordFile = (configDir: string) => path.join(configDir, 'password');

/** `scrypt$N$r$p$salt$hash` (base64url), one line. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.trim().split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (kind !== 'scrypt' || !salt || !hash || ![N, R, P].every((v) => Number.isInteger(v) && v > 0) || N > 2 ** 20 || R > 32 || P > 16) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) * P + 1024 });
  return crypto.timingSafeEqual(key, expected);
}

/** The stored hash, or null when no password is set. Read on each use, so `set-password` applies at once. */
export function readPasswordHash(configDir: string): string | null {
  try {
    const text = fs.readFileSync(passwordFile(configDir), 'utf8').trim();
    return text.startsWith('scrypt$') ? text : null;
  } catch {
    return null;
  }
}

export function writePasswordHash(configDir: string, hash: string): void {
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = passwordFile(configDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${hash}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function clearPassword(configDir: string): boolean {
  try {
    fs.unlinkSync(passwordFile(configDir));
    return true;
  } catch {
    return false;
  }
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password is at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
