import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEngineEndpoint } from './connection';

describe('resolveEngineEndpoint', () => {
  it('uses the default socket without DOCKER_HOST', () => {
    expect(resolveEngineEndpoint({})).toEqual({ label: 'unix:///var/run/docker.sock', options: { socketPath: '/var/run/docker.sock' } });
  });

  it('reads unix:// and tcp:// like the docker CLI', () => {
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'unix:///tmp/x.sock' }).options).toEqual({ socketPath: '/tmp/x.sock' });
    expect(() => resolveEngineEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2375' })).toThrow(/plain TCP \(no TLS\) to another machine.*DOCKSIDE_ACCEPT_PLAIN_DOCKER_HOST=1/);
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }).options).toEqual({ host: '127.0.0.1', port: 2375, protocol: 'http' });
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2375', DOCKSIDE_ACCEPT_PLAIN_DOCKER_HOST: '1' })).toEqual({
      label: 'tcp://10.0.0.2:2375',
      options: { host: '10.0.0.2', port: 2375, protocol: 'http' },
      // Accepted explicitly, and still never without saying what it means.
      warning: 'Plain TCP without TLS to another machine: anyone on the network path can take root on its host.',
    });
  });

  it('loads TLS material from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), f);
    const ep = resolveEngineEndpoint({ DOCKER_HOST: 'tcp://engine.lan', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    expect(ep.label).toBe('tcp://engine.lan:2376 (TLS)');
    expect(ep.options).toMatchObject({ protocol: 'https', port: 2376 });
    expect(String(ep.options.ca)).toBe('ca.pem');
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses other schemes with a clear message', () => {
    expect(() => resolveEngineEndpoint({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(/unix:\/\/, tcp:\/\/ or ssh:\/\//);
    expect(() => resolveEngineEndpoint({ DOCKER_HOST: 'ssh://me@host/some/path' })).toThrow(/ssh:\/\/\[user@\]host\[:port\]/);
  });

  it('reaches ssh:// engines through the system ssh, as the docker CLI does', () => {
    const ep = resolveEngineEndpoint({ DOCKER_HOST: 'ssh://ci@build-box.example:2222' });
    expect(ep.label).toBe('ssh://ci@build-box.example:2222');
    expect(typeof ep.agent).toBe('function');
  });
});
