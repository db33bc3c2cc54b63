import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions';

describe('SessionStore', () => {
  it('creates, touches and destroys sessions', () => {
    const s = new SessionStore();
    const id = s.create();
    expect(s.touch(id)).toBe(true);
    expect(s.touch('forged')).toBe(false);
    s.destroy(id);
    expect(s.touch(id)).toBe(false);
  });

  it('expires idle sessions', () => {
    const s = new SessionStore(undefined, -1);
    expect(s.touch(s.create())).toBe(false);
  });

  it('survives a restart through its file, which holds no usable session id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
    const file = path.join(dir, 'sessions.json');
    const id = new SessionStore(file).create();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(id);
    const after = new SessionStore(file);
    expect(after.touch(id)).toBe(true);
    after.destroy(id);
    expect(new SessionStore(file).touch(id)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
