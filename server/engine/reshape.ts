import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';
import {
  containerStates,
  type ContainerDetail,
  type ContainerState,
  type ContainerSummary,
  type HealthState,
  type PortMapping,
} from '../../lib/protocol/containers';

export function toContainerState(raw: string | undefined): ContainerState {
  const s = (raw ?? '').toLowerCase();
  return (containerStates as readonly string[]).includes(s) ? (s as ContainerState) : 'dead';
}

/** The list endpoint carries health only inside the status text, e.g. "Up 2 minutes (healthy)". */
export function healthFromStatus(status: string): HealthState {
  if (/\(health: starting\)/.test(status)) return 'starting';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(healthy\)/.test(status)) return 'healthy';
  return 'none';
}

function toProtocol(p: string | undefined): PortMapping['protocol'] {
  return p === 'udp' || p === 'sctp' ? p : 'tcp';
}

function sortPorts(ports: PortMapping[]): PortMapping[] {
  return ports.sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      a.protocol.localeCompare(b.protocol) ||
      // IPv4 before IPv6 for the same binding, as docker ps prints them.
      Number((a.hostIp ?? '').includes(':')) - Number((b.hostIp ?? '').includes(':')) ||
      (a.hostIp ?? '').localeCompare(b.hostIp ?? '') ||
      (a.hostPort ?? 0) - (b.hostPort ?? 0),
  );
}

export function toContainerSummary(raw: ContainerInfo): ContainerSummary {
  const ports = sortPorts(
    (raw.Ports ?? []).map((p) => ({
      containerPort: p.PrivatePort,
      protocol: toProtocol(p.Type),
      ...(p.PublicPort ? { hostPort: p.PublicPort, hostIp: p.IP || '0.0.0.0' } : {}),
    })),
  );
  const status = raw.Status ?? '';
  const extra = raw as ContainerInfo & { SizeRw?: number; SizeRootFs?: number };
  return {
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    image: raw.Image,
    imageId: raw.ImageID,
    command: raw.Command ?? '',
    created: raw.Created,
    state: toContainerState(raw.State),
    status,
    health: healthFromStatus(status),
    ports,
    labels: raw.Labels ?? {},
    // With size=1 the engine omits SizeRw when it is 0; SizeRootFs tells us sizes were measured.
    ...(extra.SizeRootFs !== undefined ? { sizeRw: extra.SizeRw ?? 0, sizeRootFs: extra.SizeRootFs } : {}),
  };
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const timeOrNull = (t: string | undefined) => (!t || t === ZERO_TIME ? null : t);

function toHealth(raw: ContainerInspectInfo['State']['Health']): HealthState {
  const s = raw?.Status;
  return s === 'starting' || s === 'healthy' || s === 'unhealthy' ? s : 'none';
}

/** `docker port` shape: one row per binding; unpublished exposed ports have no host side. */
function portsFromBindings(bindings: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | undefined): PortMapping[] {
  const out: PortMapping[] = [];
  for (const [key, hosts] of Object.entries(bindings ?? {})) {
    const [port, proto] = key.split('/');
    const containerPort = Number(port);
    if (!hosts?.length) {
      out.push({ containerPort, protocol: toProtocol(proto) });
      continue;
    }
    for (const h of hosts) {
      out.push({ containerPort, protocol: toProtocol(proto), hostIp: h.HostIp || '0.0.0.0', hostPort: Number(h.HostPort) });
    }
  }
  return sortPorts(out);
}

const asArray = (v: string | string[] | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

export function toContainerDetail(raw: ContainerInspectInfo): ContainerDetail {
  const st = raw.State;
  const status: ContainerState = toContainerState(st.Status);
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config.Image,
    imageId: raw.Image,
    created: raw.Created,
    state: {
      status,
      running: st.Running,
      paused: st.Paused,
      restarting: st.Restarting,
      oomKilled: st.OOMKilled,
      pid: st.Pid,
      exitCode: st.ExitCode,
      error: st.Error ?? '',
      startedAt: timeOrNull(st.StartedAt),
      finishedAt: timeOrNull(st.FinishedAt),
      health: toHealth(st.Health),
    },
    restartPolicy: {
      name: raw.HostConfig.RestartPolicy?.Name || 'no',
      maximumRetryCount: raw.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    restartCount: raw.RestartCount,
    command: asArray(raw.Config.Cmd),
    entrypoint: asArray(raw.Config.Entrypoint as string | string[] | undefined),
    workingDir: raw.Config.WorkingDir ?? '',
    user: raw.Config.User ?? '',
    tty: raw.Config.Tty,
    env: raw.Config.Env ?? [],
    labels: raw.Config.Labels ?? {},
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      source: m.Source,
      destination: m.Destination,
      mode: m.Mode,
      rw: m.RW,
      ...(m.Name ? { name: m.Name } : {}),
    })),
    networks: Object.entries(raw.NetworkSettings.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress,
      gateway: n.Gateway,
      macAddress: n.MacAddress,
      aliases: n.Aliases ?? [],
    })),
    ports: portsFromBindings(
      // A running container reports live bindings; a stopped one only what it asked for.
      (status === 'running' || status === 'paused' ? raw.NetworkSettings.Ports : raw.HostConfig.PortBindings) as Record<
        string,
        Array<{ HostIp: string; HostPort: string }> | null
      >,
    ).filter((p) => p.hostPort !== undefined),
    exposedPorts: Object.keys(raw.Config.ExposedPorts ?? {}),
    hostname: raw.Config.Hostname,
  };
}
