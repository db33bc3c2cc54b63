import { afterAll, describe, expect, it } from 'vitest';
import { createContainer, docker, inspectState, runContainer, testRun, waitFor } from '../../../test/support/docker-cli';
import { EngineError } from '../errors';
import { getEngine } from '../registry';

const engine = getEngine();
const c = engine.containers;

const t = testRun('engine');
afterAll(() => t.cleanup());

async function expectEngineError(p: Promise<unknown>, code: EngineError['code']): Promise<EngineError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineError);
  expect((err as EngineError).code).toBe(code);
  expect((err as EngineError).message.length).toBeGreaterThan(5);
  return err as EngineError;
}

describe('engine port (docker): containers against a real engine', () => {
  it('probes the engine', async () => {
    const s = await engine.system.probe({ sandbox: false, readOnly: false });
    expect(s.reachable).toBe(true);
    expect(s.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('lists containers (ps -a) with ports, labels and state, and sizes only on request', async () => {
    const id = runContainer(t.label, t.name('web'), ['-p', '127.0.0.1::80', '--label', 'extra=<b>x</b>'], 'dockside/web', []);
    const stopped = createContainer(t.label, t.name('created'));
    const all = await c.list({ all: true });
    const web = all.find((x) => x.id === id)!;
    expect(web).toMatchObject({ name: t.name('web'), image: 'dockside/web', state: 'running' });
    expect(web.labels.extra).toBe('<b>x</b>');
    const hostPort = Number(docker('port', id, '80/tcp').split(':').pop());
    expect(web.ports).toContainEqual({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort });
    expect(web.sizeRw).toBeUndefined();
    expect(all.find((x) => x.id === stopped)?.state).toBe('created');

    const running = await c.list({ all: false });
    expect(running.some((x) => x.id === stopped)).toBe(false);

    const sized = await c.list({ all: true, size: true });
    expect(typeof sized.find((x) => x.id === id)?.sizeRw).toBe('number');
    const one = await c.sizes(id);
    expect(one.sizeRootFs).toBeGreaterThan(0);
  });

  it('inspects a container into the detail type, with the raw JSON alongside', async () => {
    const id = runContainer(t.label, t.name('inspect'), ['-e', 'GREETING=hi', '-w', '/tmp', '--restart', 'on-failure:3', '-p', '127.0.0.1:0:80'], 'dockside/web', []);
    const { container, inspect } = await c.inspect(t.name('inspect'));
    expect(container).toMatchObject({ id, name: t.name('inspect'), workingDir: '/tmp', restartPolicy: { name: 'on-failure', maximumRetryCount: 3 } });
    expect(container.env).toContain('GREETING=hi');
    expect(container.state.running).toBe(true);
    expect(container.networks[0]?.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(container.ports[0]).toMatchObject({ containerPort: 80, hostIp: '127.0.0.1' });
    expect((inspect as { Id: string }).Id).toBe(id);
  });

  it('runs the lifecycle: stop, start, pause, unpause, restart, kill, rename', async () => {
    const name = t.name('life');
    const id = runContainer(t.label, name, []);
    await c.runAction(id, { action: 'stop', timeout: 1 });
    expect(inspectState(id).Status).toBe('exited');
    await c.runAction(id, { action: 'stop' }); // already stopped: fine, like the CLI
    await c.runAction(id, { action: 'start' });
    expect(inspectState(id).Running).toBe(true);
    await c.runAction(id, { action: 'start' }); // already started: fine
    await c.runAction(id, { action: 'pause' });
    expect(inspectState(id).Status).toBe('paused');
    await c.runAction(id, { action: 'unpause' });
    expect(inspectState(id).Status).toBe('running');
    const before = docker('inspect', '--format', '{{.State.StartedAt}}', id);
    await c.runAction(id, { action: 'restart', timeout: 0 });
    expect(docker('inspect', '--format', '{{.State.StartedAt}}', id)).not.toBe(before);
    await c.runAction(id, { action: 'kill', signal: 'SIGKILL' });
    await waitFor(() => inspectState(id).Status === 'exited', 'killed container to exit');
    expect(inspectState(id).ExitCode).toBe(137);
    await c.runAction(id, { action: 'rename', name: `${name}-renamed` });
    expect(docker('inspect', '--format', '{{.Name}}', id)).toBe(`/${name}-renamed`);
  });

  it('stop honours the timeout before SIGKILL', async () => {
    // sh ignores SIGTERM as PID 1 without a handler, so stop must fall back to SIGKILL after -t.
    const id = runContainer(t.label, t.name('stubborn'), [], 'dockside/busybox', ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done']);
    await c.runAction(id, { action: 'stop', timeout: 1 });
    expect(inspectState(id)).toMatchObject({ Status: 'exited', ExitCode: 137 });
  });

  it('a failed action leaves the container as it was, with a clear error', async () => {
    const id = createContainer(t.label, t.name('failing'));
    await expectEngineError(c.runAction(id, { action: 'pause' }), 'conflict');
    expect(inspectState(id).Status).toBe('created');
    const runningId = runContainer(t.label, t.name('running-rm'), []);
    const err = await expectEngineError(c.remove(runningId), 'conflict');
    expect(err.message).toMatch(/stop|force/i);
    expect(inspectState(runningId).Running).toBe(true);
    await expectEngineError(c.runAction(runningId, { action: 'rename', name: t.name('failing') }), 'conflict');
    expect(docker('inspect', '--format', '{{.Name}}', runningId)).toBe(`/${t.name('running-rm')}`);
  });

  it('removes with force and anonymous volumes (-v)', async () => {
    const id = runContainer(t.label, t.name('rmv'), ['-v', '/data']);
    const volume = docker('inspect', '--format', '{{(index .Mounts 0).Name}}', id);
    await c.remove(id, { force: true, volumes: true });
    expect(docker('ps', '-aq', '--filter', `id=${id}`)).toBe('');
    expect(docker('volume', 'ls', '-q', '--filter', `name=${volume}`)).toBe('');
  });

  it('reports a missing container as not_found', async () => {
    await expectEngineError(c.inspect('dockside-no-such-container'), 'not_found');
    await expectEngineError(c.runAction('dockside-no-such-container', { action: 'start' }), 'not_found');
    await expectEngineError(c.remove('dockside-no-such-container'), 'not_found');
  });

  it('lists processes (docker top)', async () => {
    const id = runContainer(t.label, t.name('top'), [], 'dockside/busybox', ['sleep', '3600']);
    const top = await c.processes(id);
    expect(top.titles).toContain('PID');
    expect(top.processes.some((p) => p.join(' ').includes('sleep 3600'))).toBe(true);
  });

  it('previews and prunes stopped containers (scoped to this test by label)', async () => {
    // Its own label key: a second `dockside.test` label would replace the one cleanup looks for.
    const scope = `dockside.test-prune=${t.run}`;
    const a = docker('create', '--label', t.label, '--label', scope, '--name', t.name('prune-a'), 'dockside/busybox');
    const keep = docker('run', '-d', '--label', t.label, '--label', scope, '--name', t.name('prune-keep'), 'dockside/busybox', 'sleep', '3600');
    const preview = await c.previewPrune(scope);
    expect(preview.containers.map((x) => x.id)).toEqual([a]);
    const result = await c.prune(scope);
    expect(result.removed).toEqual([a]);
    expect(docker('ps', '-aq', '--no-trunc', '--filter', `label=${scope}`)).toBe(keep);
  });

  it('follows engine events', async () => {
    const seen: string[] = [];
    const stream = await engine.events.follow((e) => e.type === 'container' && e.attributes.name === t.name('events') && seen.push(e.action));
    runContainer(t.label, t.name('events'), [], 'dockside/busybox', ['true']);
    await waitFor(() => seen.includes('die'), 'die event');
    stream.close();
    await stream.done;
    expect(seen).toEqual(expect.arrayContaining(['create', 'start', 'die']));
  });
});
