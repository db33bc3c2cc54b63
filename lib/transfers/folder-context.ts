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
function relative(file: File): string {
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  const slash = rel.indexOf('/');
  return slash >= 0 ? rel.slice(slash + 1) : rel;
}

/**
 * A picked folder as the server's file records (`file-records.ts`): `.dockerignore` first, files it
 * leaves out not uploaded at all (the server applies it again), and the files themselves referenced,
 * never read into memory.
 */
export async function folderContext(files: File[], dockerfile: string): Promise<FolderContext> {
  const byPath = new Map(files.map((f) => [relative(f), f]));
  const ignoreFile = byPath.get('.dockerignore');
  const patterns = ignoreFile ? parseDockerignore(await ignoreFile.text()) : [];
  const parts: BlobPart[] = [];
  let count = 0;
  let ignored = 0;
  let bytes = 0;
  const add = (path: string, f: File) => {
    parts.push(encodeRecordHeader({ path, size: f.size, mtime: f.lastModified }) as Uint8Array<ArrayBuffer>, f);
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
