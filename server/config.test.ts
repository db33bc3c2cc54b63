import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('binds to loopback with auth on by default', () => {
    const c = parseConfig([], { HOME: '/home/u' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, auth: true, readOnly: false, sandbox: 'auto', configDir: '/home/u/.config/dockside' });
  });

  it('takes flags over env', () => {
    expect(parseConfig(['--port', '4000'], { DOCKSIDE_PORT: '5000' }).port).toBe(4000);
    expect(parseConfig([], { DOCKSIDE_PORT: '5000' }).port).toBe(5000);
  });

  it('refuses to listen beyond loopback without auth', () => {
    expect(() => parseConfig(['--host', '0.0.0.0', '--no-auth'], {})).toThrow(/without authentication/);
    expect(parseConfig(['--host', '127.0.0.1', '--no-auth'], {}).auth).toBe(false);
  });

  it('rejects bad values with a message', () => {
    expect(() => parseConfig(['--port', 'x'], {})).toThrow(/--port/);
    expect(() => parseConfig(['--sandbox', 'maybe'], {})).toThrow(/--sandbox/);
    expect(() => parseConfig(['--tls-cert', 'a.pem'], {})).toThrow(/go together/);
  });
});
