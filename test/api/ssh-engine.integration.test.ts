import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import { connect } from '../reliability/support';
import { docker, runContainer, TEST_LABEL, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startSshd, type TestSshd } from '../support/sshd';

/**
 * An engine over SSH: a real sshd on a loopback port in front of this test's engine, reached the way
 * the docker CLI does it (the system ssh running `docker system dial-stdio`), with the harness's key
 * and known_hosts (DOCKSIDE_SSH_CONFIG). List, logs, stats and a terminal work through it; a host
 * whose key does not match known_hosts is refused, with ssh's reason.
 */
const t = testRun('ssh');
let dir: string;
let sshd: TestSshd;
let server: RunningServer;
let web = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-ssh-'));
  sshd = await startSshd(dir, process.env.DOCKER_HOST!);
  web = runContainer(t.label, t.name('web'), [], 'dockside/busybox', ['sh', '-c', 'for i in 1 2 3; do echo "line $i over ssh"; done; exec sleep 3600']);
  server = await startDockside([], {
    DOCKSIDE_ENGINES: `ssh=ssh://root@127.0.0.1:${sshd.port},changed=ssh://root@localhost:${sshd.port}`,
    DOCKSIDE_SSH_CONFIG: sshd.sshConfig,
  });
}, 120_000);

afterAll(async () => {
  t.cleanup();
  await server?.stop();
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an engine over SSH', () => {
  it('lists what the engine behind the sshd has (the docker CLI on that engine as oracle)', async () => {
    const status = (await (await server.api('/api/engine?engine=ssh')).json()) as EngineStatus;
    expect(status).toMatchObject({ name: 'ssh', reachable: true, endpoint: `ssh://root@127.0.0.1:${sshd.port}` });
    // The engine behind the sshd is the one the other test files use alongside this one: a container
    // they make or remove between two reads is in one list and not the other (seen once in CI). So:
    // every container the CLI saw both before and after Dockside's read is in it, and of this test's
    // own containers, which nothing else touches, exactly the CLI's.
    const cli = (...filter: string[]) => docker('ps', '-aq', '--no-trunc', ...filter).split('\n').filter(Boolean);
    const before = new Set(cli());
    const res = await server.api('/api/containers?all=1&engine=ssh');
    expect(res.status).toBe(200);
    const listed = (await res.json()) as ContainerSummary[];
    const throughout = cli().filter((id) => before.has(id));
    expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining(throughout));
    expect(listed.filter((c) => c.labels[TEST_LABEL] === t.run).map((c) => c.id)).toEqual(cli('--filter', `label=${t.label}`));
  });

  it('streams logs and stats, and runs a terminal, through SSH', async () => {
    await waitFor(() => docker('logs', web).includes('line 3 over ssh'), 'the log lines');
    const c = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'logs', engine: 'ssh', params: { container: web, tail: 'all', follow: true } });
    c.send({ op: 'open', ch: 2, kind: 'stats', engine: 'ssh', params: { container: web } });
    c.send({ op: 'open', ch: 3, kind: 'exec', engine: 'ssh', params: { container: web, cmd: ['sh', '-c', 'read x; echo "got $x"'], cols: 80, rows: 24 } });
    await waitFor(() => Buffer.concat(c.binary.get(1) ?? []).includes('line 3 over ssh'), 'the log over SSH');
    await c.waitFrame((f) => f.ch === 2 && f.op === 'stats', 'a stats sample over SSH');
    await c.waitFrame((f) => f.ch === 3 && f.op === 'opened', 'the exec over SSH');
    c.sendBinary(3, 'ssh-ok\n');
    await waitFor(() => c.output(3).includes('got ssh-ok'), 'the shell to answer over SSH');
    c.ws.close();
  });

  it('refuses a host whose key does not match known_hosts, saying so', async () => {
    const res = await server.api('/api/containers?engine=changed');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('engine_unreachable');
    expect(body.message).toMatch(/engine `changed` \(ssh:\/\/root@localhost:\d+\): ssh refused the host key/);
    const status = (await (await server.api('/api/engine?engine=changed')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: false, error: expect.stringMatching(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/) });
  });

  it('adds an SSH engine in Dockside after it answered over ssh, and refuses one whose host key changed', async () => {
    const post = (body: unknown) => server.api('/api/engines', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const added = await post({ name: 'ssh-added', address: `ssh://root@127.0.0.1:${sshd.port}` });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ name: 'ssh-added', answered: true, view: { address: `ssh://root@127.0.0.1:${sshd.port}` } });
    const res = await server.api('/api/containers?all=1&engine=ssh-added');
    expect(res.status).toBe(200);
    expect(((await res.json()) as ContainerSummary[]).map((c) => c.id)).toContain(web);

    const changed = await post({ name: 'ssh-changed', address: `ssh://root@localhost:${sshd.port}` });
    expect(changed.status).toBe(503);
    expect(((await changed.json()) as { message: string }).message).toMatch(/ssh refused the host key.*Nothing was saved/s);
    expect((await server.api('/api/containers?engine=ssh-changed')).status).toBe(404);
  });
});
