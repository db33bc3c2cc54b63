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
}

/**
 * Which history entries (oldest first) made which layer of `diffIds`. The engine's history API
 * drops the `empty_layer` flag: an entry with bytes made a layer; among 0-byte entries, the ones
 * that made (empty) layers are told by their instruction (RUN/COPY/ADD/WORKDIR/commit before
 * metadata-only ones). The sizes are exact either way; only a 0-byte layer's step is a best guess.
 */
export function alignLayers(history: RawHistoryEntry[], layerCount: number): { layerOfStep: (number | null)[]; stepOfLayer: (number | null)[] } {
  const nonZero = history.filter((h) => h.size > 0).length;
  let needZero = Math.max(0, layerCount - nonZero);
  const isLayer = history.map((h) => h.size > 0);
  if (needZero > 0) {
    const rank = (h: RawHistoryEntry): number => {
      const s = readableStep(h.createdBy);
      if (METADATA_ONLY.has(s.instruction)) return 2;
      if (s.note?.includes('#(nop)') && s.instruction !== 'COPY' && s.instruction !== 'ADD') return 1;
      return 0;
    };
    for (const level of [0, 1, 2]) {
      for (let i = 0; i < history.length && needZero > 0; i++) {
        if (!isLayer[i] && rank(history[i]!) === level) {
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
  return { layerOfStep, stepOfLayer };
}
