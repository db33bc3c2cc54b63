import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackPeer, skipCompressionOnLoopback } from './loopback-identity';

const request = (remoteAddress: string | undefined) =>
  ({ socket: { remoteAddress }, headers: { 'accept-encoding': 'gzip, br', accept: 'text/html' } }) as unknown as IncomingMessage;

describe('skipCompressionOnLoopback', () => {
  it('knows loopback peers in every form the socket reports them', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackPeer(a), a).toBe(true);
    for (const a of ['10.0.0.2', '::ffff:192.168.1.4', 'fe80::1', '', undefined]) expect(isLoopbackPeer(a), String(a)).toBe(false);
  });

  it('drops Accept-Encoding for a browser on this machine only', () => {
    const local = request('::ffff:127.0.0.1');
    skipCompressionOnLoopback(local);
    expect(local.headers['accept-encoding']).toBeUndefined();
    expect(local.headers.accept).toBe('text/html');
    const remote = request('192.168.1.4');
    skipCompressionOnLoopback(remote);
    expect(remote.headers['accept-encoding']).toBe('gzip, br');
  });
});
