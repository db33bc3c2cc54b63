import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The access token lives in a per-user file with mode 0600 (the Jupyter model): generated on
 * first start, reused after, rotated on request. 256 random bits.
 */
export function loadOrCreateToken(configDir: string, rotate: boolean): string {
  const file = path.join(configDir, 'token');
  if (!rotate) {
    try {
      const existing = fs.readFileSync(file, 'utf8').trim();
      if (/^[a-f0-9]{64}$/.test(existing)) {
        fs.chmodSync(file, 0o600);
        return existing;
      }
    } catch {
      // No token yet: make one below.
    }
  }
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const token = crypto.randomBytes(32).toString('hex');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return token;
}

export const tokenDigest = (token: string): Buffer => crypto.createHash('sha256').update(token).digest();

/**
 * Constant-time comparison of digests, so response timing says nothing about how much of a guess
 * was right, nor about the token's length.
 */
export function matchesTokenDigest(candidate: string, digest: Buffer): boolean {
  return crypto.timingSafeEqual(tokenDigest(candidate), digest);
}
