import { z } from './z';

/** A volume name as the engine accepts it (and so as it may appear in a URL path). */
export const volumeNameSchema = z
  .string()
  .min(1, 'A volume name is required.')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Volume names use letters, digits, "_", "." and "-", and start with a letter or digit.');

const keyValues = z.record(z.string().min(1).max(1024).regex(/^[^=]+$/, 'A key has no "=".'), z.string().max(8192));

export const createVolumeSchema = z.object({
  /** Absent: the engine picks a random (anonymous-looking) name. */
  name: volumeNameSchema.optional(),
  driver: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/).max(128).optional(),
  driverOpts: keyValues.optional(),
  labels: keyValues.optional(),
});
export type CreateVolumeRequest = z.infer<typeof createVolumeSchema>;

export interface VolumeUser {
  id: string;
  name: string;
  running: boolean;
  /** Where it is mounted in that container. */
  destination: string;
  readOnly: boolean;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  /** ISO time, when the engine says. */
  createdAt?: string;
  scope: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** A 64-hex name the engine made up for a `-v /path` volume. */
  anonymous: boolean;
  /** Every container (running or not) that mounts it. */
  usedBy: VolumeUser[];
}

/** Bytes per volume from the engine's disk-usage walk (on demand: it is the expensive call). */
export interface VolumeSizes {
  sizes: Record<string, number>;
  /** When the walk ran (ISO). */
  measuredAt: string;
}

export interface VolumePrunePreview {
  /** Volumes no container uses: what `docker volume prune` removes. */
  volumes: Array<{ name: string; anonymous: boolean; size?: number }>;
  /** Only when sizes were measured. */
  reclaimableBytes?: number;
}

export interface VolumePruneResult {
  removed: string[];
  reclaimedBytes: number;
}

/** A path inside a volume: absolute, no `..` segments, no NUL. */
export const volumePathSchema = z
  .string()
  .max(4096)
  .default('/')
  .refine((p) => p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\0'), 'A path in the volume starts with / and has no "..".');

export interface VolumeEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  /** Unix permission bits. */
  mode: number;
  /** ISO time. */
  modified?: string;
  /** For a symlink: where it points (not followed). */
  linkTarget?: string;
}

export interface VolumeListing {
  volume: string;
  path: string;
  entries: VolumeEntry[];
  /** The listing stopped early (a very large folder). */
  truncated: boolean;
  /** Which image the short-lived helper container was made from, and why. */
  helper: string;
}
