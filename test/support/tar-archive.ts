import tar from 'tar-stream';

export interface TarEntry {
  name: string;
  /** A regular file's content (absent for a symlink). */
  data?: Buffer | string;
  /** Makes the entry a symlink to this target. */
  linkname?: string;
  mode?: number;
  mtime?: Date;
}

/** A tar archive of these entries, in memory (test and bench inputs are small). */
export function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.linkname) pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname, mtime: e.mtime });
    else pack.entry({ name: e.name, mode: e.mode ?? 0o644, mtime: e.mtime }, e.data ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}
