import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { stripForNext } from './sanitise';

describe('stripForNext', () => {
  it('removes credentials and proxy headers, keeps the rest', () => {
    const req = {
      headers: {
        authorization: 'Bearer secret',
        cookie: 'a=1; dockside_session=sid; b=2',
        'x-middleware-subrequest': 'middleware',
        'x-forwarded-host': 'evil.example',
        forwarded: 'host=evil',
        'x-invoke-path': '/x',
        'content-type': 'application/json',
        rsc: '1',
      },
    } as unknown as IncomingMessage;
    stripForNext(req);
    expect(req.headers).toEqual({ cookie: 'a=1; b=2', 'content-type': 'application/json', rsc: '1' });
  });

  it('drops the cookie header when only the session was in it', () => {
    const req = { headers: { cookie: 'dockside_session=sid' } } as unknown as IncomingMessage;
    stripForNext(req);
    expect(req.headers.cookie).toBeUndefined();
  });
});
