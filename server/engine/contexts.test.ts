import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentContextName, readDockerContexts } from './contexts';
import { EngineError } from './errors';
import { getEngine, listEngineEntries } from './registry';

/** A `~/.docker` laid out as the docker CLI writes it (cli/context/store: metadatastore.go, tlsstore.go). */
let dir: string;
const id = (name: string) => crypto.createHash('sha256').update(name).digest('hex');

function writeContext(name: string, host: string, opts: { tls?: Partial<Record<'ca' | 'cert' | 'key', string>>; skipTlsVerify?: boolean; description?: string; folder?: string } = {}): void {
  const meta = path.join(dir, 'contexts', 'meta', opts.folder ?? id(name));
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: { Description: opts.description ?? '' }, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTlsVerify ?? false } } }),
  );
  if (opts.tls) {
    const tls = path.join(dir, 'contexts', 'tls', id(name), 'docker');
    fs.mkdirSync(tls, { recursive: true });
    for (const [f, body] of Object.entries(opts.tls)) fs.writeFileSync(path.join(tls, `${f}.pem`), body);
  }
}

const savedConfig = process.env.DOCKER_CONFIG;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-contexts-'));
  writeContext('local', 'unix:///tmp/dockside-ctx-test.sock', { description: 'a socket' });
  writeContext('build', 'tcp://build.example:2376', { tls: { ca: 'CA', cert: 'CERT', key: 'KEY' } });
  writeContext('no-key', 'tcp://build.example:2376', { tls: { ca: 'CA', cert: 'CERT' } });
  writeContext('no-ca', 'tcp://build.example', { tls: { cert: 'CERT', key: 'KEY' } });
  writeContext('skip-verify', 'tcp://build.example', { tls: { cert: 'CERT', key: 'KEY' }, skipTlsVerify: true });
  writeContext('plain-far', 'tcp://build.example:2375');
  writeContext('plain-near', 'tcp://127.0.0.1:2375');
  writeContext('over-ssh', 'ssh://ci@build.example');
  writeContext('misfiled', 'unix:///tmp/x.sock', { folder: id('someone-else') });
  fs.mkdirSync(path.join(dir, 'contexts', 'meta', 'garbage'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'contexts', 'meta', 'garbage', 'meta.json'), '{not json');
  process.env.DOCKER_CONFIG = dir;
});

afterAll(() => {
  if (savedConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedConfig;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docker contexts', () => {
  it('reads every context the CLI stores, skipping folders that are not one', () => {
    const byName = Object.fromEntries(readDockerContexts(dir).map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual(['build', 'local', 'no-ca', 'no-key', 'over-ssh', 'plain-far', 'plain-near', 'skip-verify']);
    expect(byName.local).toMatchObject({ host: 'unix:///tmp/dockside-ctx-test.sock', description: 'a socket', endpoint: { options: { socketPath: '/tmp/dockside-ctx-test.sock' } } });
    expect(byName['plain-near']?.endpoint).toMatchObject({ options: { host: '127.0.0.1', port: 2375, protocol: 'http' } });
  });

  it('builds TLS endpoints from the context TLS folder, verification on unless the context skips it', () => {
    const byName = Object.fromEntries(readDockerContexts(dir).map((c) => [c.name, c]));
    const build = byName.build!.endpoint!;
    expect(build.label).toBe('tcp://build.example:2376 (TLS)');
    expect(build.options).toMatchObject({ protocol: 'https', host: 'build.example', port: 2376 });
    expect(String(build.options.ca)).toBe('CA');
    expect(String(build.options.key)).toBe('KEY');
    expect(build.options).not.toHaveProperty('rejectUnauthorized');
    const skip = byName['skip-verify']!.endpoint!;
    expect(skip.label).toBe('tcp://build.example:2376 (TLS, not verified)');
    expect(skip.options).toMatchObject({ rejectUnauthorized: false, port: 2376 });
  });

  it('says why a context cannot be used (missing TLS files, plain TCP off this machine), and takes SSH ones', () => {
    const byName = Object.fromEntries(readDockerContexts(dir).map((c) => [c.name, c]));
    expect(byName['no-key']).toMatchObject({ endpoint: null, error: expect.stringMatching(/`no-key`.*TLS client key is missing \(looked for .*contexts\/tls\//) });
    expect(byName['no-ca']?.error).toMatch(/CA certificate is missing/);
    expect(byName['plain-far']?.error).toMatch(/plain TCP \(no TLS\) to another machine is refused/);
    expect(byName['over-ssh']).toMatchObject({ endpoint: { label: 'ssh://ci@build.example' } });
    expect(byName['over-ssh']?.error).toBeUndefined();
  });

  it('finds the current context: DOCKER_CONTEXT, then currentContext in config.json; default means none', () => {
    expect(currentContextName(dir, {})).toBeNull();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'build' }));
    expect(currentContextName(dir, {})).toBe('build');
    expect(currentContextName(dir, { DOCKER_CONTEXT: 'local' })).toBe('local');
    expect(currentContextName(dir, { DOCKER_CONTEXT: 'default' })).toBeNull();
    fs.rmSync(path.join(dir, 'config.json'));
  });

  it('registers contexts as engines; an unusable one is listed and fails every call with its reason', async () => {
    const entries = listEngineEntries();
    expect(entries[0]?.engine.name).toBe('default');
    expect(entries.filter((e) => e.source === 'context').map((e) => e.engine.name)).toEqual(
      expect.arrayContaining(['build', 'local', 'no-key', 'over-ssh']),
    );
    expect(getEngine('local').label).toBe('unix:///tmp/dockside-ctx-test.sock');

    const broken = getEngine('no-key');
    const status = await broken.system.probe({ sandbox: false, readOnly: false });
    expect(status).toMatchObject({ name: 'no-key', reachable: false, error: expect.stringMatching(/TLS client key is missing/) });
    const err = await broken.containers.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ code: 'engine_unreachable', message: expect.stringMatching(/`no-key`.*TLS client key is missing/) });
  });

  it('picks up a context created after start, and a changed one, without a restart', async () => {
    writeContext('later', 'unix:///tmp/dockside-later.sock');
    expect(getEngine('later').label).toBe('unix:///tmp/dockside-later.sock');
    writeContext('later', 'unix:///tmp/dockside-moved.sock');
    await new Promise((r) => setTimeout(r, 2100)); // Contexts are re-read at most every 2 s.
    expect(getEngine('later').label).toBe('unix:///tmp/dockside-moved.sock');
    fs.rmSync(path.join(dir, 'contexts', 'meta', id('later')), { recursive: true });
    await new Promise((r) => setTimeout(r, 2100));
    expect(() => getEngine('later')).toThrow(/No engine called `later`/);
  });
});
