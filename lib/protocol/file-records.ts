/**
 * How the browser sends a folder as a build context: one request body of records, each a 4-byte
 * big-endian length, that many bytes of JSON `{path, size}`, then the file's `size` bytes. The
 * server reads it as a stream and writes the tar itself (uid/gid 0, `.dockerignore` applied), so
 * nothing is held whole and the browser needs no tar writer. `.dockerignore` comes first, when the
 * folder has one, so the server can filter what follows.
 */
export interface FileRecordMeta {
  path: string;
  size: number;
  /** Milliseconds since the epoch (the browser's `File.lastModified`). */
  mtime?: number;
  /**
   * Mode 0755 instead of 0644. A browser's File has no mode, so this is the user's word (the upload
   * preview marks scripts that start with `#!` and lets the user mark any file), not the disk's.
   */
  executable?: boolean;
}

/** The modes a folder upload's files get in the context tar: browsers do not expose the real ones. */
export const FILE_MODE = 0o644;
export const EXECUTABLE_MODE = 0o755;

export const MAX_RECORD_META = 8 * 1024;
export const FILE_RECORDS_TYPE = 'application/x-dockside-files';

export function encodeRecordHeader(meta: FileRecordMeta): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const out = new Uint8Array(4 + json.byteLength);
  new DataView(out.buffer).setUint32(0, json.byteLength, false);
  out.set(json, 4);
  return out;
}
