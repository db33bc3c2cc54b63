import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit, initAudit, noteAuditDetail, outcomeOf, readAuditLog, summariseForAudit, takeAuditDetail } from './audit';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-audit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const entry = (i: number) => ({ who: 'bearer', remote: '127.0.0.1', method: 'POST', route: `/api/containers/c${i}/actions`, target: `c${i}`, status: 200 });

describe('audit log', () => {
  it('appends JSON lines (mode 0600) and reads them newest first', () => {
    const file = initAudit(tmp());
    for (let i = 0; i < 3; i++) audit(entry(i));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const read = readAuditLog(2);
    expect(read.map((e) => e.target)).toEqual(['c2', 'c1']);
    expect(read[0]).toMatchObject({ outcome: 'ok', status: 200 });
    expect(Date.parse(read[0]!.time)).not.toBeNaN();
  });

  it('rotates at the size limit and keeps a fixed number of old files', () => {
    const dir = tmp();
    const file = initAudit(dir, { maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 60; i++) audit(entry(i));
    expect(fs.readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.1', 'audit.log.2']);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(1000);
    // Reading crosses into the rotated files.
    const read = readAuditLog(15);
    expect(read.map((e) => e.target)).toEqual(Array.from({ length: 15 }, (_, i) => `c${59 - i}`));
  });

  it('classifies results', () => {
    expect([200, 302, 401, 403, 421, 429, 400, 404, 502, 0, undefined].map(outcomeOf)).toEqual([
      'ok', 'ok', 'refused', 'refused', 'refused', 'refused', 'failed', 'failed', 'failed', 'aborted', 'requested',
    ]);
  });

  it('summarises bodies without secrets or unbounded strings', () => {
    const s = summariseForAudit({
      action: 'rename',
      name: 'x'.repeat(500),
      password: 'hunter2hunter2',
      registryAuth: 'abc',
      Env: ['DB_PASSWORD=secret'],
      nested: { token: 't', ok: [1, 2, 3] },
    }) as Record<string, unknown>;
    expect(JSON.stringify(s)).not.toMatch(/hunter2|secret|abc"|"t"/);
    expect(s.action).toBe('rename');
    expect((s.name as string).length).toBeLessThan(210);
    expect(s.Env).toBe('[redacted]');
    expect(s.nested).toEqual({ token: '[redacted]', ok: [1, 2, 3] });
  });

  it('hands a route handler’s body note to the entry once', () => {
    initAudit(tmp());
    noteAuditDetail('id-1', { action: 'stop', t: 5 });
    expect(takeAuditDetail('id-1')).toEqual({ action: 'stop', detail: { action: 'stop', t: 5 } });
    expect(takeAuditDetail('id-1')).toBeUndefined();
  });
});
