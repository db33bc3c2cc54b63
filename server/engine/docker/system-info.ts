import type { DiskUsage, DiskUsageCategory, EngineDetails } from '../../../lib/protocol/engine-info';

// Pure reshaping of the engine's `/version`, `/info` and `/system/df` answers into Dockside's types
// (lib/protocol/engine-info.ts). Every field may be missing: Podman and older engines leave some out.

export interface RawVersion {
  Platform?: { Name?: string };
  Components?: { Name?: string; Version?: string }[] | null;
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  BuildTime?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
}

export interface RawInfo {
  ID?: string;
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  CgroupDriver?: string;
  CgroupVersion?: string;
  LoggingDriver?: string;
  DockerRootDir?: string;
  SecurityOptions?: string[] | null;
  LiveRestoreEnabled?: boolean;
  Swarm?: { LocalNodeState?: string; NodeID?: string; Managers?: number; Nodes?: number; Error?: string } | null;
  Plugins?: { Volume?: string[] | null; Network?: string[] | null; Authorization?: string[] | null; Log?: string[] | null } | null;
  Runtimes?: Record<string, unknown> | null;
  DefaultRuntime?: string;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  RegistryConfig?: {
    Mirrors?: string[] | null;
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
  } | null;
  Warnings?: string[] | null;
}

/** Which product answers. Docker leaves `Platform.Name` empty on distro builds; its engine component is "Engine". */
export function productOf(v: RawVersion): string {
  // Podman's Platform.Name is its platform (`linux/amd64/debian-12`), not a product name.
  const podman = v.Components?.find((c) => /podman/i.test(c.Name ?? ''));
  if (podman?.Name) return podman.Name;
  if (v.Platform?.Name) return v.Platform.Name;
  return 'Docker Engine';
}

/** Insecure registries as `docker info` lists them: the CIDRs, then each index marked not secure. */
export function insecureRegistriesOf(info: RawInfo): string[] {
  const cidrs = info.RegistryConfig?.InsecureRegistryCIDRs ?? [];
  const names = Object.values(info.RegistryConfig?.IndexConfigs ?? {})
    .filter((c) => c.Secure === false && c.Name)
    .map((c) => c.Name!);
  return [...cidrs, ...names.sort()];
}

export function toEngineDetails(v: RawVersion, info: RawInfo): EngineDetails {
  const swarm = info.Swarm ?? {};
  return {
    product: productOf(v),
    version: v.Version ?? '',
    apiVersion: v.ApiVersion ?? '',
    minApiVersion: v.MinAPIVersion || undefined,
    gitCommit: v.GitCommit || undefined,
    goVersion: v.GoVersion || undefined,
    buildTime: v.BuildTime || undefined,
    os: info.OperatingSystem ?? v.Os ?? '',
    osType: info.OSType || v.Os || undefined,
    kernel: info.KernelVersion ?? v.KernelVersion ?? '',
    architecture: info.Architecture ?? v.Arch ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    hostname: info.Name || undefined,
    serverId: info.ID || undefined,
    storageDriver: info.Driver ?? '',
    driverStatus: (info.DriverStatus ?? []).filter((p) => Array.isArray(p) && p.length === 2).map(([k, val]) => [String(k), String(val)]),
    cgroupDriver: info.CgroupDriver || undefined,
    cgroupVersion: info.CgroupVersion || undefined,
    loggingDriver: info.LoggingDriver || undefined,
    dataRoot: info.DockerRootDir ?? '',
    securityOptions: info.SecurityOptions ?? [],
    liveRestore: info.LiveRestoreEnabled,
    swarm: {
      state: swarm.LocalNodeState || 'inactive',
      ...(swarm.NodeID ? { nodeId: swarm.NodeID } : {}),
      ...(swarm.Managers !== undefined && swarm.LocalNodeState === 'active' ? { managers: swarm.Managers } : {}),
      ...(swarm.Nodes !== undefined && swarm.LocalNodeState === 'active' ? { nodes: swarm.Nodes } : {}),
      ...(swarm.Error ? { error: swarm.Error } : {}),
    },
    plugins: {
      volume: info.Plugins?.Volume ?? [],
      network: info.Plugins?.Network ?? [],
      authorization: info.Plugins?.Authorization ?? [],
      log: info.Plugins?.Log ?? [],
    },
    runtimes: Object.keys(info.Runtimes ?? {}).sort(),
    defaultRuntime: info.DefaultRuntime || undefined,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    images: info.Images ?? 0,
    registryMirrors: info.RegistryConfig?.Mirrors ?? [],
    insecureRegistries: insecureRegistriesOf(info),
    warnings: info.Warnings ?? [],
  };
}

export interface RawDiskUsage {
  LayersSize?: number;
  Images?: { Id?: string; RepoTags?: string[] | null; Size?: number; SharedSize?: number; Containers?: number }[] | null;
  Containers?: { Id?: string; Names?: string[] | null; Image?: string; SizeRw?: number; SizeRootFs?: number; State?: string }[] | null;
  Volumes?: { Name?: string; Driver?: string; UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: { ID?: string; Type?: string; Size?: number; InUse?: boolean; Shared?: boolean; Description?: string }[] | null;
}

/** The engine says -1 for "not computed". */
const known = (n: number | undefined): number => (n === undefined || n < 0 ? 0 : n);

/** Containers that hold their writable layer in use (the docker CLI's rule for "active"). */
const activeStates = new Set(['running', 'paused', 'restarting']);

/**
 * `docker system df -v`, with the docker CLI's arithmetic: images reclaim what no container's image
 * holds exclusively; containers reclaim the writable layers of stopped ones; volumes reclaim those
 * no container references; build cache reclaims records not in use and not shared.
 */
export function toDiskUsage(raw: RawDiskUsage, at: Date, tookMs: number): DiskUsage {
  const images = raw.Images ?? [];
  const layersSize = known(raw.LayersSize) || images.reduce((s, i) => s + known(i.Size) - known(i.SharedSize), 0);
  const imagesUsed = images.filter((i) => known(i.Containers) > 0).reduce((s, i) => s + known(i.Size) - known(i.SharedSize), 0);
  const imagesCategory: DiskUsageCategory = {
    kind: 'images',
    label: 'Images',
    total: images.length,
    active: images.filter((i) => known(i.Containers) > 0).length,
    sizeBytes: layersSize,
    reclaimableBytes: Math.max(0, layersSize - imagesUsed),
    items: images
      .map((i) => ({
        id: i.Id ?? '',
        name: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').join(', ') || '<none>',
        sizeBytes: known(i.Size),
        uniqueBytes: known(i.Size) - known(i.SharedSize),
        inUse: known(i.Containers),
      }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes),
  };

  const containers = raw.Containers ?? [];
  const containersCategory: DiskUsageCategory = {
    kind: 'containers',
    label: 'Containers',
    total: containers.length,
    active: containers.filter((c) => activeStates.has(c.State ?? '')).length,
    sizeBytes: containers.reduce((s, c) => s + known(c.SizeRw), 0),
    reclaimableBytes: containers.filter((c) => !activeStates.has(c.State ?? '')).reduce((s, c) => s + known(c.SizeRw), 0),
    items: containers
      .map((c) => ({
        id: c.Id ?? '',
        name: (c.Names?.[0] ?? '').replace(/^\//, ''),
        sizeBytes: known(c.SizeRw),
        uniqueBytes: known(c.SizeRw),
        inUse: activeStates.has(c.State ?? '') ? 1 : 0,
        detail: `${c.State ?? ''} · ${c.Image ?? ''}`,
      }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes),
  };

  const volumes = raw.Volumes ?? [];
  const volumeSize = (v: (typeof volumes)[number]) => known(v.UsageData?.Size);
  const volumesCategory: DiskUsageCategory = {
    kind: 'volumes',
    label: 'Local volumes',
    total: volumes.length,
    active: volumes.filter((v) => known(v.UsageData?.RefCount) > 0).length,
    sizeBytes: volumes.reduce((s, v) => s + volumeSize(v), 0),
    reclaimableBytes: volumes.filter((v) => known(v.UsageData?.RefCount) === 0).reduce((s, v) => s + volumeSize(v), 0),
    items: volumes
      .map((v) => ({ id: v.Name ?? '', name: v.Name ?? '', sizeBytes: volumeSize(v), inUse: known(v.UsageData?.RefCount), detail: v.Driver }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes),
  };

  const cache = raw.BuildCache ?? [];
  const cacheCategory: DiskUsageCategory = {
    kind: 'buildCache',
    label: 'Build cache',
    total: cache.length,
    active: cache.filter((b) => b.InUse).length,
    sizeBytes: cache.filter((b) => !b.Shared).reduce((s, b) => s + known(b.Size), 0),
    reclaimableBytes: cache.filter((b) => !b.InUse && !b.Shared).reduce((s, b) => s + known(b.Size), 0),
    items: cache
      .map((b) => ({
        id: b.ID ?? '',
        name: b.Description || b.ID || '',
        sizeBytes: known(b.Size),
        inUse: b.InUse ? 1 : 0,
        detail: [b.Type, b.Shared ? 'shared' : ''].filter(Boolean).join(' · '),
      }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes),
  };

  return {
    at: at.toISOString(),
    tookMs,
    layersSizeBytes: layersSize,
    categories: [imagesCategory, containersCategory, volumesCategory, cacheCategory],
  };
}
