import { isIgnored, parseDockerignore } from '../protocol/dockerignore';
import { encodeRecordHeader } from '../protocol/file-records';

export interface FolderContext {
  body: Blob;
  files: number;
  ignored: number;
  bytes: number;
  hasDockerfile: boolean;
}

/** The path of a picked file inside the chosen folder (the browser prefixes the folder's own name). */
export function relative(file: File): string {
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  const slash = rel.indexOf('/');
  return slash >= 0 ? rel.slice(slash + 1) : rel;
}

/**
 * A picked folder as the server's file records (`file-records.ts`): `.dockerignore` first, files it
 * leaves out not uploaded at all (the server applies it again), and the files themselves referenced,
 * never read into memory.
 */
export async function folderContext(files: File[], dockerfile: string, executable: ReadonlySet<string> = new Set()): Promise<FolderContext> {
  const byPath = new Map(files.map((f) => [relative(f), f]));
  const ignoreFile = byPath.get('.dockerignore');
  const patterns = ignoreFile ? parseDockerignore(await ignoreFile.text()) : [];
  const parts: BlobPart[] = [];
  let count = 0;
  let ignored = 0;
  let bytes = 0;
  const add = (path: string, f: File) => {
    parts.push(encodeRecordHeader({ path, size: f.size, mtime: f.lastModified, ...(executable.has(path) ? { executable: true } : {}) }) as Uint8Array<ArrayBuffer>, f);
    count += 1;
    bytes += f.size;
  };
  if (ignoreFile) add('.dockerignore', ignoreFile);
  for (const [path, f] of byPath) {
    if (path === '.dockerignore') continue;
    if (path !== dockerfile && isIgnored(patterns, path)) {
      ignored += 1;
      continue;
    }
    add(path, f);
  }
  return { body: new Blob(parts), files: count, ignored, bytes, hasDockerfile: byPath.has(dockerfile) };
}

/** Files read for a `#!` first line at most: a huge folder is not read through to guess modes. */
export const MAX_SNIFFED_FILES = 5000;

/**
 * The files of a picked folder that start with `#!` (scripts, almost always meant to be executable):
 * the upload preview marks them 0755 by default. Two bytes of each file are read, no more. The
 * browser gives no file modes, so this is a guess the user sees and can change, never a claim.
 */
export async function scriptsIn(files: File[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of files.slice(0, MAX_SNIFFED_FILES)) {
    if (f.size < 2) continue;
    const head = new Uint8Array(await f.slice(0, 2).arrayBuffer());
    if (head[0] === 0x23 && head[1] === 0x21) out.add(relative(f));
  }
  return out;
}
