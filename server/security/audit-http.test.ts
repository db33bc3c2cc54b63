import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ID_HEADER, initAudit, noteAuditDetail, noteAuditOutcome, readAuditLog } from './audit';
import { auditMutations } from './audit-http';

/** Just enough of a request/response pair: headers, and `finish`/`close` emitted by the test. */
function exchange(method: string, url: string) {
  const req = { method, url, headers: {} as Record<string, string>, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false, headersSent: false }) as unknown as ServerResponse & EventEmitter;
  return { req, res, id: () => (req.headers as Record<string, string>)[AUDIT_ID_HEADER]! };
}

describe('auditMutations', () => {
  beforeEach(() => {
    initAudit(fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-audit-http-')));
  });

  it('writes the entry when the answer is sent', () => {
    const { req, res } = exchange('POST', '/api/containers/web/actions');
    auditMutations(req, res, () => 'bearer').settled();
    res.statusCode = 204;
    Object.assign(res, { writableFinished: true });
    res.emit('finish');
    res.emit('close');
    expect(readAuditLog(10)).toMatchObject([{ route: '/api/containers/web/actions', target: 'web', status: 204, outcome: 'ok' }]);
    expect(readAuditLog(10)[0]).not.toHaveProperty('clientGone');
  });

  it('waits for the handler when the client leaves first, and records what the handler answered', () => {
    const { req, res, id } = exchange('POST', '/api/containers/web/actions');
    const audited = auditMutations(req, res, () => 'bearer');
    noteAuditDetail(id(), { action: 'stop', timeout: 5 });
    res.emit('close'); // the tab closed; the engine call is still running
    expect(readAuditLog(10)).toEqual([]);
    noteAuditOutcome(id(), 200);
    audited.settled();
    expect(readAuditLog(10)).toMatchObject([{ action: 'stop', status: 200, outcome: 'ok', clientGone: true }]);
  });

  it('records a request that never reached a handler as aborted', () => {
    const { req, res } = exchange('DELETE', '/api/containers/web');
    const audited = auditMutations(req, res, () => 'bearer');
    res.emit('close');
    audited.settled();
    audited.settled();
    expect(readAuditLog(10)).toMatchObject([{ method: 'DELETE', status: 0, outcome: 'aborted', clientGone: true }]);
  });

  it('records an answer cut off while it was being sent as aborted', () => {
    const { req, res, id } = exchange('POST', '/api/images/pull');
    const audited = auditMutations(req, res, () => 'bearer');
    noteAuditOutcome(id(), 200);
    Object.assign(res, { headersSent: true }); // a streamed answer had started
    res.emit('close');
    audited.settled();
    expect(readAuditLog(10)).toMatchObject([{ status: 200, outcome: 'aborted', clientGone: true }]);
  });

  it('leaves reads alone, and drops an audit id a client tried to send', () => {
    const { req, res } = exchange('GET', '/api/containers');
    (req.headers as Record<string, string>)[AUDIT_ID_HEADER] = 'forged';
    auditMutations(req, res, () => 'bearer').settled();
    res.emit('finish');
    expect(readAuditLog(10)).toEqual([]);
    expect(req.headers[AUDIT_ID_HEADER]).toBeUndefined();
  });
});
