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

/**
 * Compares a presented token with ours in constant time. Tokens are always 64 hex characters
 * (above), so their length is no secret; only equal-length bytes reach the comparison, which takes
 * the same time however much of a guess is right. No hash per request: this runs on every API call.
 */
export function matchesToken(candidate: string, token: Buffer): boolean {
  const presented = Buffer.from(candidate, 'utf8');
  return presented.length === token.length && crypto.timingSafeEqual(presented, token);
}
