/**
 * The docker CLI's own flags for `docker run` / `docker create`, with their arity, from docker/cli
 * (`cli/command/container/opts.go` addFlags, plus `run.go`/`create.go`), the union of 20.10 to 28.
 * A parser needs the arity of every flag, supported or not, so that a value is consumed by the flag
 * that owns it and never mistaken for the image; a flag missing from this table is reported as
 * unknown and takes nothing.
 *
 * `takesValue: false` = a boolean flag (`--rm`, `-d`), which may still be written `--rm=false`.
 */
export interface DockerFlag {
  /** Long name without dashes, as the CLI documents it. */
  name: string;
  short?: string;
  /** Other long names for the same flag (hidden legacy spellings). */
  aliases?: string[];
  takesValue: boolean;
  /** Only `docker run` has it (`create` would reject it). */
  runOnly?: boolean;
}

const v = (name: string, short?: string, aliases?: string[]): DockerFlag => ({ name, short, aliases, takesValue: true });
const b = (name: string, short?: string): DockerFlag => ({ name, short, takesValue: false });

export const dockerRunFlags: readonly DockerFlag[] = [
  // run.go / create.go: not stored in Config/HostConfig
  { ...b('detach', 'd'), runOnly: true },
  { ...b('sig-proxy'), runOnly: true },
  v('name'),
  { ...v('detach-keys'), runOnly: true },
  v('pull'),
  b('quiet', 'q'),
  b('use-api-socket'),
  b('help'),
  v('platform'),
  b('disable-content-trust'),
  // General purpose
  v('attach', 'a'),
  v('device-cgroup-rule'),
  v('device'),
  v('gpus'),
  v('env', 'e'),
  v('env-file'),
  v('entrypoint'),
  v('group-add'),
  v('hostname', 'h'),
  v('domainname'),
  b('interactive', 'i'),
  v('label', 'l'),
  v('label-file'),
  b('read-only'),
  v('restart'),
  v('stop-signal'),
  v('stop-timeout'),
  v('sysctl'),
  b('tty', 't'),
  v('ulimit'),
  v('user', 'u'),
  v('workdir', 'w'),
  b('rm'),
  v('annotation'),
  // Security
  v('cap-add'),
  v('cap-drop'),
  b('privileged'),
  v('security-opt'),
  v('userns'),
  v('cgroupns'),
  // Network and port publishing
  v('add-host'),
  v('dns'),
  v('dns-option', undefined, ['dns-opt']),
  v('dns-search'),
  v('expose'),
  v('ip'),
  v('ip6'),
  v('link'),
  v('link-local-ip'),
  v('mac-address'),
  v('publish', 'p'),
  b('publish-all', 'P'),
  v('network', undefined, ['net']),
  v('network-alias', undefined, ['net-alias']),
  // Logging and storage
  v('log-driver'),
  v('volume-driver'),
  v('log-opt'),
  v('storage-opt'),
  v('tmpfs'),
  v('volumes-from'),
  v('volume', 'v'),
  v('mount'),
  // Health-checking
  v('health-cmd'),
  v('health-interval'),
  v('health-retries'),
  v('health-timeout'),
  v('health-start-period'),
  v('health-start-interval'),
  b('no-healthcheck'),
  // Resource management
  v('blkio-weight'),
  v('blkio-weight-device'),
  v('cidfile'),
  v('cpuset-cpus'),
  v('cpuset-mems'),
  v('cpu-count'),
  v('cpu-percent'),
  v('cpu-period'),
  v('cpu-quota'),
  v('cpu-rt-period'),
  v('cpu-rt-runtime'),
  v('cpu-shares', 'c'),
  v('cpus'),
  v('device-read-bps'),
  v('device-read-iops'),
  v('device-write-bps'),
  v('device-write-iops'),
  v('io-maxbandwidth'),
  v('io-maxiops'),
  v('kernel-memory'),
  v('memory', 'm'),
  v('memory-reservation'),
  v('memory-swap'),
  v('memory-swappiness'),
  b('oom-kill-disable'),
  v('oom-score-adj'),
  v('pids-limit'),
  // Low-level execution
  v('cgroup-parent'),
  v('ipc'),
  v('isolation'),
  v('pid'),
  v('shm-size'),
  v('uts'),
  v('runtime'),
  b('init'),
];

const byLong = new Map<string, DockerFlag>();
const byShort = new Map<string, DockerFlag>();
for (const f of dockerRunFlags) {
  byLong.set(f.name, f);
  for (const a of f.aliases ?? []) byLong.set(a, f);
  if (f.short) byShort.set(f.short, f);
}

export function longFlag(name: string): DockerFlag | undefined {
  return byLong.get(name);
}

export function shortFlag(letter: string): DockerFlag | undefined {
  return byShort.get(letter);
}

/**
 * Flags the form (and so Dockside's create) carries. Every other flag in the table is parsed
 * (its value consumed) and then listed by name as "not supported", never dropped silently.
 */
export const supportedFlags = new Set([
  'detach',
  'name',
  'env',
  'entrypoint',
  'hostname',
  'domainname',
  'interactive',
  'label',
  'read-only',
  'restart',
  'stop-signal',
  'stop-timeout',
  'tty',
  'user',
  'workdir',
  'rm',
  'cap-add',
  'cap-drop',
  'privileged',
  'security-opt',
  'device',
  'add-host',
  'dns',
  'dns-search',
  'dns-option',
  'expose',
  'ip',
  'mac-address',
  'publish',
  'publish-all',
  'network',
  'network-alias',
  'log-driver',
  'log-opt',
  'tmpfs',
  'volume',
  'mount',
  'health-cmd',
  'health-interval',
  'health-retries',
  'health-timeout',
  'health-start-period',
  'no-healthcheck',
  'memory',
  'cpus',
  'pids-limit',
  'shm-size',
  'init',
  // Accepted because they change nothing Dockside does: output of the CLI, or its default.
  'quiet',
  'sig-proxy',
]);
