import { z } from './z';

/**
 * Long work (pull, push, build, save, load, export, import) runs as a server-side task: it keeps
 * running when the tab that started it goes away, and every tab sees it over the `tasks` channel.
 */
export const taskKinds = ['pull', 'push', 'build', 'save', 'load', 'export', 'import'] as const;
export const taskKindSchema = z.enum(taskKinds);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const taskStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type TaskState = (typeof taskStates)[number];

export type LayerPhase =
  | 'waiting'
  | 'preparing'
  | 'downloading'
  | 'pushing'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'complete'
  | 'exists'
  | 'mounted';

export interface LayerProgress {
  /** The short digest the engine names the layer by. */
  id: string;
  phase: LayerPhase;
  /** Bytes downloaded or pushed. */
  current: number;
  /** The layer's size, once the engine has said it. */
  total: number | null;
  extracted: number;
}

/** Pull or push progress: per layer, and overall figures that never go backwards. */
export interface TransferProgress {
  kind: 'pull' | 'push';
  /** 0…1, never decreasing; 1 only when the engine said it is done. */
  fraction: number;
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  /** The sum of the layer sizes known so far ("≥" until `totalExact`). */
  bytesTotal: number;
  totalExact: boolean;
  layers: LayerProgress[];
  digest?: string;
  /** The CLI's closing line (`Status: Downloaded newer image for …`, `latest: digest: … size: …`). */
  statusLine?: string;
}

export interface BuildStep {
  n: number;
  of: number;
  instruction: string;
  /** The image id the step produced (`---> abc123`). */
  result?: string;
  cached?: boolean;
  failed?: boolean;
}

export interface BuildProgress {
  kind: 'build';
  builder: 'legacy';
  steps: BuildStep[];
  /** The step being run (1-based), or 0 before the first. */
  current: number;
  total: number;
  imageId?: string;
  tags: string[];
}

/** Bytes through a stream (save, export, load and import uploads). */
export interface BytesProgress {
  kind: 'bytes';
  bytes: number;
  /** Known for uploads with a Content-Length. */
  total: number | null;
}

export type TaskProgress = TransferProgress | BuildProgress | BytesProgress;

export interface TaskLink {
  label: string;
  href: string;
}

export interface TaskSummary {
  id: string;
  kind: TaskKind;
  /** What the task works on: an image reference, a container, a file name. */
  target: string;
  engine?: string;
  startedAt: string;
  endedAt?: string;
  state: TaskState;
  progress: TaskProgress | null;
  /** One line for the tray: what is happening now, or how it ended. */
  message: string;
  error?: { code: string; message: string };
  links: TaskLink[];
  /** Images the task made or loaded. */
  images: string[];
  cancellable: boolean;
  /** What cancelling leaves behind, in words, shown before the user confirms. */
  cancelNote: string;
  /** Lines in the task's log so far (the log itself is bounded; older lines are dropped). */
  logLines: number;
  /** When the server had the engine's first progress message (ms since the epoch): the start of "first progress on screen". */
  firstProgressAt?: number;
}

export interface TaskDetail extends TaskSummary {
  log: string[];
  /** Lines dropped from the start of the log to keep it bounded. */
  logDropped: number;
}

export const taskIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Not a task id.');

/** Frames on the `tasks` channel: a task's new state, and the log lines it added since the last frame. */
export interface TaskFrame {
  task: TaskSummary;
  /** Log lines added since the previous frame for this task (or the tail, on the first frame). */
  log: string[];
  /** True when `log` is the tail rather than a continuation (first frame, or lines were skipped). */
  reset: boolean;
}
