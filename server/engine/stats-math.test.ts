import { describe, expect, it } from 'vitest';
import { blockIo, cpuPercent, cpuPercentByWallClock, hasPreviousReading, memoryUsageNoCache, networkTotals, onlineCpus, toStatsSample, type RawStats } from './stats-math';

/** A sample from the sandbox engine (Docker 20.10, cgroup v1) for `sh -c 'while true; do :; done'`. */
const v1Busy: RawStats = {
  read: '2026-11-22T23:31:12.658185152Z',
  pids_stats: { current: 1 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 205672448 },
      { op: 'Write', value: 97959936 },
      { op: 'Sync', value: 97959936 },
      { op: 'Async', value: 205672448 },
      { op: 'Discard', value: 0 },
      { op: 'Total', value: 303632384 },
    ],
  },
  cpu_stats: {
    cpu_usage: { total_usage: 3033191309, percpu_usage: [803518350, 2229672959] },
    system_cpu_usage: 1603860000000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 2035858490, percpu_usage: [786999547, 1248858943] },
    system_cpu_usage: 1601890000000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 20131840,
    stats: { active_file: 18878464, cache: 18878464, inactive_file: 262144, total_cache: 18878464, total_inactive_file: 4096000, total_rss: 118784 },
    limit: 25276510208,
  },
  name: '/statsprobe-me',
  id: 'f330402abe1a1876e7beb50469bedf337f98bc01064d72b7b5c6960c68f0c22b',
  networks: { eth0: { rx_bytes: 736, tx_bytes: 0 } },
};

/** A cgroup v2 sample (Docker 24+): no total_* keys, no percpu_usage, lower-case blkio ops. */
const v2Web: RawStats = {
  read: '2025-03-01T10:00:02.000123456Z',
  pids_stats: { current: 7 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'read', value: 8192000 },
      { op: 'write', value: 4096 },
      { op: 'read', value: 1000 },
    ],
  },
  cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 40_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 36_000_000_000, online_cpus: 4 },
  memory_stats: {
    usage: 7606272,
    stats: { anon: 2936832, file: 4190208, active_file: 1282048, inactive_file: 2908160, inactive_anon: 2936832, shmem: 0 },
    limit: 8225644544,
  },
  name: '/web',
  id: 'abc',
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 50, tx_bytes: 5 } },
};

describe('cpuPercent (docker CLI calculateCPUPercentUnix)', () => {
  it.each([
    // (3033191309 − 2035858490) / (1603860000000 − 1601890000000) × 2 × 100
    ['v1 busy loop, online_cpus 2', v1Busy, 101.2521],
    // (0.5e9 / 4e9) × 4 × 100
    ['v2, online_cpus 4', v2Web, 50],
  ])('%s', (_name, raw, expected) => {
    expect(cpuPercent(raw)).toBeCloseTo(expected, 3);
  });

  it('is 0 on the first sample of a stream (no previous sample)', () => {
    expect(cpuPercent({ cpu_stats: v1Busy.cpu_stats, precpu_stats: { cpu_usage: { total_usage: 0 } } })).toBe(0);
    expect(cpuPercent({ cpu_stats: v1Busy.cpu_stats })).toBe(0);
  });

  it('tells the first sample of a stream (no previous reading) from the rest', () => {
    expect(hasPreviousReading(v1Busy)).toBe(true);
    expect(hasPreviousReading({ ...v1Busy, precpu_stats: { cpu_usage: { total_usage: 0 } } })).toBe(false);
  });

  it('falls back to len(percpu_usage) when online_cpus is missing or 0', () => {
    const cpu = { ...v1Busy.cpu_stats, online_cpus: 0, cpu_usage: { total_usage: 3033191309, percpu_usage: [1, 2, 3, 4] } };
    expect(onlineCpus(cpu)).toBe(4);
    expect(cpuPercent({ cpu_stats: cpu, precpu_stats: v1Busy.precpu_stats })).toBeCloseTo(202.5042, 3);
  });

  it('is 0 when the counters did not move or went backwards', () => {
    expect(cpuPercent({ cpu_stats: v1Busy.precpu_stats, precpu_stats: v1Busy.precpu_stats })).toBe(0);
    expect(cpuPercent({ cpu_stats: v1Busy.precpu_stats, precpu_stats: v1Busy.cpu_stats })).toBe(0);
  });
});

describe('memoryUsageNoCache (docker CLI calculateMemUsageUnixNoCache)', () => {
  it.each([
    ['v1 subtracts total_inactive_file', { usage: 20131840, stats: { total_inactive_file: 4096000, inactive_file: 262144 } }, 20131840 - 4096000],
    ['v1 with total_inactive_file ≥ usage falls through to inactive_file', { usage: 1000, stats: { total_inactive_file: 5000, inactive_file: 100 } }, 900],
    ['v1 with nothing inactive', { usage: 491520, stats: { total_inactive_file: 0, inactive_file: 0 } }, 491520],
    ['v2 subtracts inactive_file', v2Web.memory_stats, 7606272 - 2908160],
    ['v2 with inactive_file ≥ usage keeps usage', { usage: 100, stats: { inactive_file: 200 } }, 100],
    ['no stats at all', { usage: 4096, stats: null }, 4096],
    ['missing memory_stats', undefined, 0],
  ])('%s', (_name, mem, expected) => {
    expect(memoryUsageNoCache(mem)).toBe(expected);
  });
});

describe('networkTotals and blockIo', () => {
  it('sums every interface', () => {
    expect(networkTotals(v2Web.networks)).toEqual({ rx: 1050, tx: 205 });
    expect(networkTotals(undefined)).toEqual({ rx: 0, tx: 0 });
  });

  it.each([
    ['v1 ops "Read"/"Write", ignoring Sync/Async/Total', v1Busy.blkio_stats!.io_service_bytes_recursive, { read: 205672448, write: 97959936 }],
    ['v2 ops "read"/"write", summed over devices', v2Web.blkio_stats!.io_service_bytes_recursive, { read: 8193000, write: 4096 }],
    ['null (a stopped container)', null, { read: 0, write: 0 }],
    ['an entry without op', [{ value: 5 }], { read: 0, write: 0 }],
  ])('block I/O: %s', (_name, entries, expected) => {
    expect(blockIo(entries)).toEqual(expected);
  });
});

describe('toStatsSample', () => {
  it('reshapes a v1 sample', () => {
    expect(toStatsSample(v1Busy)).toEqual({
      id: v1Busy.id,
      name: 'statsprobe-me',
      time: Date.parse('2026-11-22T23:31:12.658Z'),
      cpuPercent: expect.closeTo(101.2521, 3),
      onlineCpus: 2,
      memoryBytes: 20131840 - 4096000,
      memoryLimitBytes: 25276510208,
      memoryPercent: expect.closeTo(((20131840 - 4096000) / 25276510208) * 100, 8),
      netRxBytes: 736,
      netTxBytes: 0,
      blockReadBytes: 205672448,
      blockWriteBytes: 97959936,
      pids: 1,
    });
  });

  it('reshapes a v2 sample', () => {
    const s = toStatsSample(v2Web)!;
    expect(s.name).toBe('web');
    expect(s.cpuPercent).toBeCloseTo(50, 6);
    expect(s.onlineCpus).toBe(4);
    expect(s.memoryBytes).toBe(4698112);
    expect(s.memoryPercent).toBeCloseTo((4698112 / 8225644544) * 100, 8);
    expect([s.netRxBytes, s.netTxBytes, s.blockReadBytes, s.blockWriteBytes, s.pids]).toEqual([1050, 205, 8193000, 4096, 7]);
  });

  it('is null for the zero-time samples the engine streams for a stopped container', () => {
    const stopped: RawStats = { read: '0001-01-01T00:00:00Z', pids_stats: {}, blkio_stats: { io_service_bytes_recursive: null }, memory_stats: {}, name: '/x', id: 'x' };
    expect(toStatsSample(stopped)).toBeNull();
    expect(toStatsSample({})).toBeNull();
  });

  it('gives memory % 0 without a limit', () => {
    expect(toStatsSample({ ...v2Web, memory_stats: { usage: 10 } })!.memoryPercent).toBe(0);
  });
});

describe("Podman's CPU fields", () => {
  it('reads CPU time over wall-clock time between the readings (a one-thread busy loop ≈ 100 %)', () => {
    const raw = {
      read: '2026-12-02T02:00:05.000000000Z',
      preread: '2026-12-02T02:00:00.000000000Z',
      // 5 s of one CPU; system_cpu_usage (the host's busy time on Podman) is ignored.
      cpu_stats: { cpu_usage: { total_usage: 10_000_000_000 }, system_cpu_usage: 6_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 5_000_000_000 }, system_cpu_usage: 1_000_000_000 },
    };
    expect(cpuPercentByWallClock(raw)).toBeCloseTo(100, 5);
    expect(toStatsSample(raw, 'podman')!.cpuPercent).toBeCloseTo(100, 5);
    // Docker's formula on the same numbers shows the inflation the issue measured (200 % "of 200 %").
    expect(toStatsSample(raw, 'docker')!.cpuPercent).toBeCloseTo(200, 5);
  });

  it('has no previous reading on the first sample', () => {
    const first = { read: '2026-12-02T02:00:05Z', preread: '0001-01-01T00:00:00Z', cpu_stats: { cpu_usage: { total_usage: 5 } }, precpu_stats: {} };
    expect(hasPreviousReading(first, 'podman')).toBe(false);
    expect(cpuPercentByWallClock(first)).toBe(0);
    // Podman's real first sample: a previous reading 5 ms before it, too short to mean anything.
    const close = { read: '2026-12-02T02:48:42.067442714Z', preread: '2026-12-02T02:48:42.062755944Z', cpu_stats: {}, precpu_stats: {} };
    expect(hasPreviousReading(close, 'podman')).toBe(false);
    expect(hasPreviousReading({ ...close, preread: '2026-12-02T02:48:37.067442714Z' }, 'podman')).toBe(true);
  });
});
