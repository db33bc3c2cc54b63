import { z } from './z';
import { imageNameSchema, imageTagTargetSchema } from './image-ref';

/**
 * Dockside's own image types. The engine layer reshapes `/images/json`, `/images/{id}/json` and
 * `/images/{id}/history` into these; the browser never sees raw engine shapes except the inspect view.
 */

/**
 * - tagged: has at least one repo:tag.
 * - dangling: no tag and nothing built on it — a tag moved away (a rebuild, a re-pull); prunable.
 * - intermediate: no tag, but other images are built on it — a step a (legacy) build kept as a
 *   cache; `docker images` hides these, `docker images -a` shows them as `<none>:<none>`.
 */
export const imageKinds = ['tagged', 'dangling', 'intermediate'] as const;
export type ImageKind = (typeof imageKinds)[number];

export interface ImageSummary {
  /** `sha256:…` */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** `sha256:…` or "" (pulled and imported images have no local parent). */
  parentId: string;
  /** Seconds since the epoch. */
  created: number;
  /** Bytes of all its layers, as `docker images` shows it. */
  size: number;
  labels: Record<string, string>;
  kind: ImageKind;
  /** Containers (any state) created from this image. */
  containers: number;
  /** Number of images whose parent is this one. */
  children: number;
}

export interface ImageSharing {
  id: string;
  /** What removing the image (and the untagged parents that would go with it) frees. */
  uniqueSize: number;
  /** Bytes of its layers that other images also use. */
  sharedSize: number;
}

export interface ImageList {
  images: ImageSummary[];
  /** Per image, when computed (cached per image id on the server; the first time costs two reads per image). */
  sharing?: Record<string, ImageSharing>;
}

/** One step of `docker history`, oldest first. */
export interface HistoryStep {
  /** Image id of this step when the engine still has it (built locally), else null (`<missing>`). */
  imageId: string | null;
  /** Seconds since the epoch. */
  created: number;
  createdBy: string;
  step: ReadableStep;
  size: number;
  comment: string;
  tags: string[];
  /** Index into the image's layer stack when this step made a layer; null for metadata-only steps. */
  layerIndex: number | null;
  /**
   * True when whether this 0-byte step made a layer was inferred from its instruction: API 1.41
   * history drops `empty_layer`, and no local image pins the layer count around this step.
   */
  layerInferred?: boolean;
}

export interface ReadableStep {
  /** RUN, COPY, ADD, ENV, CMD, … or "" when unknown. */
  instruction: string;
  /** The instruction as a Dockerfile line (`RUN apk add x`, `ENV A=b`). */
  text: string;
  /** Why the raw line looks the way it does, when it does (`#(nop)`, build args, imported). */
  note?: string;
}

export interface ImageLayer {
  /** Position in the stack, 0 = base. */
  index: number;
  diffId: string;
  size: number;
  /** Index into `history` of the step that made it, when it can be told. */
  stepIndex: number | null;
  /** Other images (ids) that contain this exact layer (the same chain below it). */
  sharedWith: string[];
}

export interface ImageConfigView {
  cmd: string[] | null;
  entrypoint: string[] | null;
  env: string[];
  exposedPorts: string[];
  workingDir: string;
  user: string;
  volumes: string[];
  labels: Record<string, string>;
  healthcheck: { test: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number } | null;
  stopSignal: string;
}

export interface ImageDetail {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  parentId: string;
  created: string;
  author: string;
  comment: string;
  os: string;
  architecture: string;
  variant: string;
  dockerVersion: string;
  size: number;
  uniqueSize: number;
  sharedSize: number;
  kind: ImageKind;
  config: ImageConfigView;
  history: HistoryStep[];
  layers: ImageLayer[];
  containers: Array<{ id: string; name: string; state: string; status: string }>;
}

export interface InspectedImage {
  image: ImageDetail;
  /** The engine's inspect JSON as-is, for the raw view. */
  inspect: unknown;
}

// ---- the layer graph (sharing, what removal frees, the layer map) ----

export interface LayerNode {
  /** Stable within one graph: its position in `layers`. */
  index: number;
  diffId: string;
  /** The layer below, or null for a base layer. */
  parent: number | null;
  size: number;
  /** The Dockerfile step that made it (readable), when history told it. */
  step: string;
  /** Ids of images whose stack contains it. */
  images: string[];
}

export interface LayerGraphImage {
  id: string;
  repoTags: string[];
  kind: ImageKind;
  /** Layer node indices, base first. */
  layers: number[];
  size: number;
  uniqueSize: number;
  sharedSize: number;
  containers: number;
}

export interface LayerGraph {
  layers: LayerNode[];
  images: LayerGraphImage[];
  /** Containers and their read-write layers (sizes only when asked, they cost a walk). */
  containers: Array<{ id: string; name: string; imageId: string; state: string; sizeRw?: number }>;
}

// ---- removal and prune ----

export type RemovalOutcome =
  | { kind: 'untag'; tag: string; remainingTags: string[] }
  | { kind: 'delete'; images: string[]; layers: number; freedBytes: number; untags: string[] }
  | { kind: 'refused'; reason: string; containers: Array<{ id: string; name: string; state: string }> };

export interface RemovalPreview {
  target: string;
  outcome: RemovalOutcome;
  /** What `force` would do when the plain removal is refused. */
  forced?: RemovalOutcome;
}

export interface RemovalResult {
  untagged: string[];
  /** Image ids deleted. */
  deleted: string[];
  /** Layers the engine deleted with them (it lists those among "Deleted" too). */
  layers: number;
}

export const imagePruneModes = ['dangling', 'unused'] as const;
export type ImagePruneMode = (typeof imagePruneModes)[number];

export interface ImagePrunePreview {
  mode: ImagePruneMode;
  images: Array<{ id: string; repoTags: string[]; size: number; created: number }>;
  reclaimableBytes: number;
}

export interface ImagePruneResult {
  deleted: string[];
  layers: number;
  untagged: string[];
  reclaimedBytes: number;
}

// ---- the container's read-write layer ----

export const changeKinds = ['C', 'A', 'D'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export interface ContainerChange {
  path: string;
  kind: ChangeKind;
}

export interface ContainerChanges {
  changes: ContainerChange[];
  /** Bytes in the read-write layer. */
  sizeRw: number | null;
}

export interface CommitResult {
  id: string;
  repoTag: string | null;
  /** The new top layer: the container's former read-write layer. */
  layerSize: number;
  changedPaths: number;
  container: { id: string; name: string };
}

// ---- queries and bodies ----

const boolParam = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const listImagesQuerySchema = z.object({
  sharing: boolParam.optional().default(false),
});

export const imageNameParamSchema = imageNameSchema;

export const tagImageBodySchema = z.object({ target: imageTagTargetSchema });

export const removeImageQuerySchema = z.object({
  force: boolParam.optional().default(false),
  /** The tag to remove, when the route names the image by id (untag one of several). */
  tag: imageTagTargetSchema.optional(),
});
export type RemoveImageOptions = z.infer<typeof removeImageQuerySchema>;

/** A label filter as the engine takes it: `key` or `key=value`. */
export const labelFilterSchema = z
  .string()
  .min(1)
  .max(512, 'A label filter is at most 512 characters.')
  .regex(/^[^=\s\0]+(=[^\0\n]*)?$/, 'A label filter is key or key=value.');

export const imagePruneQuerySchema = z.object({
  mode: z.enum(imagePruneModes).optional().default('dangling'),
  /** Only images with this label (`docker image prune --filter label=…`). */
  label: labelFilterSchema.optional(),
});
export type ImagePruneOptions = z.infer<typeof imagePruneQuerySchema>;

/** `docker commit --change`: the instructions the engine accepts, one per line. */
export const commitChangeInstructions = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'] as const;

export const commitChangeSchema = z
  .string()
  .trim()
  .min(1, 'An empty change line.')
  .max(4096, 'A change line is at most 4096 characters.')
  .refine((s) => !/[\r\n\0]/.test(s), 'One instruction per line.')
  .superRefine((s, ctx) => {
    const m = /^([A-Za-z]+)(\s+)(.+)$/.exec(s);
    const word = m?.[1]?.toUpperCase();
    if (!m || !word || !(commitChangeInstructions as readonly string[]).includes(word)) {
      ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}": a change starts with one of ${commitChangeInstructions.join(', ')} and an argument.` });
      return;
    }
    const arg = m[3]!.trim();
    if (word === 'ONBUILD' && /^(ONBUILD|FROM|MAINTAINER)\b/i.test(arg)) {
      ctx.addIssue({ code: 'custom', message: 'ONBUILD cannot carry ONBUILD, FROM or MAINTAINER.' });
    }
    if (word === 'EXPOSE' && !arg.split(/\s+/).every((p) => /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/i.test(p))) {
      ctx.addIssue({ code: 'custom', message: 'EXPOSE takes ports like 80, 8080/tcp or 9000-9010/udp.' });
    }
    if ((word === 'ENV' || word === 'LABEL') && !/^[^\s=]+(?:=|\s)/.test(arg)) {
      ctx.addIssue({ code: 'custom', message: `${word} takes KEY=value.` });
    }
    if ((word === 'CMD' || word === 'ENTRYPOINT' || word === 'VOLUME') && arg.startsWith('[')) {
      try {
        const v: unknown = JSON.parse(arg);
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error('not strings');
      } catch {
        ctx.addIssue({ code: 'custom', message: `${word} [ … ] must be a JSON array of strings.` });
      }
    }
  });

export const commitBodySchema = z.object({
  /** repository[:tag]; absent makes an untagged image, as `docker commit` without a name. */
  target: imageTagTargetSchema.optional(),
  message: z.string().max(4096, 'The message is at most 4096 characters.').optional(),
  author: z.string().max(256, 'The author is at most 256 characters.').optional(),
  pause: z.boolean().optional().default(true),
  changes: z.array(commitChangeSchema).max(64, 'At most 64 change lines.').optional().default([]),
});
export type CommitRequest = z.input<typeof commitBodySchema>;

/**
 * A path inside a container, for `/archive`: absolute, no NUL, no "." or ".." segments (the
 * engine resolves inside the container's root, but a clean path keeps the intent obvious).
 */
export const containerPathSchema = z
  .string()
  .min(1, 'A path is required.')
  .max(4096, 'A path is at most 4096 characters.')
  .refine((p) => p.startsWith('/'), 'The path must be absolute (start with "/").')
  .refine((p) => !p.includes('\0'), 'The path contains a NUL byte.')
  .refine((p) => !p.split('/').some((seg) => seg === '..' || seg === '.'), 'The path may not contain "." or ".." segments.');

export const containerPathQuerySchema = z.object({ path: containerPathSchema.optional().default('/') });
/** A download names its path explicitly: no default to the whole filesystem. */
export const downloadQuerySchema = z.object({ path: containerPathSchema });

export interface FileEntry {
  name: string;
  /** Absolute path in the container. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Octal permission string, e.g. "0755". */
  mode: string;
  modified: string;
  linkTarget?: string;
}

export interface DirectoryListing {
  path: string;
  /** What the path itself is (a symlink is listed, never followed). */
  self: FileEntry;
  entries: FileEntry[];
  /** True when the listing stopped at the entry cap. */
  truncated: boolean;
}


/** A file name for upload: one path segment. */
export const uploadNameSchema = z
  .string()
  .min(1, 'A file name is required.')
  .max(255, 'A file name is at most 255 characters.')
  .refine((n) => !n.includes('/') && !n.includes('\0') && n !== '.' && n !== '..', 'A file name cannot contain "/" or be "." or "..".');

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export const uploadQuerySchema = z.object({ path: containerPathSchema, name: uploadNameSchema });

export const layerGraphQuerySchema = z.object({ sizes: boolParam.optional().default(false) });

/** An image named in a route path: its id (hex, with or without `sha256:`). */
export const imageIdParamSchema = z
  .string()
  .regex(/^(?:sha256:)?[a-f0-9]{12,64}$/, 'Not a valid image id.')
  .transform((s) => s.replace(/^sha256:/, ''));
