import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nextLast, RegistryClient, transportFor } from './v2-client';

// A tiny HTTP server stands in for what a real registry will not do on demand: an answer that never
// comes, and a catalog larger than Dockside will read. Token auth is tested against Debian's
// docker-registry with a token issuer (test/api/token-registry.integration.test.ts).
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('RegistryClient', () => {
  it('gives up on a registry that does not answer within its deadline', async () => {
    const base = await serve(() => undefined);
    const client = new RegistryClient(base, undefined, 300);
    await expect(client.catalog(10)).rejects.toThrow(/did not answer within 0.3 s/);
  });

  it('stops reading a catalog answer that is too large', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 16 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await expect(new RegistryClient(base).catalog(10)).rejects.toThrow(/over 4096 KiB; Dockside stopped reading/);
  });

  it('pages with the Link header', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { Link: '</v2/_catalog?last=b&n=2>; rel="next"' });
      res.end(JSON.stringify({ repositories: ['a', 'b'] }));
    });
    expect(await new RegistryClient(base).catalog(2)).toEqual({ items: ['a', 'b'], next: 'b' });
    expect(nextLast(null)).toBeUndefined();
  });
});

describe('transportFor', () => {
  it('uses plain HTTP only for loopback or what the engine lists as insecure', () => {
    const insecure = { cidrs: ['127.0.0.0/8', '10.1.0.0/16'], hosts: ['build.lan:5000'] };
    expect(transportFor('127.0.0.1:5000', insecure)).toBe('http (loopback)');
    expect(transportFor('localhost:5000', insecure)).toBe('http (loopback)');
    expect(transportFor('10.1.2.3:5000', insecure)).toBe('http (engine insecure-registries)');
    expect(transportFor('build.lan:5000', insecure)).toBe('http (engine insecure-registries)');
    expect(transportFor('10.2.0.1:5000', insecure)).toBe('https');
    expect(transportFor('registry.example.com', insecure)).toBe('https');
  });
});
