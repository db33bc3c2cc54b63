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

/** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
export function tokensEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
