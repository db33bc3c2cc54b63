import { afterAll, describe, expect, it } from 'vitest';
import { docker, testRun, waitFor } from '../../../test/support/docker-cli';
import { EngineError } from '../errors';
import { dockerNetworks } from './networks';
import { resolveEngineEndpoint } from '../connection';
import { createDockerContext } from './context';
import { dockerVolumes } from './volumes';

const t = testRun('volnet');
const volumes = dockerVolumes(createDockerContext('default', resolveEngineEndpoint()));
const networks = dockerNetworks(createDockerContext('default', resolveEngineEndpoint()));
const made = { volumes: [] as string[], networks: [] as string[] };

afterAll(() => {
  t.cleanup();
  for (const n of made.networks) docker('network', 'rm', n).toString();
  if (made.volumes.length) docker('volume', 'rm', '-f', ...made.volumes);
});

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as EngineError);

describe('volumes against docker volume', () => {
  it('lists what `docker volume ls` lists, with the containers that use each', async () => {
    const name = t.name('vol');
    made.volumes.push(name);
    docker('volume', 'create', '--label', t.label, name);
    const user = t.name('vol-user');
    docker('create', '--label', t.label, '--name', user, '-v', `${name}:/data:ro`, 'dockside/busybox');
    const cli = docker('volume', 'ls', '-q').split('\n').filter(Boolean).sort();
    const listed = await volumes.list();
    expect(listed.map((v) => v.name).sort()).toEqual(cli);
    const mine = listed.find((v) => v.name === name)!;
    expect(mine.labels).toEqual({ 'dockside.test': t.run });
    expect(mine.usedBy).toEqual([expect.objectContaining({ name: user, running: false, destination: '/data', readOnly: true })]);
    expect(mine.mountpoint).toBe(JSON.parse(docker('volume', 'inspect', name))[0].Mountpoint);
  });

  it('creates with driver options and labels as `docker volume create` does, and refuses an existing name', async () => {
    const name = t.name('vol-new');
    made.volumes.push(name);
    const v = await volumes.create({ name, labels: { 'dockside.test': t.run, role: 'db' }, driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } });
    expect(v).toMatchObject({ name, driver: 'local', anonymous: false, usedBy: [] });
    const cli = JSON.parse(docker('volume', 'inspect', name))[0];
    expect(cli.Labels).toEqual({ 'dockside.test': t.run, role: 'db' });
    expect(cli.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' });
    expect((await errorOf(volumes.create({ name })))?.code).toBe('conflict');
  });

  it('refuses to remove a volume in use, naming the container; removes it once free', async () => {
    const name = t.name('vol-busy');
    made.volumes.push(name);
    docker('volume', 'create', '--label', t.label, name);
    const user = t.name('vol-busy-user');
    docker('run', '-d', '--label', t.label, '--name', user, '-v', `${name}:/data`, 'dockside/busybox', 'sleep', '600');
    const err = await errorOf(volumes.remove(name));
    expect(err?.code).toBe('conflict');
    expect(err?.message).toContain(user);
    expect(docker('volume', 'ls', '-q')).toContain(name);
    docker('rm', '-f', user);
    await volumes.remove(name);
    expect(docker('volume', 'ls', '-q').split('\n')).not.toContain(name);
  });

  it('measures sizes on demand, and two at once share one walk', async () => {
    const name = t.name('vol-size');
    made.volumes.push(name);
    docker('volume', 'create', '--label', t.label, name);
    docker('run', '--rm', '-v', `${name}:/data`, 'dockside/busybox', 'sh', '-c', 'head -c 200000 /dev/zero > /data/f');
    const [a, b] = await Promise.all([volumes.sizes(), volumes.sizes()]);
    expect(a).toBe(b);
    expect(a.sizes[name]).toBeGreaterThanOrEqual(200000);
  });

  it('previews prune as the unused volumes', async () => {
    const name = t.name('vol-unused');
    made.volumes.push(name);
    docker('volume', 'create', '--label', t.label, name);
    const preview = await volumes.previewPrune(false);
    expect(preview.volumes.map((v) => v.name)).toContain(name);
    const dangling = docker('volume', 'ls', '-q', '--filter', 'dangling=true').split('\n').filter(Boolean).sort();
    expect(preview.volumes.map((v) => v.name).sort()).toEqual(dangling);
  });
});

describe('volume files, read-only through a short-lived helper', () => {
  const helpers = () => docker('ps', '-aq', '--filter', 'label=dockside.helper=volume-browser');

  it('lists a folder, refuses a file as a folder, downloads a file as tar, and leaves no helper behind', async () => {
    const name = t.name('vol-files');
    made.volumes.push(name);
    docker('volume', 'create', '--label', t.label, name);
    docker('run', '--rm', '-v', `${name}:/data`, 'dockside/busybox', 'sh', '-c', 'mkdir -p /data/sub/deeper && echo hello > /data/greeting.txt && echo x > /data/sub/deeper/y && ln -s greeting.txt /data/link');
    const root = await volumes.files.list(name, '/');
    expect(root.entries.map((e) => [e.name, e.type])).toEqual([['sub', 'directory'], ['greeting.txt', 'file'], ['link', 'symlink']]);
    expect(root.entries.find((e) => e.name === 'greeting.txt')?.size).toBe(6);
    expect(root.helper).toMatch(/never started/);
    expect((await volumes.files.list(name, '/sub')).entries.map((e) => e.name)).toEqual(['deeper']);
    expect((await errorOf(volumes.files.list(name, '/greeting.txt')))?.code).toBe('bad_request');
    expect((await errorOf(volumes.files.list(name, '/nope')))?.code).toBe('not_found');
    expect((await errorOf(volumes.files.list(t.name('no-such-volume'), '/')))?.code).toBe('not_found');

    const { tar: stream } = await volumes.files.download(name, '/greeting.txt');
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString('latin1')).toContain('hello\n');
    await waitFor(() => helpers() === '', 'helpers removed');
    // The volume was mounted read-only: nothing in it changed.
    expect(docker('run', '--rm', '-v', `${name}:/data`, 'dockside/busybox', 'cat', '/data/greeting.txt')).toBe('hello');
  });
});

describe('networks against docker network', () => {
  it('creates a bridge with subnet, gateway, range, internal, attachable and labels as `docker network create` does', async () => {
    const name = t.name('net');
    made.networks.push(name);
    const n = await networks.create({ name, subnet: '10.213.120.0/24', gateway: '10.213.120.1', ipRange: '10.213.120.128/25', internal: true, attachable: true, labels: { 'dockside.test': t.run } });
    expect(n).toMatchObject({ name, driver: 'bridge', internal: true, attachable: true, builtIn: false, ipam: [{ subnet: '10.213.120.0/24', gateway: '10.213.120.1', ipRange: '10.213.120.128/25' }] });
    const cli = JSON.parse(docker('network', 'inspect', name))[0];
    expect(cli.IPAM.Config).toEqual([{ Subnet: '10.213.120.0/24', Gateway: '10.213.120.1', IPRange: '10.213.120.128/25' }]);
    expect(cli.Labels).toEqual({ 'dockside.test': t.run });
    expect((await errorOf(networks.create({ name })))?.code).toBe('conflict');
  });

  it('connects with aliases and a fixed address, lists the containers with addresses, disconnects', async () => {
    const name = t.name('net-conn');
    made.networks.push(name);
    docker('network', 'create', '--label', t.label, '--subnet', '10.213.121.0/24', name);
    const c1 = t.name('net-c1');
    docker('run', '-d', '--label', t.label, '--name', c1, 'dockside/busybox', 'sleep', '600');
    await networks.connect(name, { container: c1, aliases: ['db'], ipv4: '10.213.121.77' });
    const ep = JSON.parse(docker('inspect', c1))[0].NetworkSettings.Networks[name];
    expect(ep.IPAddress).toBe('10.213.121.77');
    expect(ep.Aliases).toContain('db');
    const listed = (await networks.list()).find((n) => n.name === name)!;
    expect(listed.containers).toEqual([expect.objectContaining({ containerName: c1, ipv4: '10.213.121.77', running: true })]);

    const err = await errorOf(networks.remove(name));
    expect(err?.code).toBe('conflict');
    expect(err?.message).toContain(c1);

    await networks.disconnect(name, { container: c1 });
    expect(Object.keys(JSON.parse(docker('inspect', c1))[0].NetworkSettings.Networks)).not.toContain(name);
    await networks.remove(name);
    made.networks.splice(made.networks.indexOf(name), 1);
    expect(docker('network', 'ls', '--format', '{{.Name}}').split('\n')).not.toContain(name);
  });

  it('marks and protects bridge, host and none; lists what `docker network ls` lists', async () => {
    const listed = await networks.list();
    expect(listed.map((n) => n.name).sort()).toEqual(docker('network', 'ls', '--format', '{{.Name}}').split('\n').sort());
    expect(listed.filter((n) => n.builtIn).map((n) => n.name).sort()).toEqual(['bridge', 'host', 'none']);
    expect((await errorOf(networks.remove('bridge')))?.code).toBe('forbidden');
    const preview = await networks.previewPrune();
    expect(preview.networks.some((n) => ['bridge', 'host', 'none'].includes(n.name))).toBe(false);
  });
});
