import type { PublishedPort, RunMount, RunSpec } from '../../../lib/protocol/run-spec';
import { parseDevice } from '../../../lib/protocol/run/run-line';

/**
 * RunSpec → the Engine API's `POST /containers/create` body, built the way the docker CLI builds it
 * from the same flags (`cli/command/container/opts.go` parse), so that a container made by Dockside
 * from a line inspects like one made by `docker create` from that line. Pure: the engine layer sends
 * it. Only the first network goes in the create call (engines before API 1.44 take one); the engine
 * connects the others after create.
 */

export interface EngineMountBody {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  BindOptions?: { Propagation?: string };
  VolumeOptions?: { NoCopy?: boolean };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface CreateBody {
  name?: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  Hostname?: string;
  Domainname?: string;
  User?: string;
  WorkingDir?: string;
  StopSignal?: string;
  StopTimeout?: number;
  MacAddress?: string;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
  HostConfig: {
    Binds?: string[];
    Mounts?: EngineMountBody[];
    Tmpfs?: Record<string, string>;
    PortBindings?: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    PublishAllPorts?: boolean;
    RestartPolicy?: { Name: string; MaximumRetryCount: number };
    NetworkMode?: string;
    AutoRemove?: boolean;
    Privileged?: boolean;
    ReadonlyRootfs?: boolean;
    CapAdd?: string[];
    CapDrop?: string[];
    SecurityOpt?: string[];
    Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }>;
    ExtraHosts?: string[];
    Dns?: string[];
    DnsSearch?: string[];
    DnsOptions?: string[];
    Init?: boolean;
    Memory?: number;
    NanoCpus?: number;
    PidsLimit?: number;
    ShmSize?: number;
    LogConfig?: { Type: string; Config: Record<string, string> };
  };
  NetworkingConfig?: {
    EndpointsConfig: Record<string, { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } }>;
  };
}

/** `80-81` → [80, 81]. */
function portList(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number) as [number, number | undefined];
  const out: number[] = [];
  for (let p = a; p <= (b ?? a); p++) out.push(p);
  return out;
}

/** `-p` entries → PortBindings, expanding ranges as the CLI does (go-connections nat.ParsePortSpec). */
export function portBindings(ports: PublishedPort[]): { bindings: CreateBody['HostConfig']['PortBindings']; exposed: string[]; error?: string } {
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  const exposed: string[] = [];
  for (const p of ports) {
    const container = portList(p.containerPort);
    const host = p.hostPort ? portList(p.hostPort) : [];
    if (host.length > 1 && container.length > 1 && host.length !== container.length) {
      return { bindings, exposed, error: `The host range ${p.hostPort} and the container range ${p.containerPort} differ in length.` };
    }
    container.forEach((port, i) => {
      const key = `${port}/${p.protocol}`;
      // One container port with a host range: the engine picks a free port from the range.
      const hostPort = host.length === 0 ? '' : container.length === 1 ? p.hostPort! : String(host[i]);
      (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: hostPort });
      if (!exposed.includes(key)) exposed.push(key);
    });
  }
  return { bindings, exposed };
}

function exposeKeys(expose: string[]): string[] {
  const out: string[] = [];
  for (const e of expose) {
    const [ports, proto = 'tcp'] = e.split('/') as [string, string | undefined];
    for (const p of portList(ports)) out.push(`${p}/${proto}`);
  }
  return out;
}

function bindString(m: RunMount): string {
  const opts = [...(m.readOnly ? ['ro'] : []), ...(m.options ?? [])];
  return `${m.source}:${m.target}${opts.length ? `:${opts.join(',')}` : ''}`;
}

function mountBody(m: RunMount): EngineMountBody {
  const body: EngineMountBody = { Type: m.type, Target: m.target };
  if (m.source) body.Source = m.source;
  if (m.readOnly) body.ReadOnly = true;
  for (const opt of m.options ?? []) {
    const [k, v = ''] = opt.split('=', 2) as [string, string | undefined];
    if (k === 'bind-propagation') body.BindOptions = { Propagation: v };
    else if (k === 'volume-nocopy') body.VolumeOptions = { NoCopy: v === '' || v === 'true' || v === '1' };
    else if (k === 'tmpfs-size') body.TmpfsOptions = { ...body.TmpfsOptions, SizeBytes: Number(v) };
    else if (k === 'tmpfs-mode') body.TmpfsOptions = { ...body.TmpfsOptions, Mode: parseInt(v, 8) };
  }
  return body;
}

/** `--device /dev/x[:/dev/y][:rwm]`. */
function deviceBody(d: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const { host, inContainer, perms } = parseDevice(d);
  return { PathOnHost: host, PathInContainer: inContainer, CgroupPermissions: perms };
}

/** `net_admin` → `CAP_NET_ADMIN`, as the CLI normalises it (`ALL` stays). */
export function capabilityName(cap: string): string {
  const upper = cap.toUpperCase();
  return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

export function buildCreateBody(spec: RunSpec, opts: { start: boolean }): CreateBody {
  // `docker run` without -d attaches stdout/stderr (and stdin with -i); `docker create` attaches
  // the same way by default. Dockside never attaches the create call itself, but keeping these
  // as the CLI would makes `docker start -a` and `docker attach` behave the same afterwards.
  const attached = !(opts.start && spec.detach);
  const body: CreateBody = {
    Image: spec.image,
    Tty: spec.tty ?? false,
    OpenStdin: spec.interactive ?? false,
    StdinOnce: Boolean(spec.interactive) && attached,
    AttachStdin: Boolean(spec.interactive) && attached,
    AttachStdout: attached,
    AttachStderr: attached,
    // The CLI always sends these (empty), and the engine keeps them as sent.
    HostConfig: { Devices: [], Dns: [], DnsSearch: [], DnsOptions: [], PortBindings: {}, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } },
  };
  const hc = body.HostConfig;
  if (spec.name) body.name = spec.name.replace(/^\//, '');
  if (spec.command?.length) body.Cmd = spec.command;
  if (spec.entrypoint !== undefined) body.Entrypoint = [spec.entrypoint];
  if (spec.env?.length) body.Env = spec.env;
  if (spec.labels && Object.keys(spec.labels).length) body.Labels = spec.labels;
  if (spec.hostname) body.Hostname = spec.hostname;
  if (spec.domainname) body.Domainname = spec.domainname;
  if (spec.user) body.User = spec.user;
  if (spec.workdir) body.WorkingDir = spec.workdir;
  if (spec.stopSignal) body.StopSignal = spec.stopSignal;
  if (spec.stopTimeout !== undefined) body.StopTimeout = spec.stopTimeout;
  if (spec.macAddress) body.MacAddress = spec.macAddress;

  const exposed = new Set<string>(exposeKeys(spec.expose ?? []));
  if (spec.ports?.length) {
    const { bindings, exposed: fromPorts } = portBindings(spec.ports);
    hc.PortBindings = bindings;
    fromPorts.forEach((k) => exposed.add(k));
  }
  if (exposed.size) body.ExposedPorts = Object.fromEntries([...exposed].map((k) => [k, {}]));
  if (spec.publishAll) hc.PublishAllPorts = true;

  for (const m of spec.mounts ?? []) {
    if (m.viaMount) (hc.Mounts ??= []).push(mountBody(m));
    else if (m.type === 'tmpfs') {
      const o = [...(m.readOnly ? ['ro'] : []), ...(m.options ?? [])];
      (hc.Tmpfs ??= {})[m.target] = o.join(',');
    } else if (m.source) (hc.Binds ??= []).push(bindString(m));
    else (body.Volumes ??= {})[m.target] = {};
  }

  if (spec.restart) hc.RestartPolicy = { Name: spec.restart.name, MaximumRetryCount: spec.restart.maxRetries ?? 0 };
  const first = spec.networks?.[0];
  hc.NetworkMode = first?.name ?? 'default';
  if (first && (first.aliases?.length || first.ipv4)) {
    body.NetworkingConfig = {
      EndpointsConfig: {
        [first.name]: {
          ...(first.aliases?.length ? { Aliases: first.aliases } : {}),
          ...(first.ipv4 ? { IPAMConfig: { IPv4Address: first.ipv4 } } : {}),
        },
      },
    };
  }
  if (spec.autoRemove) hc.AutoRemove = true;
  if (spec.privileged) hc.Privileged = true;
  if (spec.readOnlyRootfs) hc.ReadonlyRootfs = true;
  if (spec.capAdd?.length) hc.CapAdd = spec.capAdd.map(capabilityName);
  if (spec.capDrop?.length) hc.CapDrop = spec.capDrop.map(capabilityName);
  if (spec.securityOpt?.length) hc.SecurityOpt = spec.securityOpt;
  if (spec.devices?.length) hc.Devices = spec.devices.map(deviceBody);
  if (spec.extraHosts?.length) hc.ExtraHosts = spec.extraHosts;
  if (spec.dns?.length) hc.Dns = spec.dns;
  if (spec.dnsSearch?.length) hc.DnsSearch = spec.dnsSearch;
  if (spec.dnsOptions?.length) hc.DnsOptions = spec.dnsOptions;
  if (spec.init) hc.Init = true;
  if (spec.memory !== undefined) hc.Memory = spec.memory;
  if (spec.cpus !== undefined) hc.NanoCpus = Math.round(spec.cpus * 1e9);
  if (spec.pidsLimit !== undefined) hc.PidsLimit = spec.pidsLimit;
  if (spec.shmSize !== undefined) hc.ShmSize = spec.shmSize;
  if (spec.logDriver || spec.logOpts) hc.LogConfig = { Type: spec.logDriver ?? '', Config: spec.logOpts ?? {} };

  if (spec.noHealthcheck) body.Healthcheck = { Test: ['NONE'] };
  else if (spec.healthcheck && Object.keys(spec.healthcheck).length) {
    const h = spec.healthcheck;
    body.Healthcheck = {
      ...(h.cmd ? { Test: ['CMD-SHELL', h.cmd] } : {}),
      ...(h.intervalNs !== undefined ? { Interval: h.intervalNs } : {}),
      ...(h.timeoutNs !== undefined ? { Timeout: h.timeoutNs } : {}),
      ...(h.startPeriodNs !== undefined ? { StartPeriod: h.startPeriodNs } : {}),
      ...(h.retries !== undefined ? { Retries: h.retries } : {}),
    };
  }
  return body;
}
