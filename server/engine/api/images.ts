import type { Readable } from 'node:stream';
import type {
  CommitResult,
  ContainerChanges,
  DirectoryListing,
  ImageList,
  ImagePruneOptions,
  ImageSummary,
  ImagePrunePreview,
  ImagePruneResult,
  InspectedImage,
  LayerGraph,
  RemovalPreview,
  RemovalResult,
} from '../../../lib/protocol/images';
import type { ContainerSummary } from '../../../lib/protocol/containers';
import type { z } from '../../../lib/protocol/z';
import type { commitBodySchema } from '../../../lib/protocol/images';

/** Lists the server keeps between engine events (`docker images -a` and `docker ps -a`, in our shapes). */
export interface KnownLists {
  images: ImageSummary[];
  containers: Array<Pick<ContainerSummary, 'id' | 'name' | 'imageId' | 'state' | 'status'>>;
}

/**
 * Images and the container's read-write layer. Every `name` has passed `imageNameSchema`, every
 * container `ref` `containerRefSchema`, every path `containerPathSchema`, before it gets here.
 */
export interface ImagesApi {
  /** `docker images -a` in one call, each row classified (tagged / dangling / intermediate) with its container count. */
  list(opts?: { sharing?: boolean }): Promise<ImageList>;
  /**
   * Inspect + history + sharing + containers using it. `known`: the image and container lists the
   * server already keeps coherent with the engine's events, so the detail need not read them again.
   */
  inspect(name: string, known?: KnownLists): Promise<InspectedImage>;
  /** Every image's layer stack, shared layers once, and the containers on top. */
  layerGraph(opts?: { containerSizes?: boolean }): Promise<LayerGraph>;
  tag(name: string, target: string): Promise<void>;
  /** The name to remove: the id, or `tag` after checking it names this image (404 if not). */
  removalTarget(id: string, tag?: string): Promise<string>;
  previewRemove(name: string): Promise<RemovalPreview>;
  remove(name: string, opts: { force: boolean }): Promise<RemovalResult>;
  previewPrune(opts: ImagePruneOptions): Promise<ImagePrunePreview>;
  prune(opts: ImagePruneOptions): Promise<ImagePruneResult>;
  /** `docker diff`: the engine walks two filesystems, so this has its own deadline. */
  changes(ref: string): Promise<ContainerChanges>;
  commit(ref: string, body: z.output<typeof commitBodySchema>): Promise<CommitResult>;
  listDirectory(ref: string, path: string): Promise<DirectoryListing>;
  /** A tar of the path, streamed as the engine sends it. */
  download(ref: string, path: string, signal?: AbortSignal): Promise<Readable>;
  /** Puts one file into a directory of the container (sent to the engine as an uncompressed tar). */
  upload(ref: string, dir: string, file: { name: string; size: number; body: Readable }): Promise<void>;
}
