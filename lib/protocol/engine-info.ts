import { z } from './z';

/**
 * `docker version` + `docker info`, reshaped into what the engine page shows. Every field the
 * engine may leave out is optional: Podman's compatible API and older engines omit some.
 */
export interface EngineDetails {
  /** What answers: `Docker Engine - Community`, `Podman Engine`… (from the version's components). */
  product: string;
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  gitCommit?: string;
  goVersion?: string;
  buildTime?: string;
  os: string;
  osType?: string;
  kernel: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  hostname?: string;
  serverId?: string;
  storageDriver: string;
  /** The storage driver's own facts (`Backing Filesystem`, `Supports d_type`…), as the engine gives them. */
  driverStatus: [string, string][];
  cgroupDriver?: string;
  cgroupVersion?: string;
  loggingDriver?: string;
  dataRoot: string;
  securityOptions: string[];
  liveRestore?: boolean;
  swarm: { state: string; nodeId?: string; managers?: number; nodes?: number; error?: string };
  plugins: { volume: string[]; network: string[]; authorization: string[]; log: string[] };
  runtimes: string[];
  defaultRuntime?: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  registryMirrors: string[];
  insecureRegistries: string[];
  warnings: string[];
}

/** One row of `docker system df -v`: an image, a container, a volume or a build cache record. */
export interface DiskUsageItem {
  id: string;
  name: string;
  sizeBytes: number;
  /** Bytes only this item holds (an image's unique layers; a container's writable layer). */
  uniqueBytes?: number;
  /** Containers that use it (images, volumes); whether it is in use (build cache). */
  inUse: number;
  detail?: string;
}

export interface DiskUsageCategory {
  kind: 'images' | 'containers' | 'volumes' | 'buildCache';
  label: string;
  total: number;
  active: number;
  sizeBytes: number;
  reclaimableBytes: number;
  items: DiskUsageItem[];
}

export interface DiskUsage {
  /** When the engine answered (ISO time). */
  at: string;
  /** How long the engine took to walk layers and volumes, in milliseconds. */
  tookMs: number;
  /** Extra bytes shared by images (their common layers), counted once. */
  layersSizeBytes: number;
  categories: DiskUsageCategory[];
}

/** The most events a past window (`since`/`until`) returns; the live feed keeps as many. */
export const ENGINE_EVENTS_MAX = 2000;

/** A past window of engine events. Times are seconds since the epoch or RFC 3339, as `docker events` takes them. */
const eventTime = z
  .string()
  .max(40)
  .regex(/^(\d{1,12}(\.\d{1,9})?|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)$/, 'A time is seconds since the epoch or an RFC 3339 time.');

export const engineEventsQuerySchema = z.object({
  since: eventTime,
  until: eventTime.optional(),
  type: z.string().regex(/^[a-z]{1,20}$/).optional(),
  limit: z.coerce.number().int().min(1).max(ENGINE_EVENTS_MAX).optional(),
});
export type EngineEventsQuery = z.infer<typeof engineEventsQuerySchema>;
