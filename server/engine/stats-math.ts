import type { StatsSample } from '../../lib/protocol/streams';

/**
 * The parts of the engine's stats JSON (`GET /containers/{id}/stats`) that `docker stats` uses.
 * Every field is optional: a stopped container's samples are nearly empty, and cgroup v1 and v2
 * fill different keys.
 */
export interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface RawMemoryStats {
  usage?: number;
  limit?: number;
  stats?: Record<string, number> | null;
}

export interface RawBlkioEntry {
  op?: string;
  value?: number;
}

export interface RawStats {
  id?: string;
  name?: string;
  read?: string;
  /** When the previous reading (`precpu_stats`) was taken. */
  preread?: string;
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: RawMemoryStats;
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: RawBlkioEntry[] | null };
  pids_stats?: { current?: number };
}

/** CPUs the container may use: online_cpus, or (older engines) the length of percpu_usage. */
export function onlineCpus(cpu: RawCpuStats | undefined): number {
  return cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 0;
}

/**
 * CPU % as the docker CLI's calculateCPUPercentUnix: container CPU time over system CPU time
 * between this sample and the engine's previous one, × online CPUs × 100 (so 2 busy CPUs = 200 %).
 * The first sample of a stream has no previous one (precpu is zero); the CLI would then show the
 * average since the host booted, which means nothing here, so it is 0.
 */
export function cpuPercent(raw: Pick<RawStats, 'cpu_stats' | 'precpu_stats'>): number {
  const cur = raw.cpu_stats;
  const pre = raw.precpu_stats;
  if (!pre?.system_cpu_usage) return 0;
  const cpuDelta = (cur?.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur?.system_cpu_usage ?? 0) - pre.system_cpu_usage;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCpus(cur) * 100;
  return 0;
}

/**
 * CPU % for Podman: its `system_cpu_usage` is the host's busy time only (not busy + idle, as
 * Docker's is), so Docker's formula inflates it. CPU time over wall-clock time between the two
 * readings (`preread` → `read`) means the same thing on any engine: 100 % = one CPU busy, up to
 * online CPUs × 100. No previous reading (a stream's first sample): 0.
 */
export function cpuPercentByWallClock(raw: Pick<RawStats, 'cpu_stats' | 'precpu_stats' | 'read' | 'preread'>): number {
  const wallNs = (readTimeMs(raw.read) - readTimeMs(raw.preread)) * 1e6 + (subMillisNs(raw.read) - subMillisNs(raw.preread));
  if (!raw.preread || raw.preread.startsWith('0001-') || wallNs <= 0) return 0;
  const cpuDelta = (raw.cpu_stats?.cpu_usage?.total_usage ?? 0) - (raw.precpu_stats?.cpu_usage?.total_usage ?? 0);
  return cpuDelta > 0 ? (cpuDelta / wallNs) * 100 : 0;
}

/** The nanoseconds past the millisecond in an RFC 3339 time (`.123456789` → 456789). */
function subMillisNs(time: string | undefined): number {
  const frac = /\.(\d+)/.exec(time ?? '')?.[1] ?? '';
  return Number((frac + '000000000').slice(3, 9));
}

/**
 * Memory in use without the page cache, as the CLI's calculateMemUsageUnixNoCache: cgroup v1
 * subtracts `total_inactive_file` (when it is below usage), v2 subtracts `inactive_file`.
 * The fall-through order is the CLI's own, including v1 reaching the v2 branch.
 */
export function memoryUsageNoCache(mem: RawMemoryStats | undefined): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file ?? 0;
  if (v2 < usage) return usage - v2;
  return usage;
}

export function memoryPercent(usedNoCache: number, limit: number): number {
  return limit ? (usedNoCache / limit) * 100 : 0;
}

/** Received and sent bytes summed over every interface. */
export function networkTotals(networks: RawStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/**
 * Block I/O from io_service_bytes_recursive: v1 writes ops as "Read"/"Write" (next to "Sync",
 * "Async", "Total"…), v2 as "read"/"write"; the CLI matches on the first letter, either case.
 */
export function blockIo(entries: RawBlkioEntry[] | null | undefined): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of entries ?? []) {
    const first = e.op?.[0]?.toLowerCase();
    if (first === 'r') read += e.value ?? 0;
    else if (first === 'w') write += e.value ?? 0;
  }
  return { read, write };
}

/**
 * The engine stamps samples of a container that is not running with Go's zero time
 * ("0001-01-01T00:00:00Z") and keeps sending them: that is how a stream says "stopped".
 */
export function isRunningSample(raw: RawStats): boolean {
  return !!raw.read && !raw.read.startsWith('0001-');
}

/** The shortest span between two readings that gives a meaningful CPU %. */
const MIN_PODMAN_WINDOW_MS = 500;

/** False for the first sample of a stream: the engine had no earlier reading to diff against. */
export function hasPreviousReading(raw: RawStats, cpu: CpuAccounting = 'docker'): boolean {
  // Podman's first sample diffs against a reading taken a few milliseconds before it: a window
  // that short says nothing about CPU use, so it counts as no previous reading.
  if (cpu === 'podman') return !!raw.preread && !raw.preread.startsWith('0001-') && readTimeMs(raw.read) - readTimeMs(raw.preread) >= MIN_PODMAN_WINDOW_MS;
  return !!raw.precpu_stats?.system_cpu_usage;
}

/** Milliseconds from an RFC 3339 time with up to nanosecond precision. */
function readTimeMs(read: string | undefined): number {
  if (!read) return 0;
  // Date.parse copes with 3 fractional digits everywhere; the engine writes up to 9.
  const t = Date.parse(read.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? 0 : t;
}

/** How an engine's CPU fields are to be read (see `cpuPercentByWallClock`). */
export type CpuAccounting = 'docker' | 'podman';

/** One engine sample as `docker stats` shows it; null for a container that is not running. */
export function toStatsSample(raw: RawStats, cpu: CpuAccounting = 'docker'): StatsSample | null {
  if (!isRunningSample(raw)) return null;
  const memoryBytes = memoryUsageNoCache(raw.memory_stats);
  const memoryLimitBytes = raw.memory_stats?.limit ?? 0;
  const net = networkTotals(raw.networks);
  const blk = blockIo(raw.blkio_stats?.io_service_bytes_recursive);
  return {
    id: raw.id ?? '',
    name: (raw.name ?? '').replace(/^\//, ''),
    time: readTimeMs(raw.read),
    cpuPercent: cpu === 'podman' ? cpuPercentByWallClock(raw) : cpuPercent(raw),
    onlineCpus: onlineCpus(raw.cpu_stats),
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: memoryPercent(memoryBytes, memoryLimitBytes),
    netRxBytes: net.rx,
    netTxBytes: net.tx,
    blockReadBytes: blk.read,
    blockWriteBytes: blk.write,
    pids: raw.pids_stats?.current ?? 0,
  };
}
