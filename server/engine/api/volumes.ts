import type { Readable } from 'node:stream';
import type { VolumeListing } from '../../../lib/protocol/volumes';
import type { CreateVolumeRequest, VolumePrunePreview, VolumePruneResult, VolumeSizes, VolumeSummary } from '../../../lib/protocol/volumes';

/** Volumes (`docker volume ls / create / inspect / rm / prune`). Names have passed `volumeNameSchema`. */
export interface VolumesApi {
  /** Every volume, with the containers (running or not) that mount it. */
  list(): Promise<VolumeSummary[]>;
  inspect(name: string): Promise<{ volume: VolumeSummary; inspect: unknown }>;
  create(req: CreateVolumeRequest): Promise<VolumeSummary>;
  /** Refused (conflict, naming the containers) while any container uses it. */
  remove(name: string): Promise<void>;
  /** Sizes from the engine's disk-usage walk: the expensive call, one at a time. */
  sizes(): Promise<VolumeSizes>;
  previewPrune(withSizes?: boolean): Promise<VolumePrunePreview>;
  prune(): Promise<VolumePruneResult>;
  readonly files: VolumeFilesApi;
}

/** Read-only browsing of a volume's files, through a short-lived helper container. */
export interface VolumeFilesApi {
  /** The direct children of `path` in the volume. */
  list(volume: string, path: string): Promise<VolumeListing>;
  /** A tar stream of `path` (file or folder); `done` removes the helper once the stream ends. */
  download(volume: string, path: string): Promise<{ tar: Readable; name: string }>;
  /** Removes helpers a crash left behind (labelled); once per engine, never failing. */
  sweep(): Promise<void>;
}
