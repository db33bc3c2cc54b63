import crypto from 'node:crypto';
import fs from 'node:fs';

export const SESSION_COOKIE = 'dockside_session';
const IDLE_MS = 12 * 60 * 60 * 1000;
const FLUSH_EVERY_MS = 60_000;

const hashId = (id: string) => crypto.createHash('sha256').update(id).digest('hex');

/**
 * Browser sessions. With a file (mode 0600 in the config dir), they survive a restart of Dockside,
 * so open tabs reconnect by themselves instead of landing on the sign-in page. Only hashes of the
 * session ids are kept: the file alone does not let anyone in. Rotating the token clears it.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { lastSeen: number }>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file?: string,
    private readonly idleMs = IDLE_MS,
  ) {
    if (file) this.load(file);
  }

  create(): string {
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(hashId(id), { lastSeen: Date.now() });
    this.save();
    return id;
  }

  /** True when the session exists and has not idled out; touching it extends it. */
  touch(id: string | undefined): boolean {
    if (!id) return false;
    const key = hashId(id);
    const s = this.sessions.get(key);
    if (!s) return false;
    const now = Date.now();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(key);
      this.save();
      return false;
    }
    s.lastSeen = now;
    this.saveSoon();
    return true;
  }

  destroy(id: string | undefined): void {
    if (id && this.sessions.delete(hashId(id))) this.save();
  }

  get size(): number {
    return this.sessions.size;
  }

  private load(file: string): void {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
      const now = Date.now();
      for (const [key, lastSeen] of Object.entries(data)) {
        if (/^[a-f0-9]{64}$/.test(key) && typeof lastSeen === 'number' && now - lastSeen <= this.idleMs) this.sessions.set(key, { lastSeen });
      }
    } catch {
      // No file yet, or unreadable: start with no sessions (the safe side).
    }
  }

  private save(): void {
    if (!this.file) return;
    const data = Object.fromEntries([...this.sessions].map(([k, v]) => [k, v.lastSeen]));
    try {
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch {
      // Persisting is a convenience; sessions still work in memory.
    }
  }

  /** Idle-time updates are batched: one write a minute at most, however busy the tabs are. */
  private saveSoon(): void {
    if (!this.file || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.save();
    }, FLUSH_EVERY_MS);
    this.flushTimer.unref();
  }
}
