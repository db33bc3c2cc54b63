import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointOf, initAddedEngines, readAddedEngines, viewOf, writeAddedEngines, type StoredEngine } from './added-engines';

const PEM = (label: string) => `-----BEGIN ${label}-----\nc2VjcmV0LWtleS1ib2R5\n-----END ${label}-----\n`;
let root: string;
let dir: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-added-unit-'));
  dir = path.join(root, 'config'); // Not there yet: the first write makes it, 0700.
  initAddedEngines(dir);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const tlsEngine: StoredEngine = { name: 'build', address: 'tcp://build.example:2376', tls: { ca: PEM('CERTIFICATE'), cert: PEM('CERTIFICATE'), key: PEM('PRIVATE KEY') }, addedAt: '2026-01-01T00:00:00.000Z' };

describe('the added-engines file', () => {
  it('is written whole with mode 0600 in a 0700 directory, and read back', () => {
    writeAddedEngines([tlsEngine]);
    expect(fs.statSync(path.join(dir, 'engines.json')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(readAddedEngines()).toEqual([tlsEngine]);
    // No temporary file is left beside it.
    expect(fs.readdirSync(dir)).toEqual(['engines.json']);
  });

  it('skips entries it cannot use (bad names, duplicates) instead of failing', () => {
    fs.writeFileSync(path.join(dir, 'engines.json'), JSON.stringify({ engines: [tlsEngine, { ...tlsEngine }, { name: '../x', address: 'unix:///x', addedAt: '' }, 42] }));
    expect(readAddedEngines().map((e) => e.name)).toEqual(['build']);
    // A torn file: nothing of it reaches the log (V8's JSON errors quote the text, and it holds keys).
    fs.writeFileSync(path.join(dir, 'engines.json'), `{"engines":[{"key":"${PEM('PRIVATE KEY')}`);
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (said.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(readAddedEngines()).toEqual([]);
    } finally {
      process.stderr.write = write;
    }
    expect(said.join('')).toMatch(/is not valid JSON/);
    expect(said.join('')).not.toContain('c2VjcmV0');
  });

  it('shows the browser whether each TLS part is set, never the PEM text', () => {
    const view = viewOf(tlsEngine);
    expect(view).toEqual({ address: 'tcp://build.example:2376', tls: { ca: true, cert: true, key: true }, addedAt: tlsEngine.addedAt });
    expect(JSON.stringify(view)).not.toContain('c2VjcmV0LWtleS1ib2R5');
  });
});

describe('endpointOf', () => {
  it('verifies TLS against the stored CA and presents the client pair', () => {
    const { endpoint } = endpointOf(tlsEngine);
    expect(endpoint).toMatchObject({ label: 'tcp://build.example:2376 (TLS)', options: { host: 'build.example', port: 2376, protocol: 'https', ca: tlsEngine.tls!.ca, cert: tlsEngine.tls!.cert, key: tlsEngine.tls!.key } });
    expect(endpoint?.options).not.toHaveProperty('rejectUnauthorized');
    expect(endpoint?.warning).toBeUndefined();
  });

  it('allows plain TCP to loopback with a warning, and elsewhere only with the risk accepted', () => {
    expect(endpointOf({ address: 'tcp://127.0.0.1:2375' }).endpoint).toMatchObject({ label: 'tcp://127.0.0.1:2375', options: { protocol: 'http' }, warning: expect.stringMatching(/every program and user on this machine/) });
    expect(endpointOf({ address: 'tcp://10.0.0.5:2375' })).toEqual({ error: expect.stringMatching(/Plain TCP \(no TLS\) to 10\.0\.0\.5 is refused/) });
    expect(endpointOf({ address: 'tcp://10.0.0.5:2375', acceptInsecure: true }).endpoint?.warning).toMatch(/another machine: anyone on the network path can take root/);
  });

  it('reaches unix sockets and ssh hosts as the docker CLI would, and refuses anything else', () => {
    expect(endpointOf({ address: 'unix:///run/user/1000/docker.sock' }).endpoint).toEqual({ label: 'unix:///run/user/1000/docker.sock', options: { socketPath: '/run/user/1000/docker.sock' } });
    expect(endpointOf({ address: 'ssh://ci@build:2222' }).endpoint?.label).toBe('ssh://ci@build:2222');
    expect(endpointOf({ address: 'http://x:1' }).error).toMatch(/not unix/);
  });
});
