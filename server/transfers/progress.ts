import type { EngineMessage } from './json-lines';
import type { LayerPhase, LayerProgress, TransferProgress } from '../../lib/protocol/tasks';

/**
 * Pull and push progress, per layer and overall. Layer sizes are only known when each layer starts,
 * and the engine moves three at a time, so a byte-weighted bar jumps back when a big layer shows up
 * late (home-assistant/supervisor#6371). Instead: every layer weighs the same, the overall fraction
 * is the best figure seen so far (it never goes back), and the byte figures say "downloaded of the
 * total known so far". Everything comes from `progressDetail`, never the deprecated `progress` string.
 */

const LAYER_ID = /^[0-9a-f]{12,64}$/;
/** An image has at most ~127 layers; past this the messages are not layers. */
const MAX_LAYERS = 1000;

const PULL_PHASES: Record<string, LayerPhase> = {
  'Pulling fs layer': 'waiting',
  Waiting: 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'verifying',
  'Download complete': 'downloaded',
  Extracting: 'extracting',
  'Pull complete': 'complete',
  'Already exists': 'exists',
};

const PUSH_PHASES: Record<string, LayerPhase> = {
  Preparing: 'preparing',
  Waiting: 'waiting',
  Pushing: 'pushing',
  Pushed: 'complete',
  'Layer already exists': 'exists',
};

const DONE: ReadonlySet<LayerPhase> = new Set(['complete', 'exists', 'mounted']);
/** Once a layer is past the download, its byte count is its size. */
const DOWNLOADED: ReadonlySet<LayerPhase> = new Set(['verifying', 'downloaded', 'extracting', 'complete']);

function phaseOf(kind: 'pull' | 'push', status: string): LayerPhase | null {
  if (kind === 'push' && status.startsWith('Mounted from')) return 'mounted';
  if (kind === 'pull' && status.startsWith('Retrying in')) return 'waiting';
  return (kind === 'pull' ? PULL_PHASES : PUSH_PHASES)[status] ?? null;
}

/** The order phases go in: a late message (the engine's rate limiter) never moves a layer back. */
const RANK: Record<LayerPhase, number> = {
  waiting: 0,
  preparing: 0,
  downloading: 1,
  pushing: 1,
  verifying: 2,
  downloaded: 3,
  extracting: 4,
  complete: 5,
  exists: 5,
  mounted: 5,
};

interface Layer {
  id: string;
  phase: LayerPhase;
  /** Bytes moved (downloaded or pushed). */
  bytes: number;
  size: number | null;
  /** Extracted bytes (pull only). */
  extracted: number;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

function layerFraction(kind: 'pull' | 'push', l: Layer): number {
  if (DONE.has(l.phase)) return 1;
  const moved = l.size ? Math.min(1, l.bytes / l.size) : 0;
  if (kind === 'push') return l.phase === 'pushing' ? moved * 0.99 : 0;
  switch (l.phase) {
    case 'downloading':
      return 0.7 * moved;
    case 'verifying':
    case 'downloaded':
      return 0.7;
    case 'extracting':
      return 0.7 + 0.29 * (l.size ? Math.min(1, l.extracted / l.size) : 0);
    default:
      return 0;
  }
}

export class TransferProgressTracker {
  private readonly layers = new Map<string, Layer>();
  private best = 0;
  private finished = false;
  private digest: string | undefined;
  private statusLine: string | undefined;

  constructor(readonly kind: 'pull' | 'push') {}

  apply(m: EngineMessage): void {
    const status = typeof m.status === 'string' ? m.status : '';
    const id = typeof m.id === 'string' ? m.id : '';
    const phase = status ? phaseOf(this.kind, status) : null;
    if (phase && LAYER_ID.test(id)) {
      this.applyLayer(id, phase, m);
      return;
    }
    if (!status) {
      const aux = m.aux as { Digest?: unknown } | undefined;
      if (aux && typeof aux.Digest === 'string') this.digest = aux.Digest;
      return;
    }
    const pulled = /^Digest: (sha256:[0-9a-f]{64})/.exec(status);
    if (pulled) this.digest = pulled[1];
    const pushed = /: digest: (sha256:[0-9a-f]{64}) size: \d+/.exec(status);
    if (pushed) {
      this.digest = pushed[1];
      this.statusLine = status.slice(0, 300);
    }
    if (status.startsWith('Status: ')) this.statusLine = status.slice(0, 300);
  }

  private applyLayer(id: string, phase: LayerPhase, m: EngineMessage): void {
    let l = this.layers.get(id);
    if (!l) {
      if (this.layers.size >= MAX_LAYERS) return;
      l = { id, phase, bytes: 0, size: null, extracted: 0 };
      this.layers.set(id, l);
    }
    if (RANK[phase] < RANK[l.phase]) return;
    l.phase = phase;
    const current = num(m.progressDetail?.current);
    const total = num(m.progressDetail?.total);
    // Extraction on the containerd store counts seconds, not bytes (units "s"): not a size.
    const bytesUnits = !m.progressDetail?.units;
    if (phase === 'downloading' || phase === 'pushing') {
      if (total !== null && total > 0 && bytesUnits) l.size = Math.max(l.size ?? 0, total);
      if (current !== null && bytesUnits) l.bytes = Math.max(l.bytes, current);
    } else if (phase === 'extracting') {
      if (total !== null && total > 0 && bytesUnits && l.size === null) l.size = total;
      if (current !== null && bytesUnits) l.extracted = Math.max(l.extracted, current);
    }
    // Downloaded means all of it: as many bytes as its size, never fewer than were already counted
    // (an extraction's total may be smaller than what a download without a total had reported).
    if (l.size !== null && DOWNLOADED.has(phase)) l.bytes = Math.max(l.bytes, l.size);
    if (l.size !== null && l.bytes > l.size) l.size = l.bytes;
    if (phase === 'exists' || phase === 'mounted') l.bytes = Math.max(l.bytes, l.size ?? 0);
  }

  /** The task ended well: everything is done. */
  finish(): void {
    this.finished = true;
    this.best = 1;
  }

  snapshot(): TransferProgress {
    const layers: LayerProgress[] = [];
    let done = 0;
    let bytesDone = 0;
    let bytesTotal = 0;
    let sizesKnown = true;
    let sum = 0;
    for (const l of this.layers.values()) {
      const isDone = DONE.has(l.phase);
      if (isDone) done += 1;
      bytesDone += l.bytes;
      if (l.size !== null) bytesTotal += l.size;
      else if (!isDone) sizesKnown = false;
      sum += layerFraction(this.kind, l);
      layers.push({ id: l.id, phase: l.phase, current: l.bytes, total: l.size, extracted: l.extracted });
    }
    const raw = this.layers.size ? sum / this.layers.size : 0;
    // Never 100 % before the engine says it is done: layers may still be discovered.
    this.best = Math.max(this.best, this.finished ? 1 : Math.min(raw, 0.99));
    return {
      kind: this.kind,
      fraction: this.best,
      layersDone: done,
      layersTotal: this.layers.size,
      bytesDone,
      bytesTotal,
      totalExact: this.finished || (sizesKnown && this.layers.size > 0),
      layers,
      ...(this.digest ? { digest: this.digest } : {}),
      ...(this.statusLine ? { statusLine: this.statusLine } : {}),
    };
  }
}
