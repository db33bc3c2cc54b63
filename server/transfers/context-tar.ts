import { once } from 'node:events';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { isIgnored, parseDockerignore, safeContextPath } from '../../lib/protocol/dockerignore';
import { EXECUTABLE_MODE, FILE_MODE, MAX_RECORD_META, type FileRecordMeta } from '../../lib/protocol/file-records';
import { ByteReader } from './byte-reader';

/** A build context error the user can act on (a bad path, a cut-off upload). */
export class ContextError extends Error {}

const MAX_FILES = 200_000;
const MAX_DOCKERIGNORE = 1024 * 1024;

export interface ContextStats {
  files: number;
  ignored: number;
  bytes: number;
}

function entryHeader(name: string, size: number, mtime?: number, executable = false): Partial<tar.Header> & { name: string } {
  // As the docker CLI: uid/gid 0, no user names, so the image does not carry the uploader's ids.
  return { name, size, mode: executable ? EXECUTABLE_MODE : FILE_MODE, uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(mtime && Number.isFinite(mtime) ? mtime : 0), type: 'file' };
}

interface EntrySink {
  write(piece: Buffer): boolean;
  end(): void;
  on(event: string, fn: (...args: unknown[]) => void): unknown;
}

async function writeAll(entry: EntrySink, pieces: AsyncIterable<Buffer>): Promise<void> {
  // A failure is reported once, by the pack; the half-written entry goes with it.
  entry.on('error', () => undefined);
  for await (const piece of pieces) {
    if (!entry.write(piece)) await once(entry as unknown as NodeJS.EventEmitter, 'drain');
  }
  entry.end();
}

/**
 * Reads the browser's file records (`lib/protocol/file-records.ts`) and returns the tar the engine
 * gets, streamed: `.dockerignore` applied (never to the Dockerfile or `.dockerignore` themselves, as
 * the CLI keeps them), every path checked to stay inside the context, uid/gid 0.
 */
export function recordsToTar(source: AsyncIterable<Buffer>, dockerfile: string, stats: ContextStats): Readable {
  const pack = tar.pack();
  const reader = new ByteReader(source);
  const keepAlways = new Set([dockerfile, '.dockerignore']);
  let patterns: ReturnType<typeof parseDockerignore> = [];
  const seen = new Set<string>();

  const pump = async () => {
    let first = true;
    while (!(await reader.atEnd())) {
      const len = (await reader.read(4)).readUInt32BE(0);
      if (len === 0 || len > MAX_RECORD_META) throw new ContextError('The folder upload is not in the expected format.');
      let meta: FileRecordMeta;
      try {
        meta = JSON.parse((await reader.read(len)).toString('utf8')) as FileRecordMeta;
      } catch {
        throw new ContextError('The folder upload is not in the expected format.');
      }
      const path = typeof meta?.path === 'string' ? safeContextPath(meta.path) : null;
      if (!path) throw new ContextError(`"${String(meta?.path).slice(0, 200)}" is not a path inside the context.`);
      if (!Number.isSafeInteger(meta.size) || meta.size < 0) throw new ContextError(`${path}: not a file size.`);
      if (seen.has(path)) throw new ContextError(`${path} appears twice in the upload.`);
      seen.add(path);
      if (++stats.files > MAX_FILES) throw new ContextError(`More than ${MAX_FILES} files in the context.`);
      if (first && path === '.dockerignore') {
        if (meta.size > MAX_DOCKERIGNORE) throw new ContextError('.dockerignore is over 1 MiB.');
        const text = await reader.read(meta.size);
        patterns = parseDockerignore(text.toString('utf8'));
        pack.entry(entryHeader(path, meta.size, meta.mtime), text);
        stats.bytes += meta.size;
        first = false;
        continue;
      }
      first = false;
      if (!keepAlways.has(path) && isIgnored(patterns, path)) {
        stats.ignored += 1;
        for await (const _ of reader.pieces(meta.size)) {
          // Skipped: .dockerignore leaves it out.
        }
        continue;
      }
      const entry = pack.entry(entryHeader(path, meta.size, meta.mtime, meta.executable === true));
      await writeAll(entry as unknown as EntrySink, reader.pieces(meta.size));
      stats.bytes += meta.size;
    }
    if (!seen.has(dockerfile)) throw new ContextError(`The folder has no ${dockerfile} (the Dockerfile path must be inside the context).`);
    pack.finalize();
  };
  pump().catch((err: unknown) => pack.destroy(err instanceof ContextError ? err : new ContextError(`The folder upload failed: ${(err as Error).message}.`)));
  // tar-stream's streams are streamx; the engine request wants a Node stream.
  return Readable.from(pack);
}

/** A context of one file: the Dockerfile written in the editor. */
export function dockerfileOnlyTar(dockerfile: string, text: string): Readable {
  const pack = tar.pack();
  const body = Buffer.from(text, 'utf8');
  pack.entry(entryHeader(dockerfile, body.byteLength, Date.now()), body);
  pack.finalize();
  return Readable.from(pack);
}
