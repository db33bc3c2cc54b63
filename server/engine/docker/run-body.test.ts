import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRunSpec, riskWarnings } from '../../../lib/protocol/run/checks';
import { normalizeRunSpec, parseRunLine } from '../../../lib/protocol/run/run-line';
import { specArb } from '../../../lib/protocol/run/testing/arbitraries';
import type { RunSpec } from '../../../lib/protocol/run-spec';
import { buildCreateBody, portBindings, type CreateBody } from './run-body';
import { keepAnonymousVolumes, runSpecFromInspect, type ImageConfigLike, type InspectLike } from './run-from-inspect';

const ID = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789';

/** What an engine keeps of a create body, before it merges the image (enough for these tests). */
function storedAs(body: CreateBody, image: ImageConfigLike = {}): InspectLike {
  const { HostConfig, NetworkingConfig, name, ...config } = body;
  const eps = NetworkingConfig?.EndpointsConfig ?? {};
  return {
    Id: ID,
    Name: `/${name ?? 'generated_name'}`,
    Config: {
      ...config,
      Cmd: config.Cmd ?? (config.Entrypoint ? null : image.Cmd),
      Entrypoint: config.Entrypoint ?? image.Entrypoint,
      Env: [...(image.Env ?? []), ...(config.Env ?? [])],
      Labels: { ...image.Labels, ...config.Labels },
      Hostname: config.Hostname ?? ID.slice(0, 12),
    },
    HostConfig,
    NetworkSettings: {
      Networks: Object.fromEntries(
        Object.entries(eps).map(([k, v]) => [k, { Aliases: [...(v.Aliases ?? []), ID.slice(0, 12)], IPAMConfig: v.IPAMConfig ?? null }]),
      ),
    },
  };
}

describe('buildCreateBody', () => {
  it('builds what the CLI builds for a typical line', () => {
    const { spec } = parseRunLine(
      'docker run -d --name web -p 127.0.0.1:8080-8081:80-81/udp -v data:/data:ro -v /srv:/srv --tmpfs /run:size=8m -e A=1 --restart on-failure:5 --network app --network-alias w --entrypoint "" -m 64m --cpus 0.5 img a b',
    );
    const body = buildCreateBody(spec, { start: true });
    expect(body).toMatchObject({
      name: 'web',
      Image: 'img',
      Cmd: ['a', 'b'],
      Entrypoint: [''],
      Env: ['A=1'],
      ExposedPorts: { '80/udp': {}, '81/udp': {} },
      AttachStdout: false,
      HostConfig: {
        Binds: ['data:/data:ro', '/srv:/srv'],
        Tmpfs: { '/run': 'size=8m' },
        PortBindings: { '80/udp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '81/udp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
        NetworkMode: 'app',
        Memory: 64 * 1024 * 1024,
        NanoCpus: 500_000_000,
      },
      NetworkingConfig: { EndpointsConfig: { app: { Aliases: ['w'] } } },
    });
  });

  it('lets the engine pick from a host range for one container port', () => {
    expect(portBindings([{ hostPort: '9000-9010', containerPort: '80', protocol: 'tcp' }]).bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '9000-9010' }] });
    expect(portBindings([{ hostPort: '1-3', containerPort: '1-2', protocol: 'tcp' }]).error).toMatch(/differ in length/);
  });

  it('finds problems before the engine does, and warns in plain words', () => {
    expect(checkRunSpec({ image: 'x', networks: [{ name: 'host' }], ports: [{ containerPort: '80', protocol: 'tcp' }] })[0]?.field).toBe('ports');
    expect(checkRunSpec({ image: 'x', networks: [{ name: 'bridge', aliases: ['a'] }] })[0]?.field).toBe('networks');
    expect(checkRunSpec({ image: 'x', networks: [{ name: 'c' }, { name: 'c' }] })[0]).toEqual({ field: 'networks', message: 'The network c is listed twice.' });
    const w = riskWarnings({ image: 'x', privileged: true, mounts: [{ type: 'bind', source: '/', target: '/host', readOnly: false }, { type: 'bind', source: '/var/run/docker.sock', target: '/s', readOnly: false }] });
    expect(w).toHaveLength(3);
  });
});

describe('runSpecFromInspect', () => {
  const image: ImageConfigLike = { Cmd: ['httpd', '-f'], Env: ['PATH=/bin', 'LANG=C'], Labels: { maintainer: 'x' }, ExposedPorts: { '80/tcp': {} }, WorkingDir: '/www' };

  it('keeps only what differs from the image (no inherited env, labels, hostname)', () => {
    const { spec } = parseRunLine('docker run -d --name w -e A=1 -l role=web -p 8080:80 dockside/web');
    const inspect = storedAs(buildCreateBody(spec, { start: true }), image);
    inspect.Config.WorkingDir = '/www';
    inspect.Config.ExposedPorts = { '80/tcp': {} };
    expect(runSpecFromInspect(inspect, image).spec).toEqual(spec);
  });

  it('splits a many-word entrypoint the CLI cannot write, and says so', () => {
    const inspect = storedAs(buildCreateBody({ image: 'i' }, { start: false }));
    inspect.Config.Entrypoint = ['sh', '-c'];
    inspect.Config.Cmd = ['echo hi'];
    const r = runSpecFromInspect(inspect, {});
    expect(r.spec).toMatchObject({ entrypoint: 'sh', command: ['-c', 'echo hi'] });
    expect(r.notes.join(' ')).toMatch(/entrypoint has 2 words/);
  });

  it('spec → create body → stored → spec is the identity', () => {
    const noRanges = (s: RunSpec) => !(s.ports ?? []).some((p) => p.containerPort.includes('-') || p.hostPort?.includes('-'));
    const onUserNetworks = (s: RunSpec) => !(s.networks ?? []).some((n) => ['bridge', 'host', 'none', 'default'].includes(n.name));
    fc.assert(
      fc.property(specArb.filter(noRanges).filter(onUserNetworks), (spec) => {
        const body = buildCreateBody(spec, { start: true });
        const stored = storedAs(body);
        // The engine keeps the networks beyond the first once they are connected.
        for (const n of (spec.networks ?? []).slice(1)) {
          stored.NetworkSettings!.Networks![n.name] = { Aliases: n.aliases ?? [], IPAMConfig: n.ipv4 ? { IPv4Address: n.ipv4 } : null };
        }
        const expected = normalizeRunSpec(spec);
        const got = normalizeRunSpec(runSpecFromInspect(stored, {}, { defaultLogDriver: '(none)' }).spec);
        if (!spec.name) delete (got as { name?: string }).name;
        // The engine keeps binds, --mount entries, tmpfs and anonymous volumes apart: order within each kind only.
        const byTarget = (s: RunSpec) => s.mounts?.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
        byTarget(got);
        byTarget(expected);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a recreate mounts the old anonymous volumes by name', () => {
    const inspect = storedAs(buildCreateBody({ image: 'i', mounts: [{ type: 'volume', target: '/data', readOnly: false }] }, { start: false }));
    inspect.Mounts = [{ Type: 'volume', Name: 'f00d', Destination: '/data' }, { Type: 'volume', Name: 'beef', Destination: '/from-image' }];
    const spec = keepAnonymousVolumes(runSpecFromInspect(inspect, {}).spec, inspect);
    expect(spec.mounts).toEqual([
      { type: 'volume', source: 'f00d', target: '/data', readOnly: false },
      { type: 'volume', source: 'beef', target: '/from-image', readOnly: false },
    ]);
  });
});
