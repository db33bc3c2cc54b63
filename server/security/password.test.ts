import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, readPasswordHash, verifyPassword, writePasswordHash } from './password';

describe('password hashing', () => {
  it('stores a salted scrypt hash that verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999999$8$1$AAAA$AAAA')).toBe(false);
  });

  it('writes the hash with mode 0600 and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-pw-'));
    try {
      expect(readPasswordHash(dir)).toBeNull();
      writePasswordHash(dir, 'scrypt$1$1$1$a$b');
      expect(fs.statSync(path.join(dir, 'password')).mode & 0o777).toBe(0o600);
      expect(readPasswordHash(dir)).toBe('scrypt$1$1$1$a$b');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks for at least 8 characters', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('long enough')).toBeNull();
  });
});
