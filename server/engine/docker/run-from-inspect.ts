import { parseVolume, shellQuote } from '../../../lib/protocol/run/run-line';
import type { RunMount, RunNetwork, RunSpec } from '../../../lib/protocol/run-spec';

/**
 * An existing container → the RunSpec that would make it again, holding only what differs from its
 * image (runlike's rule: image-inherited env, labels, volumes, the generated hostname and the MAC
 * are not copied, so "Copy as docker run" is the line a person would have typed). Pure: the engine
 * layer passes the inspect JSON of the container and of its image.
 */

/** An image's `Config` in its inspect JSON. */
export interface ImageConfigLike {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  User?: string;
  WorkingDir?: string;
  StopSignal?: string;
  Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
}

export interface InspectLike {
  Id: string;
  Name: string;
  /** The image's settings as the container got them, plus what only a container has. */
  Config: ImageConfigLike & {
    Image: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    AttachStdout?: boolean;
    Hostname?: string;
    Domainname?: string;
    StopTimeout?: number | null;
    MacAddress?: string;
  };
  HostConfig: {
    Binds?: string[] | null;
    Mounts?: Array<{ Type: string; Source?: string; Target: string; ReadOnly?: boolean; BindOptions?: { Propagation?: string } | null; VolumeOptions?: { NoCopy?: boolean } | null; TmpfsOptions?: { SizeBytes?: number; Mode?: number } | null }> | null;
    Tmpfs?: Record<string, string> | null;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    PublishAllPorts?: boolean;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    NetworkMode?: string;
    AutoRemove?: boolean;
    Privileged?: boolean;
    ReadonlyRootfs?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }> | null;
    ExtraHosts?: string[] | null;
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    DnsOptions?: string[] | null;
    Init?: boolean | null;
    Memory?: number;
    NanoCpus?: number;
    PidsLimit?: number | null;
    ShmSize?: number;
    LogConfig?: { Type?: string; Config?: Record<string, string> | null } | null;
  };
  NetworkSettings?: {
    Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null } | null> | null;
  } | null;
  Mounts?: Array<{ Type: string; Name?: string; Destination: string }> | null;
}

export interface FromInspectOptions {
  /** The engine's default log driver (`docker info` LoggingDriver): not repeated. */
  defaultLogDriver?: string;
}

/** The engine puts this PATH into a container whose image sets none. */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** `/dev/shm` is 64 MiB unless asked otherwise. */
const DEFAULT_SHM = 64 * 1024 * 1024;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface FromInspectResult {
  spec: RunSpec;
  /** What could not be carried exactly, in plain words. */
  notes: string[];
}

export function runSpecFromInspect(c: InspectLike, image: ImageConfigLike | null, opts: FromInspectOptions = {}): FromInspectResult {
  const img = image ?? {};
  const cfg = c.Config;
  const hc = c.HostConfig;
  const notes: string[] = [];
  const spec: RunSpec = { image: cfg.Image };
  const name = c.Name.replace(/^\//, '');
  if (name) spec.name = name;
  if (!image) notes.push('The image is gone, so every value is copied: none can be told apart from an image default.');

  // Entrypoint and command. With an entrypoint of its own, a container does not inherit the image's CMD.
  const entry = cfg.Entrypoint ?? [];
  const cmd = cfg.Cmd ?? [];
  if (!same(entry, img.Entrypoint ?? [])) {
    if (entry.length === 0) spec.entrypoint = '';
    else {
      spec.entrypoint = entry[0];
      if (entry.length > 1) notes.push(`The entrypoint has ${entry.length} words; the CLI takes one, so the rest lead the command.`);
    }
    const args = [...entry.slice(1), ...cmd];
    if (args.length) spec.command = args;
  } else if (!same(cmd, img.Cmd ?? []) && cmd.length) {
    spec.command = cmd;
  }

  const imageEnv = new Set(img.Env ?? []);
  const imageHasPath = [...imageEnv].some((e) => e.startsWith('PATH='));
  const env = (cfg.Env ?? []).filter((e) => !imageEnv.has(e) && !(e === DEFAULT_PATH && !imageHasPath));
  if (env.length) spec.env = env;

  const labels = Object.entries(cfg.Labels ?? {}).filter(([k, v]) => (img.Labels ?? {})[k] !== v);
  if (labels.length) spec.labels = Object.fromEntries(labels);

  if (cfg.WorkingDir && cfg.WorkingDir !== (img.WorkingDir ?? '')) spec.workdir = cfg.WorkingDir;
  if (cfg.User && cfg.User !== (img.User ?? '')) spec.user = cfg.User;
  // The engine names a container's host after its short id (and after the host's on the host network).
  if (cfg.Hostname && cfg.Hostname !== c.Id.slice(0, 12) && hc.NetworkMode !== 'host') spec.hostname = cfg.Hostname;
  if (cfg.Domainname) spec.domainname = cfg.Domainname;
  if (cfg.StopSignal && cfg.StopSignal !== (img.StopSignal ?? '') && cfg.StopSignal !== 'SIGTERM') spec.stopSignal = cfg.StopSignal;
  if (cfg.StopTimeout !== undefined && cfg.StopTimeout !== null) spec.stopTimeout = cfg.StopTimeout;
  if (cfg.MacAddress) spec.macAddress = cfg.MacAddress;
  if (cfg.Tty) spec.tty = true;
  if (cfg.OpenStdin) spec.interactive = true;
  if (cfg.AttachStdout === false) spec.detach = true;

  // Ports.
  const published = new Set<string>();
  for (const [key, bindings] of Object.entries(hc.PortBindings ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/') as [string, string];
    published.add(key);
    for (const b of bindings ?? [{}]) {
      (spec.ports ??= []).push({
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
        ...(b.HostPort ? { hostPort: b.HostPort } : {}),
        containerPort: port,
        protocol: protocol as 'tcp' | 'udp' | 'sctp',
      });
    }
  }
  if (hc.PublishAllPorts) spec.publishAll = true;
  const expose = Object.keys(cfg.ExposedPorts ?? {}).filter((k) => !published.has(k) && !(k in (img.ExposedPorts ?? {})));
  if (expose.length) spec.expose = expose.map((k) => (k.endsWith('/tcp') ? k.slice(0, -4) : k));

  // Mounts: binds as written, --mount entries, tmpfs, and anonymous volumes the image does not declare.
  const mounts: RunMount[] = [];
  for (const b of hc.Binds ?? []) {
    const m = parseVolume(b);
    if (typeof m === 'string') notes.push(`A bind "${b}" could not be read: ${m}`);
    else mounts.push(m);
  }
  for (const m of hc.Mounts ?? []) {
    if (m.Type !== 'bind' && m.Type !== 'volume' && m.Type !== 'tmpfs') {
      notes.push(`A ${m.Type} mount at ${m.Target} cannot be carried.`);
      continue;
    }
    const options: string[] = [];
    if (m.BindOptions?.Propagation) options.push(`bind-propagation=${m.BindOptions.Propagation}`);
    if (m.VolumeOptions?.NoCopy) options.push('volume-nocopy=true');
    if (m.TmpfsOptions?.SizeBytes) options.push(`tmpfs-size=${m.TmpfsOptions.SizeBytes}`);
    if (m.TmpfsOptions?.Mode) options.push(`tmpfs-mode=${m.TmpfsOptions.Mode.toString(8)}`);
    mounts.push({ type: m.Type, target: m.Target, readOnly: Boolean(m.ReadOnly), viaMount: true, ...(m.Source ? { source: m.Source } : {}), ...(options.length ? { options } : {}) });
  }
  for (const [target, o] of Object.entries(hc.Tmpfs ?? {})) {
    const options = o ? o.split(',').filter(Boolean) : [];
    mounts.push({ type: 'tmpfs', target, readOnly: options.includes('ro'), ...(options.filter((x) => x !== 'ro' && x !== 'rw').length ? { options: options.filter((x) => x !== 'ro' && x !== 'rw') } : {}) });
  }
  const targets = new Set(mounts.map((m) => m.target));
  for (const target of Object.keys(cfg.Volumes ?? {})) {
    if (!targets.has(target) && !(target in (img.Volumes ?? {}))) mounts.push({ type: 'volume', target, readOnly: false });
  }
  if (mounts.length) spec.mounts = mounts;

  if (hc.RestartPolicy?.Name && hc.RestartPolicy.Name !== 'no') {
    const r = hc.RestartPolicy;
    spec.restart = { name: r.Name as 'always' | 'unless-stopped' | 'on-failure', ...(r.Name === 'on-failure' && r.MaximumRetryCount ? { maxRetries: r.MaximumRetryCount } : {}) };
  }

  // Networks: the container's network mode first, then any other network it was connected to.
  const mode = hc.NetworkMode ?? 'default';
  const endpoints = c.NetworkSettings?.Networks ?? {};
  const shortId = c.Id.slice(0, 12);
  const networks: RunNetwork[] = [];
  const endpointOf = (netName: string): RunNetwork => {
    const ep = endpoints[netName];
    const aliases = (ep?.Aliases ?? []).filter((a) => a !== shortId && a !== c.Id);
    return { name: netName, ...(aliases.length ? { aliases } : {}), ...(ep?.IPAMConfig?.IPv4Address ? { ipv4: ep.IPAMConfig.IPv4Address } : {}) };
  };
  const onDefault = mode === 'default' || mode === 'bridge';
  if (!onDefault) networks.push(endpointOf(mode));
  for (const netName of Object.keys(endpoints)) {
    if (netName === mode || (onDefault && netName === 'bridge')) continue;
    networks.push(endpointOf(netName));
  }
  if (onDefault && networks.length) networks.unshift({ name: 'bridge' });
  if (networks.length) spec.networks = networks;

  if (hc.AutoRemove) spec.autoRemove = true;
  if (hc.Privileged) spec.privileged = true;
  if (hc.ReadonlyRootfs) spec.readOnlyRootfs = true;
  if (hc.Init) spec.init = true;
  // Written the short way people type them (`NET_ADMIN`); the engine keeps `CAP_NET_ADMIN`.
  if (hc.CapAdd?.length) spec.capAdd = hc.CapAdd.map((c) => c.replace(/^CAP_/, ''));
  if (hc.CapDrop?.length) spec.capDrop = hc.CapDrop.map((c) => c.replace(/^CAP_/, ''));
  // Privileged containers get `label=disable` added by the engine on SELinux hosts; not the user's.
  const securityOpt = (hc.SecurityOpt ?? []).filter((s) => !(hc.Privileged && s === 'label=disable'));
  if (securityOpt.length) spec.securityOpt = securityOpt;
  if (hc.Devices?.length) {
    spec.devices = hc.Devices.map((d) => [d.PathOnHost, d.PathInContainer === d.PathOnHost ? '' : d.PathInContainer, d.CgroupPermissions === 'rwm' ? '' : d.CgroupPermissions].filter(Boolean).join(':'));
  }
  if (hc.ExtraHosts?.length) spec.extraHosts = hc.ExtraHosts;
  if (hc.Dns?.length) spec.dns = hc.Dns;
  if (hc.DnsSearch?.length) spec.dnsSearch = hc.DnsSearch;
  if (hc.DnsOptions?.length) spec.dnsOptions = hc.DnsOptions;
  if (hc.Memory) spec.memory = hc.Memory;
  if (hc.NanoCpus) spec.cpus = hc.NanoCpus / 1e9;
  if (hc.PidsLimit) spec.pidsLimit = hc.PidsLimit;
  if (hc.ShmSize && hc.ShmSize !== DEFAULT_SHM) spec.shmSize = hc.ShmSize;

  const log = hc.LogConfig;
  if (log?.Type && log.Type !== (opts.defaultLogDriver ?? 'json-file')) spec.logDriver = log.Type;
  if (log?.Config && Object.keys(log.Config).length) spec.logOpts = { ...log.Config };

  const hcConf = cfg.Healthcheck;
  if (hcConf && !same(hcConf, img.Healthcheck)) {
    const test = hcConf.Test ?? [];
    if (test[0] === 'NONE') spec.noHealthcheck = true;
    else {
      const h: NonNullable<RunSpec['healthcheck']> = {};
      if (test[0] === 'CMD-SHELL' && test[1]) h.cmd = test[1];
      else if (test[0] === 'CMD' && test.length > 1) {
        h.cmd = test.slice(1).map(shellQuote).join(' ');
        notes.push('The health check ran without a shell (CMD form); --health-cmd runs it with one.');
      }
      if (hcConf.Interval) h.intervalNs = hcConf.Interval;
      if (hcConf.Timeout) h.timeoutNs = hcConf.Timeout;
      if (hcConf.StartPeriod) h.startPeriodNs = hcConf.StartPeriod;
      if (hcConf.Retries) h.retries = hcConf.Retries;
      if (Object.keys(h).length) spec.healthcheck = h;
    }
  }
  return { spec, notes };
}

/**
 * For a recreate: anonymous volumes (the container's own, and the ones its image declares) keep
 * their data only if the new container mounts the same volumes by name. A duplicate gets new ones.
 */
export function keepAnonymousVolumes(spec: RunSpec, c: InspectLike): RunSpec {
  const named = new Map<string, string>();
  for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) named.set(m.Destination, m.Name);
  const mounts = (spec.mounts ?? []).filter((m) => !(m.type === 'volume' && !m.source && named.has(m.target)));
  const explicit = new Set(mounts.map((m) => m.target));
  for (const [target, volume] of named) {
    if (!explicit.has(target)) mounts.push({ type: 'volume', source: volume, target, readOnly: false });
  }
  return mounts.length ? { ...spec, mounts } : spec;
}
