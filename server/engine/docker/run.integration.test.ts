import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSpec } from '../../../lib/protocol/run-spec';
import { formatRunLine, normalizeRunSpec, parseRunLine, runSpecToArgv } from '../../../lib/protocol/run/run-line';
import { docker, servedPage, testRun } from '../../../test/support/docker-cli';
import { EngineError } from '../errors';
import { dockerRun, recreateSteps, RunFieldError, type RecreateStep } from './run';
import { resolveEngineEndpoint } from '../connection';
import { createDockerContext } from './context';

const t = testRun('run');
const net = `dst-${t.run}-net`;
let failBefore: RecreateStep | undefined;
const carried: string[] = [];
const api = dockerRun(createDockerContext('default', resolveEngineEndpoint()), { failBefore: () => failBefore });

beforeAll(() => {
  docker('network', 'create', '--label', t.label, '--subnet', '10.213.99.0/24', net);
});
afterAll(() => {
  t.cleanup();
  docker('network', 'rm', net);
  // Named ones, and the anonymous ones a recreate carried over by name (so `rm -v` keeps them).
  const volumes = [...docker('volume', 'ls', '-q', '--filter', `name=dst-${t.run}`).split('\n').filter(Boolean), ...carried];
  if (volumes.length) docker('volume', 'rm', '-f', ...volumes);
});

/** The parts of `docker inspect` that a run line decides (not ids, times, generated names, addresses). */
function decided(id: string): unknown {
  const i = JSON.parse(docker('inspect', id))[0];
  // The CLI itself sends env and binds in an order that varies from run to run (it goes through a map).
  const unordered = new Set(['Env', 'Binds', 'Mounts']);
  const pick = (o: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, unordered.has(k) && Array.isArray(o[k]) ? [...(o[k] as unknown[])].map((x) => JSON.stringify(x)).sort() : (o[k] ?? null)]));
  return {
    Config: pick(i.Config, ['Cmd', 'Entrypoint', 'Env', 'Labels', 'ExposedPorts', 'Volumes', 'Tty', 'OpenStdin', 'StdinOnce', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'User', 'WorkingDir', 'Domainname', 'StopSignal', 'StopTimeout', 'Healthcheck', 'MacAddress', 'Image']),
    HostConfig: pick(i.HostConfig, ['Binds', 'Mounts', 'Tmpfs', 'PortBindings', 'PublishAllPorts', 'RestartPolicy', 'NetworkMode', 'AutoRemove', 'Privileged', 'ReadonlyRootfs', 'CapAdd', 'CapDrop', 'SecurityOpt', 'Devices', 'ExtraHosts', 'Dns', 'DnsSearch', 'DnsOptions', 'Init', 'Memory', 'NanoCpus', 'PidsLimit', 'ShmSize', 'LogConfig']),
    Networks: Object.fromEntries(
      Object.entries(i.NetworkSettings.Networks as Record<string, { Aliases: string[] | null; IPAMConfig: unknown }>).map(([k, v]) => [
        k,
        { Aliases: (v.Aliases ?? []).filter((a) => !id.startsWith(a)), IPAMConfig: v.IPAMConfig },
      ]),
    ),
    Mounts: (i.Mounts as Array<{ Type: string; Destination: string; RW: boolean; Source: string; Name?: string }>)
      .map((m) => ({ Type: m.Type, Destination: m.Destination, RW: m.RW, ...(m.Type === 'bind' ? { Source: m.Source } : {}) }))
      .sort((a, b) => a.Destination.localeCompare(b.Destination)),
  };
}

// Real-world lines; each is run through the docker CLI and through Dockside, and both containers
// must inspect the same. `NAME` is replaced by a different name for each side.
const lines = [
  'docker create --name NAME dockside/busybox',
  'docker create --name NAME -it -e A=1 -e "B=two words" -l role=web -w /tmp -u 1000:1000 --hostname h1 dockside/busybox sh -c "echo \'hi\'; sleep 1"',
  "docker create --name NAME --entrypoint '' dockside/web httpd -f -p 8080",
  'docker create --name NAME -p 127.0.0.1:18080-18081:80-81/udp -p 18443:443 -p 53 -P --expose 9000 dockside/web',
  'docker create --name NAME -v NAME-data:/data:ro -v /tmp:/host-tmp -v /anon --tmpfs /run:size=8m --mount type=bind,src=/etc,dst=/host-etc,readonly dockside/busybox',
  `docker create --name NAME --restart on-failure:5 --network ${net} --network-alias web --ip 10.213.99.50 dockside/busybox`,
  'docker create --name NAME --restart unless-stopped --rm=false -m 64m --cpus 0.5 --pids-limit 100 --shm-size 128m --init --read-only --cap-add NET_ADMIN --cap-drop MKNOD dockside/busybox',
  "docker create --name NAME --health-cmd 'wget -q -O- http://localhost/ || exit 1' --health-interval 30s --health-timeout 5s --health-retries 3 --health-start-period 1m dockside/web",
  'docker create --name NAME --device /dev/null:/dev/mynull:rw --device /dev/zero --security-opt no-new-privileges --security-opt seccomp=unconfined --dns 10.0.0.53 --dns 10.0.0.54 --dns-search example.com --dns-option ndots:2 --add-host db:10.0.0.5 --add-host v6:fd00::5 --shm-size 32m --stop-signal SIGQUIT --stop-timeout 5 dockside/busybox',
  "docker create --name NAME --health-cmd 'test -e /tmp' --health-interval 10s --health-timeout 2s --health-retries 4 --health-start-period 5s dockside/busybox",
  'docker create --name NAME --no-healthcheck --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 --stop-signal SIGINT --stop-timeout 20 --add-host db:10.0.0.5 --dns 10.0.0.53 dockside/busybox',
];

describe('run: Dockside makes what the docker CLI makes from the same line', () => {
  it.each(lines.map((l, i) => [i, l] as const))('line %i: %s', async (i, line) => {
    const cliName = t.name(`cli${i}`);
    const dsName = t.name(`ds${i}`);
    const withLabel = (l: string, name: string) => l.replace(/NAME/g, name).replace(/^docker create /, `docker create --label ${t.label} `);
    const cliParsed = parseRunLine(withLabel(line, cliName));
    expect(cliParsed.errors).toEqual([]);
    expect(cliParsed.unsupported).toEqual([]);
    docker(...runSpecToArgv(cliParsed.spec, 'create').slice(1));
    const parsed = parseRunLine(withLabel(line, dsName));
    const made = await api.create({ spec: parsed.spec, start: false });
    expect(made.name).toBe(dsName);

    const norm = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll(cliName, 'NAME').replaceAll(dsName, 'NAME'));
    expect(norm(decided(made.id))).toEqual(norm(decided(cliName)));
    // And the CLI line made from the parsed line is the one the CLI was given, as words.
    expect(normalizeRunSpec(parseRunLine(formatRunLine(parsed.spec, 'create')).spec)).toEqual(normalizeRunSpec(parsed.spec));
  });

  it('sets the MAC address as --mac-address does (the CLI here cannot: it needs API 1.44 for it, the engine speaks 1.41)', async () => {
    const name = t.name('mac');
    const made = await api.create({ spec: parseRunLine(`docker create --name ${name} --label ${t.label} --mac-address 02:42:ac:11:00:99 dockside/busybox`).spec, start: false });
    const i = JSON.parse(docker('inspect', made.id))[0];
    expect(i.Config.MacAddress ?? i.NetworkSettings.Networks.bridge?.MacAddress).toBe('02:42:ac:11:00:99');
    expect((await api.specOf(name)).spec.macAddress).toBe('02:42:ac:11:00:99');
  });

  it('reads back a CLI-made container as the line that made it (only what differs from the image)', async () => {
    const name = t.name('back');
    const line = `docker run -d --name ${name} --label ${t.label} -e A=1 -p 127.0.0.1:18090:80 -v ${name}-v:/data --restart always --network ${net} --network-alias w1 dockside/web`;
    docker(...runSpecToArgv(parseRunLine(line).spec, 'run').slice(1));
    const { spec } = await api.specOf(name);
    expect(normalizeRunSpec(spec)).toEqual(normalizeRunSpec(parseRunLine(line).spec));
  });
});

describe('run: create and start', () => {
  it('publishes a port that serves a page', async () => {
    const name = t.name('serve');
    const r = await api.create({ spec: { image: 'dockside/web', name, detach: true, labels: { 'dockside.test': t.run }, ports: [{ hostIp: '127.0.0.1', containerPort: '80', protocol: 'tcp' }] }, start: true });
    expect(r.started).toBe(true);
    const body = await servedPage(name);
    expect(body.length).toBeGreaterThan(0);
  });

  it('names the field an engine error concerns', async () => {
    const name = t.name('taken');
    docker('create', '--label', t.label, '--name', name, 'dockside/busybox');
    const inUse = await api.create({ spec: { image: 'dockside/busybox', name, labels: { 'dockside.test': t.run } }, start: false }).catch((e: unknown) => e);
    expect(inUse).toBeInstanceOf(RunFieldError);
    expect(inUse).toMatchObject({ code: 'conflict', field: 'name' });

    const noImage = await api.create({ spec: { image: 'dockside/not-here:1', labels: { 'dockside.test': t.run } }, start: false }).catch((e: unknown) => e);
    expect(noImage).toMatchObject({ code: 'not_found', field: 'image' });
    expect((noImage as Error).message).toMatch(/pull it first/);

    const noNet = await api.create({ spec: { image: 'dockside/busybox', networks: [{ name: 'dst-no-such-net' }], labels: { 'dockside.test': t.run } }, start: false }).catch((e: unknown) => e);
    expect(noNet).toMatchObject({ field: 'networks' });
  });

  it('reports a container that was made but did not start (port taken), and leaves it for the user', async () => {
    const holder = t.name('holder');
    docker('run', '-d', '--label', t.label, '--name', holder, '-p', '127.0.0.1:18181:80', 'dockside/web');
    const r = await api.create({ spec: { image: 'dockside/web', name: t.name('second'), labels: { 'dockside.test': t.run }, ports: [{ hostIp: '127.0.0.1', hostPort: '18181', containerPort: '80', protocol: 'tcp' }] }, start: true });
    expect(r.started).toBe(false);
    expect(r.startError).toMatchObject({ field: 'ports' });
    expect(JSON.parse(docker('inspect', r.id))[0].State.Status).toBe('created');
  });
});

describe('run: recreate cannot lose the container', () => {
  function makeOld(suffix: string): { name: string; id: string } {
    const name = t.name(suffix);
    const id = docker('run', '-d', '--stop-timeout', '1', '--label', t.label, '--name', name, '-e', 'V=1', '-p', '127.0.0.1::80', '-v', '/www-data', 'dockside/web');
    carried.push(JSON.parse(docker('inspect', id))[0].Mounts[0].Name);
    return { name, id };
  }
  const leftovers = (name: string) => docker('ps', '-a', '--format', '{{.Names}}', '--filter', `label=${t.label}`).split('\n').filter((n) => n.startsWith(`${name}-`));

  it('replaces a running container with the edited one, keeping its name, ports and anonymous volume', async () => {
    const { name, id } = makeOld('re-ok');
    const volume = JSON.parse(docker('inspect', id))[0].Mounts[0].Name;
    const { spec } = await api.specOf(name);
    const r = await api.recreate(name, { ...spec, env: ['V=2'] });
    expect(r.name).toBe(name);
    const now = JSON.parse(docker('inspect', name))[0];
    expect(now.Id).not.toBe(id);
    expect(now.State.Running).toBe(true);
    expect(now.Config.Env).toContain('V=2');
    expect(now.Mounts[0].Name).toBe(volume);
    expect(() => docker('inspect', id)).toThrow();
    expect(leftovers(name)).toEqual([]);
  });

  it.each(recreateSteps.filter((s) => s !== 'remove-old'))('a failure before %s restores the old container as it was', async (step) => {
    const { name, id } = makeOld(`re-${step}`);
    const { spec } = await api.specOf(name);
    failBefore = step;
    const err = await api.recreate(name, { ...spec, env: ['V=2'] }).catch((e: unknown) => e);
    failBefore = undefined;
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(step === 'create' ? /Forced failure/ : /kept/);
    const now = JSON.parse(docker('inspect', name))[0];
    expect(now.Id).toBe(id);
    expect(now.State.Running).toBe(true);
    expect(now.Config.Env).toContain('V=1');
    expect(leftovers(name)).toEqual([]);
  });

  it('a failure removing the old one loses nothing: the new one runs, the old is kept and named', async () => {
    const { name, id } = makeOld('re-remove');
    const { spec } = await api.specOf(name);
    failBefore = 'remove-old';
    const r = await api.recreate(name, { ...spec, env: ['V=2'] });
    failBefore = undefined;
    expect(r.steps.at(-1)).toMatch(/kept as/);
    expect(JSON.parse(docker('inspect', name))[0].State.Running).toBe(true);
    expect(JSON.parse(docker('inspect', id))[0].Name).toMatch(/-old-/);
  });

  it('a real failure (the new one cannot start: its port is taken elsewhere) restores the old one', async () => {
    const { name, id } = makeOld('re-port');
    docker('run', '-d', '--label', t.label, '--name', t.name('holder-port'), '-p', '127.0.0.1:18383:80', 'dockside/web');
    const { spec } = await api.specOf(name);
    const edited: RunSpec = { ...spec, ports: [{ hostIp: '127.0.0.1', hostPort: '18383', containerPort: '80', protocol: 'tcp' }] };
    const err = await api.recreate(name, edited).catch((e: unknown) => e);
    expect(err).toMatchObject({ field: 'ports' });
    const now = JSON.parse(docker('inspect', name))[0];
    expect(now.Id).toBe(id);
    expect(now.State.Running).toBe(true);
    expect(leftovers(name)).toEqual([]);
  });
});
