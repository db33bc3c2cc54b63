import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { healthFromStatus, toContainerDetail, toContainerState, toContainerSummary } from './reshape';

const listRow = {
  Id: 'a68bb3bcce12aaaa',
  Names: ['/web-1'],
  Image: 'dockside/web',
  ImageID: 'sha256:aa56',
  Command: 'httpd -f',
  Created: 1_700_000_000,
  State: 'running',
  Status: 'Up 2 minutes (healthy)',
  Ports: [
    { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { PrivatePort: 53, Type: 'udp' },
    { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
  ],
  Labels: { a: 'b' },
  SizeRw: 12,
  SizeRootFs: 2000,
} as unknown as ContainerInfo;

describe('toContainerSummary', () => {
  it('reshapes a list row into our type', () => {
    const s = toContainerSummary(listRow);
    expect(s).toMatchObject({ id: 'a68bb3bcce12aaaa', name: 'web-1', state: 'running', health: 'healthy', labels: { a: 'b' }, sizeRw: 12 });
    expect(s.ports).toEqual([
      { containerPort: 53, protocol: 'udp' },
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
      { containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 },
    ]);
    expect(s.sizeRootFs).toBe(2000);
    const { SizeRw: _a, SizeRootFs: _b, ...unsized } = listRow as unknown as Record<string, unknown>;
    expect('sizeRw' in toContainerSummary(unsized as unknown as ContainerInfo)).toBe(false);
  });

  it('falls back to the short id when there is no name', () => {
    expect(toContainerSummary({ ...listRow, Names: [] } as unknown as ContainerInfo).name).toBe('a68bb3bcce12');
  });
});

describe('states and health', () => {
  it('maps unknown states to dead rather than trusting them', () => {
    expect(toContainerState('Running')).toBe('running');
    expect(toContainerState('weird')).toBe('dead');
  });
  it.each([
    ['Up 1 second (health: starting)', 'starting'],
    ['Up 3 hours (unhealthy)', 'unhealthy'],
    ['Up 3 hours (healthy)', 'healthy'],
    ['Exited (0) 2 minutes ago', 'none'],
  ])('%s -> %s', (status, health) => expect(healthFromStatus(status)).toBe(health));
});

const inspect = (over: Partial<Record<string, unknown>> = {}) =>
  ({
    Id: 'abc',
    Name: '/web-1',
    Image: 'sha256:aa56',
    Created: '2026-11-22T10:00:00Z',
    RestartCount: 2,
    State: {
      Status: 'exited',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 3,
      Error: '',
      StartedAt: '2026-11-22T10:00:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 }, PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } },
    Config: {
      Image: 'dockside/web',
      Cmd: ['httpd', '-f'],
      Entrypoint: null,
      WorkingDir: '',
      User: '',
      Tty: false,
      Env: ['PATH=/bin'],
      Labels: { x: 'y' },
      ExposedPorts: { '80/tcp': {} },
      Hostname: 'abc',
    },
    Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Mode: '', RW: true }],
    NetworkSettings: { Ports: {}, Networks: { bridge: { IPAddress: '', Gateway: '', MacAddress: '', Aliases: null } } },
    ...over,
  }) as unknown as ContainerInspectInfo;

describe('toContainerDetail', () => {
  it('reshapes inspect output, with null times for the zero time', () => {
    const d = toContainerDetail(inspect());
    expect(d.name).toBe('web-1');
    expect(d.state).toMatchObject({ status: 'exited', exitCode: 3, finishedAt: null, startedAt: '2026-11-22T10:00:01Z', health: 'none' });
    expect(d.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 5 });
    expect(d.entrypoint).toEqual([]);
    expect(d.mounts[0]).toMatchObject({ type: 'volume', name: 'data', destination: '/data', rw: true });
    expect(d.exposedPorts).toEqual(['80/tcp']);
  });

  it('shows requested bindings for a stopped container and live ones for a running one', () => {
    expect(toContainerDetail(inspect()).ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }]);
    const running = inspect({
      State: { ...inspect().State, Status: 'running', Running: true },
      NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }], '443/tcp': null }, Networks: {} },
    });
    expect(toContainerDetail(running).ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 49153 }]);
  });
});
