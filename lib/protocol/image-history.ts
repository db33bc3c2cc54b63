import type { ReadableStep } from './images';

/**
 * `docker history` "created by" lines, made readable as the Dockerfile instruction they came from.
 *
 * The legacy builder stores every step as the command it would run under `/bin/sh -c`:
 * - a RUN step is the command itself: `/bin/sh -c apk add x`;
 * - a step that runs nothing (ENV, CMD, COPY, …) is marked `/bin/sh -c #(nop) ` ("no operation"),
 *   followed by the instruction;
 * - build args in effect are prefixed as `|N A=1 B=2 /bin/sh -c …`.
 * BuildKit stores the instruction itself (`RUN /bin/sh -c x # buildkit`, `COPY a /b # buildkit`, `ENV A=b`).
 */

const INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL',
  'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL_C = /^\/bin\/sh -c\s+/;
const BUILD_ARGS = /^\|(\d+)\s+/;

function firstWord(s: string): string {
  const w = /^([A-Za-z]+)\b/.exec(s)?.[1]?.toUpperCase() ?? '';
  return INSTRUCTIONS.has(w) ? w : '';
}

/** Splits `|2 A=1 B=2 rest` into the args and the rest; values cannot contain spaces in this form reliably, so count words. */
function stripBuildArgs(s: string): { args: string[]; rest: string } {
  const m = BUILD_ARGS.exec(s);
  if (!m) return { args: [], rest: s };
  const n = Number(m[1]);
  let rest = s.slice(m[0].length);
  const args: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = /^(\S+)\s*/.exec(rest);
    if (!w) break;
    args.push(w[1]!);
    rest = rest.slice(w[0].length);
  }
  return { args, rest };
}

export function readableStep(createdBy: string): ReadableStep {
  const raw = createdBy.trim();
  if (!raw) return { instruction: '', text: '', note: 'The engine recorded no command for this step.' };
  if (/^Imported from /.test(raw)) {
    return { instruction: 'IMPORT', text: raw, note: 'Made by `docker import` from a filesystem tar, not by a Dockerfile.' };
  }
  if (raw.endsWith(' # buildkit')) {
    const text = raw.slice(0, -' # buildkit'.length).trim();
    const instruction = firstWord(text) || 'RUN';
    return { instruction, text: firstWord(text) ? text : `RUN ${text}`, note: 'Built with BuildKit.' };
  }
  const { args, rest } = stripBuildArgs(raw);
  const argNote = args.length ? `Build arguments in effect: ${args.join(' ')}.` : undefined;
  if (NOP.test(rest)) {
    const text = rest.replace(NOP, '').trim();
    const instruction = firstWord(text);
    const note = '"/bin/sh -c #(nop)" is how the classic builder marks a step that runs no command (metadata or a file copy).';
    return { instruction, text: text || rest, note: argNote ? `${note} ${argNote}` : note };
  }
  if (SHELL_C.test(rest)) {
    return { instruction: 'RUN', text: `RUN ${rest.replace(SHELL_C, '')}`, ...(argNote ? { note: argNote } : {}) };
  }
  const instruction = firstWord(rest);
  if (instruction) return { instruction, text: rest, ...(argNote ? { note: argNote } : {}) };
  // Exec-form RUN or a command recorded by another tool (commit, a foreign builder).
  return { instruction: '', text: rest, ...(argNote ? { note: argNote } : {}) };
}

/** Steps whose instruction only changes metadata: they never make a layer. */
const METADATA_ONLY = new Set(['ARG', 'CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME']);

export interface RawHistoryEntry {
  size: number;
  createdBy: string;
  /**
   * How many layers the image made by this step has (its `RootFS.Layers` length), when the engine
   * still has that image: history rows carry the ids of the image's local ancestors (classic
   * builds, commits), so for those steps the layer count is a fact, not an inference.
   */
  layersThrough?: number | null;
}

export interface LayerAlignment {
  layerOfStep: (number | null)[];
  stepOfLayer: (number | null)[];
  /**
   * Steps whose "made a layer or not" had to be inferred: a 0-byte step between two points the
   * engine pins (no intermediate image on either side), where some but not all 0-byte steps made a
   * layer. Empty when the mapping is exact.
   */
  guessed: number[];
}

/**
 * Which history entries (oldest first) made which layer of the image's `layerCount` layers.
 *
 * The engine's own rule (moby daemon/images/image_history.go): it walks the config's history and
 * gives each entry without `empty_layer` the next DiffID and that layer's size; entries with
 * `empty_layer` get size 0. API 1.41 drops the flag (and `/images/{id}/json` carries no history), so:
 * - an entry with bytes made a layer;
 * - where an entry names a local image (`layersThrough` known), the layers up to it are a count:
 *   between two such points exactly the difference were made — e.g. `RUN true` changes nothing and
 *   the classic builder commits no layer for it, while `WORKDIR /app` makes a 0-byte layer;
 * - when, between two pinned points (or the base and the top), the 0-byte entries are all layers or
 *   all not, that is exact too. Only otherwise are 0-byte layers assigned by instruction (file
 *   changes first, metadata last) and reported in `guessed`.
 */
export function alignLayers(history: RawHistoryEntry[], layerCount: number): LayerAlignment {
  const isLayer = history.map((h) => h.size > 0);
  const guessed: number[] = [];
  // pinned points: [step index, layers through it]; a virtual one before the first step and the top
  const pins: Array<[number, number]> = [[-1, 0]];
  history.forEach((h, i) => {
    if (typeof h.layersThrough === 'number' && h.layersThrough >= pins[pins.length - 1]![1] && h.layersThrough <= layerCount) pins.push([i, h.layersThrough]);
  });
  if (pins[pins.length - 1]![0] !== history.length - 1 || pins[pins.length - 1]![1] !== layerCount) pins.push([history.length - 1, layerCount]);
  for (let p = 1; p < pins.length; p++) {
    const [from, before] = pins[p - 1]!;
    const [to, through] = pins[p]!;
    const segment: number[] = [];
    for (let i = from + 1; i <= to; i++) segment.push(i);
    const nonZero = segment.filter((i) => isLayer[i]).length;
    const zeros = segment.filter((i) => !isLayer[i]);
    let needZero = Math.max(0, through - before - nonZero);
    if (needZero === 0) continue;
    if (needZero >= zeros.length) {
      for (const i of zeros) isLayer[i] = true;
      continue;
    }
    const rank = (h: RawHistoryEntry): number => {
      const s = readableStep(h.createdBy);
      if (METADATA_ONLY.has(s.instruction)) return 2;
      if (s.note?.includes('#(nop)') && s.instruction !== 'COPY' && s.instruction !== 'ADD') return 1;
      return 0;
    };
    guessed.push(...zeros);
    for (const level of [0, 1, 2]) {
      for (const i of zeros) {
        if (needZero > 0 && rank(history[i]!) === level) {
          isLayer[i] = true;
          needZero--;
        }
      }
    }
  }
  const layerOfStep: (number | null)[] = [];
  const stepOfLayer: (number | null)[] = Array.from({ length: layerCount }, () => null);
  let next = 0;
  for (let i = 0; i < history.length; i++) {
    if (isLayer[i] && next < layerCount) {
      layerOfStep.push(next);
      stepOfLayer[next] = i;
      next++;
    } else layerOfStep.push(null);
  }
  return { layerOfStep, stepOfLayer, guessed };
}
