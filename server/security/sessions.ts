import crypto from 'node:crypto';

export const SESSION_COOKIE = 'dockside_session';
const IDLE_MS = 12 * 60 * 60 * 1000;

/** Browser sessions, in memory: a restart of Dockside signs everyone out, which is the safe side. */
export class SessionStore {
  private readonly sessions = new Map<string, { lastSeen: number }>();

  constructor(private readonly idleMs = IDLE_MS) {}

  create(): string {
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(id, { lastSeen: Date.now() });
    return id;
  }

  /** True when the session exists and has not idled out; touching it extends it. */
  touch(id: string | undefined): boolean {
    if (!id) return false;
    const s = this.sessions.get(id);
    if (!s) return false;
    const now = Date.now();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return false;
    }
    s.lastSeen = now;
    return true;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
