import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import type { EngineInfo } from '../../lib/protocol/engines';
import { connect } from '../reliability/support';
import { runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { makeTlsMaterial, startTlsEngine, type TlsMaterial } from '../support/tls-engine';

/**
 * An engine over TCP with mutual TLS: a TLS endpoint that demands a client certificate signed by the
 * harness's CA (made with openssl) in front of this test's real engine. Reached through docker
 * contexts the docker CLI writes (and the CLI, through the same context, is the oracle), and through
 * DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH. A context that trusts another CA, or gives no
 * client certificate, is refused with a reason a person can act on.
 */
const t = testRun('tls');
let dir: string;
let m: TlsMaterial;
let endpoint: Awaited<ReturnType<typeof startTlsEngine>>;
let server: RunningServer;
let viaEnv: RunningServer | null = null;
let id = '';

const dockerConfig = () => path.join(dir, 'docker');
const cli = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: '', DOCKER_CONFIG: dockerConfig() }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
/** The CLI through the TLS endpoint: asynchronous, since that endpoint runs in this very process. */
const cliAsync = async (...args: string[]) =>
  (await promisify(execFile)('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: '', DOCKER_CONFIG: dockerConfig() } })).stdout.trim();
const socketPath = () => (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-tls-'));
  m = makeTlsMaterial(path.join(dir, 'pki'));
  endpoint = await startTlsEngine(m, socketPath());
  const host = `tcp://127.0.0.1:${endpoint.port}`;
  cli('context', 'create', 'tls', '--docker', `host=${host},ca=${m.ca},cert=${m.cert},key=${m.key}`);
  cli('context', 'create', 'tls-other-ca', '--docker', `host=${host},ca=${m.otherCa},cert=${m.cert},key=${m.key}`);
  cli('context', 'create', 'tls-no-client-cert', '--docker', `host=${host},ca=${m.ca}`);
  id = runContainer(t.label, t.name('over-tls'), []);
  server = await startDockside([], { DOCKER_CONFIG: dockerConfig() });
}, 120_000);

afterAll(async () => {
  t.cleanup();
  await viaEnv?.stop();
  await server?.stop();
  await endpoint?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an engine over TCP with TLS', () => {
  it('lists through a TLS context what the docker CLI sees through the same context', async () => {
    const res = await server.api(`/api/containers?all=1&engine=tls`);
    expect(res.status).toBe(200);
    const ours = ((await res.json()) as ContainerSummary[]).filter((c) => c.labels['dockside.test'] === t.run).map((c) => c.id);
    const cliSees = (await cliAsync('--context', 'tls', 'ps', '-aq', '--no-trunc', '--filter', `label=${t.label}`)).split('\n').filter(Boolean);
    expect(ours).toEqual([id]);
    expect(cliSees).toEqual(ours);
    const engines = (await (await server.api('/api/engines')).json()) as EngineInfo[];
    expect(engines.find((e) => e.name === 'tls')).toMatchObject({ label: `tcp://127.0.0.1:${endpoint.port} (TLS)`, status: { reachable: true } });
  });

  it('runs a terminal and follows events over TLS', async () => {
    const c = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'events', engine: 'tls' });
    await c.waitFrame((f) => f.ch === 1 && f.op === 'opened', 'events over TLS');
    c.send({ op: 'open', ch: 2, kind: 'exec', engine: 'tls', params: { container: id, cmd: ['sh', '-c', 'read x; echo "got $x over tls"'], cols: 80, rows: 24 } });
    await c.waitFrame((f) => f.ch === 2 && f.op === 'opened', 'exec over TLS');
    c.sendBinary(2, 'mTLS\n');
    await waitFor(() => c.output(2).includes('got mTLS over tls'), 'the shell to answer over TLS');
    await c.waitFrame((f) => f.ch === 2 && f.op === 'end', 'the exec to end');
    await waitFor(() => c.frames.some((f) => f.ch === 1 && f.op === 'event' && (f.event as { id: string; action: string }).id === id), 'the exec events over TLS');
    c.ws.close();
  });

  it('refuses an engine signed by another CA, and a context without a client certificate, saying why', async () => {
    const other = await server.api('/api/containers?engine=tls-other-ca');
    expect(other.status).toBe(503);
    expect(((await other.json()) as { message: string }).message).toMatch(/engine `tls-other-ca` .*not signed by the CA Dockside was given/);
    const noCert = await server.api('/api/containers?engine=tls-no-client-cert');
    expect(noCert.status).toBe(503);
    expect(((await noCert.json()) as { message: string }).message).toMatch(/requires a TLS client certificate/);
    const status = (await (await server.api('/api/engine?engine=tls-other-ca')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: false, error: expect.stringMatching(/not signed by the CA/) });
  });

  it('reaches a TLS engine as the default one through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const certs = path.join(dir, 'certs');
    fs.mkdirSync(certs);
    fs.copyFileSync(m.ca, path.join(certs, 'ca.pem'));
    fs.copyFileSync(m.cert, path.join(certs, 'cert.pem'));
    fs.copyFileSync(m.key, path.join(certs, 'key.pem'));
    viaEnv = await startDockside([], { DOCKER_HOST: `tcp://127.0.0.1:${endpoint.port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs, DOCKER_CONFIG: path.join(dir, 'empty') });
    const status = (await (await viaEnv.api('/api/engine')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: true, endpoint: `tcp://127.0.0.1:${endpoint.port} (TLS)` });
    const list = (await (await viaEnv.api('/api/containers?all=1')).json()) as ContainerSummary[];
    expect(list.map((c) => c.id)).toContain(id);
  });
});
