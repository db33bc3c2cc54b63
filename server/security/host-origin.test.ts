import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHostSet, hostAllowed, sameOrigin } from './host-origin';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('allowedHostSet', () => {
  it('allows exactly the loopback names for a loopback bind', () => {
    expect([...allowedHostSet('127.0.0.1', 3000, [])].sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'localhost:3000']);
  });

  it('adds configured names on our port unless they carry one', () => {
    const set = allowedHostSet('127.0.0.1', 3000, ['dockside.lan', 'box:8443', '[fd00::1]']);
    expect(set.has('dockside.lan:3000')).toBe(true);
    expect(set.has('box:8443')).toBe(true);
    expect(set.has('[fd00::1]:3000')).toBe(true);
  });

  it('lists the interface addresses for a wildcard bind', () => {
    const ifaces = { lo: [{ address: '127.0.0.1', family: 'IPv4' }], eth0: [{ address: '10.0.0.5', family: 'IPv4' }, { address: 'fe80::1', family: 'IPv6' }] };
    const v4 = allowedHostSet('0.0.0.0', 80, [], ifaces as never);
    expect([...v4].sort()).toEqual(['10.0.0.5:80', '127.0.0.1:80', 'localhost:80']);
    expect(allowedHostSet('::', 80, [], ifaces as never).has('[fe80::1]:80')).toBe(true);
  });
});

describe('hostAllowed', () => {
  const set = allowedHostSet('127.0.0.1', 3000, []);
  it.each(['127.1:3000', '0x7f000001:3000', '2130706433:3000', '[::ffff:127.0.0.1]:3000', '127.0.0.01:3000', 'localhost.:3000', 'localhost', 'localhost:3001', 'evil.example:3000', ''])(
    'refuses Host %j',
    (host) => expect(hostAllowed(req(host ? { host } : {}), set)).toBe(false),
  );
  it.each(['localhost:3000', 'LOCALHOST:3000', '127.0.0.1:3000', '[::1]:3000'])('accepts Host %j', (host) => expect(hostAllowed(req({ host }), set)).toBe(true));
});

describe('sameOrigin', () => {
  const host = '127.0.0.1:3000';
  it('accepts our exact origin', () => expect(sameOrigin(req({ host, origin: 'http://127.0.0.1:3000' }), 'http').ok).toBe(true));
  it.each([
    ['missing', {}],
    ['null', { origin: 'null' }],
    ['another port', { origin: 'http://127.0.0.1:3001' }],
    ['another loopback name', { origin: 'http://localhost:3000' }],
    ['another scheme', { origin: 'https://127.0.0.1:3000' }],
    ['a foreign site', { origin: 'http://evil.example' }],
    ['cross-site fetch metadata', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
    ['same-site fetch metadata', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' }],
  ])('refuses %s', (_what, headers) => expect(sameOrigin(req({ host, ...headers }), 'http').ok).toBe(false));
});
