import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerDetail, ContainerSummary } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import type { EngineInfo } from '../../lib/protocol/engines';
import { connect } from '../reliability/support';
import { TEST_LABEL, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startTlsDockerd, type TlsDockerd } from '../support/tls-engine';

/**
 * An engine over TCP with mutual TLS: a private `dockerd --tlsverify` on a loopback port with a CA,
 * server and client certificates the harness makes with openssl (test/support/tls-engine.ts). Dockside
 * reaches it through docker contexts in a fixture home's `~/.docker` (written by the docker CLI), and
 * through DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH; the docker CLI with `--tlsverify` and the
 * same certificates is the oracle. A context that trusts another CA, or gives no client certificate,
 * is refused with a reason that names the engine.
 */
const t = testRun('tls');
let dir: string;
let engine: TlsDockerd;
let server: RunningServer;
let viaEnv: RunningServer | null = null;
let id = '';

const home = () => path.join(dir, 'home');
/** The docker CLI as the fixture home's user: its `~/.docker` holds the contexts. */
const cliAsUser = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, HOME: home(), DOCKER_CONFIG: '', DOCKER_HOST: '', DOCKER_CONTEXT: '' }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const messageOf = async (res: Response) => ((await res.json()) as { code: string; message: string });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-tls-'));
  engine = await startTlsDockerd(`/tmp/dockside-tls-engine-${process.pid}`);
  fs.mkdirSync(home());
  const { m, tcpHost } = engine;
  cliAsUser('context', 'create', 'tls', '--docker', `host=${tcpHost},ca=${m.ca},cert=${m.cert},key=${m.key}`);
  cliAsUser('context', 'create', 'tls-other-ca', '--docker', `host=${tcpHost},ca=${m.otherCa},cert=${m.cert},key=${m.key}`);
  cliAsUser('context', 'create', 'tls-no-client-cert', '--docker', `host=${tcpHost},ca=${m.ca}`);
  // Made over TLS, so the engine's TCP listener is known to work before Dockside is asked anything.
  id = engine.docker('run', '-d', '--stop-timeout', '1', '--label', t.label, '--name', t.name('over-tls'), 'dockside/busybox', 'sh', '-c', 'for i in 1 2 3; do echo "line $i over tls"; done; echo "to stderr" >&2; exec sleep 3600');
  server = await startDockside([], { HOME: home(), DOCKER_CONFIG: '' });
}, 120_000);

afterAll(async () => {
  await viaEnv?.stop();
  await server?.stop();
  await engine?.stop({ purge: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('an engine started with dockerd --tlsverify', () => {
  it('lists through a TLS context in ~/.docker what the docker CLI sees over TLS', async () => {
    const res = await server.api(`/api/containers?all=1&engine=tls`);
    expect(res.status).toBe(200);
    const ours = ((await res.json()) as ContainerSummary[]).filter((c) => c.labels[TEST_LABEL] === t.run).map((c) => c.id);
    expect(ours).toEqual([id]);
    expect(engine.docker('ps', '-aq', '--no-trunc', '--filter', `label=${t.label}`)).toBe(id);
    // The CLI through the same context agrees too.
    expect(cliAsUser('--context', 'tls', 'ps', '-aq', '--no-trunc', '--filter', `label=${t.label}`)).toBe(id);
    const engines = (await (await server.api('/api/engines')).json()) as EngineInfo[];
    expect(engines.find((e) => e.name === 'tls')).toMatchObject({
      source: 'context',
      label: `${engine.tcpHost} (TLS)`,
      status: { reachable: true, version: engine.docker('version', '--format', '{{.Server.Version}}') },
    });
  });

  it('inspects and reads logs over TLS as `docker inspect` and `docker logs` over TLS tell them', async () => {
    const res = await server.api(`/api/containers/${id}?engine=tls`);
    expect(res.status).toBe(200);
    const { container } = (await res.json()) as { container: ContainerDetail };
    const inspected = JSON.parse(engine.docker('inspect', id))[0] as { Id: string; Name: string; Config: { Image: string }; State: { Status: string; Pid: number } };
    expect(container).toMatchObject({ id: inspected.Id, name: inspected.Name.replace(/^\//, ''), image: inspected.Config.Image, state: { status: inspected.State.Status, pid: inspected.State.Pid } });

    await waitFor(() => engine.docker('logs', id).includes('line 3 over tls'), 'the log lines');
    const logs = await server.api(`/api/containers/${id}/logs?engine=tls`);
    expect(logs.status).toBe(200);
    const text = await logs.text();
    // `docker logs` over TLS splits the streams onto its stdout and stderr; the download holds both.
    const cli = spawnSync('docker', [...engine.tlsArgs, 'logs', id], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: '' } });
    expect(cli.status).toBe(0);
    const lines = (s: string) => s.split('\n').filter(Boolean).sort();
    expect(lines(text)).toEqual(lines(cli.stdout + cli.stderr));
    expect(lines(text)).toEqual(['line 1 over tls', 'line 2 over tls', 'line 3 over tls', 'to stderr']);
  });

  it('runs a terminal and follows events over TLS', async () => {
    const c = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'events', engine: 'tls' });
    await c.waitFrame((f) => f.ch === 1 && f.op === 'opened', 'events over TLS');
    c.send({ op: 'open', ch: 2, kind: 'exec', engine: 'tls', params: { container: id, cmd: ['sh', '-c', 'read x; echo "got $x over tls"; touch /tmp/exec-ran'], cols: 80, rows: 24 } });
    await c.waitFrame((f) => f.ch === 2 && f.op === 'opened', 'exec over TLS');
    c.sendBinary(2, 'mTLS\n');
    await waitFor(() => c.output(2).includes('got mTLS over tls'), 'the shell to answer over TLS');
    await c.waitFrame((f) => f.ch === 2 && f.op === 'end', 'the exec to end');
    // The exec really ran in that container on that engine: the CLI over TLS finds its file.
    expect(engine.docker('exec', id, 'ls', '/tmp/exec-ran')).toBe('/tmp/exec-ran');
    await waitFor(() => c.frames.some((f) => f.ch === 1 && f.op === 'event' && (f.event as { id: string; action: string }).id === id), 'the exec events over TLS');
    c.ws.close();
  });

  it('refuses an engine whose certificate another CA signed, naming the engine', async () => {
    const other = await server.api('/api/containers?engine=tls-other-ca');
    expect(other.status).toBe(503);
    expect((await messageOf(other)).message).toMatch(new RegExp(`engine \`tls-other-ca\` \\(${engine.tcpHost.replace(/[.]/g, '\\.')} \\(TLS\\)\\).*not signed by the CA Dockside was given`));
    const status = (await (await server.api('/api/engine?engine=tls-other-ca')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: false, error: expect.stringMatching(/not signed by the CA/) });
    // The CLI trusting that other CA is refused the same way.
    expect(() => cliAsUser('--context', 'tls-other-ca', 'ps')).toThrow(/certificate signed by unknown authority/);
  });

  it('is refused by the engine without a client certificate, saying so', async () => {
    const noCert = await server.api('/api/containers?engine=tls-no-client-cert');
    expect(noCert.status).toBe(503);
    const body = await messageOf(noCert);
    expect(body).toMatchObject({ code: 'engine_unreachable' });
    expect(body.message).toMatch(/engine `tls-no-client-cert`.*requires a TLS client certificate/);
    // dockerd itself refuses it: the CLI with the right CA and no certificate gets the TLS alert.
    expect(() => cliAsUser('--context', 'tls-no-client-cert', 'ps')).toThrow(/bad certificate|certificate required/);
    // … and with the certificate it answers (the same engine, the same moment).
    expect(cliAsUser('--context', 'tls', 'ps', '-q', '--no-trunc', '--filter', `label=${t.label}`)).toBe(id);
  });

  it('reaches it as the default engine through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const certs = path.join(dir, 'certs');
    fs.mkdirSync(certs);
    fs.copyFileSync(engine.m.ca, path.join(certs, 'ca.pem'));
    fs.copyFileSync(engine.m.cert, path.join(certs, 'cert.pem'));
    fs.copyFileSync(engine.m.key, path.join(certs, 'key.pem'));
    viaEnv = await startDockside([], { DOCKER_HOST: engine.tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs, DOCKER_CONFIG: path.join(dir, 'empty') });
    const status = (await (await viaEnv.api('/api/engine')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: true, endpoint: `${engine.tcpHost} (TLS)` });
    const list = (await (await viaEnv.api('/api/containers?all=1')).json()) as ContainerSummary[];
    expect(list.map((c) => c.id)).toEqual(engine.docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean));
  });
});
