import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nextLast, RegistryClient, transportFor } from './v2-client';

// A tiny HTTP server stands in for what Debian's docker-registry cannot do here: a token service
// (Bearer challenge), an answer that never comes, and a catalog larger than Dockside will read.
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
  it('follows a Bearer challenge: fetches a token with the credentials and the scope, then retries', async () => {
    const seen: string[] = [];
    let base = '';
    base = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      if (req.url?.startsWith('/token')) {
        const url = new URL(req.url, base);
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
        res.end(JSON.stringify({ token: `tok-${url.searchParams.get('scope')}` }));
        return;
      }
      if (req.headers.authorization !== 'Bearer tok-repository:team/app:pull') {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${base}/token",service="test",scope="repository:team/app:pull"` });
        res.end();
        return;
      }
      res.end(JSON.stringify({ name: 'team/app', tags: ['a', 'b'] }));
    });
    const client = new RegistryClient(base, { username: 'u', password: 'p' });
    expect(await client.tags('team/app', 100)).toEqual({ items: ['a', 'b'] });
    expect(seen.some((l) => l.startsWith('GET /token?service=test&scope=repository%3Ateam%2Fapp%3Apull'))).toBe(true);
  });

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
