import { describe, expect, it } from 'vitest';
import type { DiskUsage, EngineDetails } from '../../lib/protocol/engine-info';
import type { EngineEvent } from '../../lib/protocol/events';
import { docker, runContainer, testRun, waitFor } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';

const t = testRun('engine-page');
const file = serverForFile(t);

async function json<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await file.server.api(path);
  return { status: res.status, body: (await res.json()) as T };
}

describe('the engine page against docker info and docker system df', () => {
  it('reshapes docker version and docker info', async () => {
    const { status, body } = await json<EngineDetails>('/api/engine/info');
    expect(status).toBe(200);
    const info = JSON.parse(docker('info', '--format', '{{json .}}')) as Record<string, unknown>;
    const version = JSON.parse(docker('version', '--format', '{{json .Server}}')) as Record<string, unknown>;
    expect(body.version).toBe(version.Version);
    expect(body.apiVersion).toBe(version.ApiVersion);
    expect(body.os).toBe(info.OperatingSystem);
    expect(body.kernel).toBe(info.KernelVersion);
    expect(body.architecture).toBe(info.Architecture);
    expect(body.cpus).toBe(info.NCPU);
    expect(body.memoryBytes).toBe(info.MemTotal);
    expect(body.storageDriver).toBe(info.Driver);
    expect(body.cgroupDriver).toBe(info.CgroupDriver);
    expect(body.cgroupVersion).toBe(info.CgroupVersion);
    expect(body.loggingDriver).toBe(info.LoggingDriver);
    expect(body.dataRoot).toBe(info.DockerRootDir);
    expect(body.securityOptions).toEqual(info.SecurityOptions ?? []);
    expect(body.liveRestore).toBe(info.LiveRestoreEnabled);
    expect(body.swarm.state).toBe((info.Swarm as { LocalNodeState: string }).LocalNodeState);
    expect(body.plugins.log).toEqual((info.Plugins as { Log: string[] }).Log);
    const registry = info.RegistryConfig as { Mirrors: string[] | null; InsecureRegistryCIDRs: string[] | null };
    expect(body.registryMirrors).toEqual(registry.Mirrors ?? []);
    expect(body.insecureRegistries).toEqual(expect.arrayContaining(registry.InsecureRegistryCIDRs ?? []));
  });

  it('measures disk usage as docker system df does, and a concurrent request waits rather than fails', async () => {
    const id = runContainer(t.label, t.name('df'), [], 'dockside/busybox', ['sh', '-c', 'head -c 300000 /dev/zero > /big.part && mv /big.part /big; sleep 3600']);
    // Measured once the file is whole: `docker run -d` returns before the command has written it.
    await waitFor(() => docker('exec', id, 'ls', '/big') === '/big', 'the 300 kB file in the container');
    // Three at once: Docker 20.10 would refuse the second and third with "a disk usage operation is already running".
    const answers = await Promise.all([0, 1, 2].map(() => json<DiskUsage>('/api/engine/disk-usage')));
    for (const a of answers) expect(a.status).toBe(200);
    const df = answers[0]!.body;
    const cli = docker('system', 'df', '--format', '{{json .}}')
      .split('\n')
      .map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Active: string });
    const byType = Object.fromEntries(cli.map((r) => [r.Type, r]));
    const cliCount = (type: string) => Number(byType[type]!.TotalCount);
    const cat = (k: string) => df.categories.find((c) => c.kind === k)!;
    expect(cat('images').total).toBe(cliCount('Images'));
    expect(cat('containers').total).toBe(cliCount('Containers'));
    expect(cat('volumes').total).toBe(cliCount('Local Volumes'));
    expect(cat('buildCache').total).toBe(cliCount('Build Cache'));
    // The container's writable layer, as `docker ps -s` reports it (in bytes through inspect).
    const sizeRw = JSON.parse(docker('inspect', '--size', '--format', '{{json .SizeRw}}', id)) as number;
    const row = cat('containers').items.find((c) => c.id === id)!;
    expect(row.sizeBytes).toBe(sizeRw);
    expect(row.sizeBytes).toBeGreaterThanOrEqual(300_000);
    // By id: images built from the same busybox share one id, whose tags (other tests add and remove
    // some meanwhile) the engine lists in no fixed order; the row is named by them.
    const busyboxId = docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox');
    const image = cat('images').items.find((i) => i.id === busyboxId);
    expect(image?.name).toMatch(/:latest/);
  });

  it('reads a past window of events, bounded and filtered by type', async () => {
    const since = (Date.now() / 1000 - 1).toFixed(3);
    const id = runContainer(t.label, t.name('ev'), []);
    docker('stop', '-t', '0', id);
    const until = (Date.now() / 1000 + 1).toFixed(3);
    const { status, body } = await json<{ events: EngineEvent[]; truncated: boolean }>(`/api/engine/events?since=${since}&until=${until}&type=container`);
    expect(status).toBe(200);
    const mine = body.events.filter((e) => e.id === id).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['create', 'start', 'die', 'stop']));
    expect(body.events.every((e) => e.type === 'container')).toBe(true);
    const limited = await json<{ events: EngineEvent[]; truncated: boolean }>(`/api/engine/events?since=${since}&until=${until}&limit=1`);
    expect(limited.body.events).toHaveLength(1);
    expect(limited.body.truncated).toBe(true);
    expect((await file.server.api('/api/engine/events?since=yesterday')).status).toBe(400);
  });
});
