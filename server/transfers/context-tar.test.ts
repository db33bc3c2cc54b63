import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { encodeRecordHeader } from '../../lib/protocol/file-records';
import { recordsToTar, type ContextStats } from './context-tar';

function body(files: [string, string][], chunk = 7): Readable {
  const parts = files.flatMap(([path, text]) => [Buffer.from(encodeRecordHeader({ path, size: Buffer.byteLength(text), mtime: 1_700_000_000_000 })), Buffer.from(text)]);
  const all = Buffer.concat(parts);
  const pieces: Buffer[] = [];
  for (let i = 0; i < all.length; i += chunk) pieces.push(all.subarray(i, i + chunk));
  return Readable.from(pieces);
}

async function entries(stream: Readable): Promise<{ name: string; uid?: number; gid?: number; text: string }[]> {
  const out: { name: string; uid?: number; gid?: number; text: string }[] = [];
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.push({ name: entry.header.name, uid: entry.header.uid, gid: entry.header.gid, text: Buffer.concat(chunks).toString() });
    }
  })();
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  await Promise.race([done, failed]);
  return out;
}

describe('recordsToTar', () => {
  it('applies .dockerignore, keeps the Dockerfile, and writes uid/gid 0', async () => {
    const stats: ContextStats = { files: 0, ignored: 0, bytes: 0 };
    const files: [string, string][] = [
      ['.dockerignore', 'node_modules\n*.log\nDockerfile\n'],
      ['Dockerfile', 'FROM scratch\n'],
      ['node_modules/x/index.js', 'big'],
      ['debug.log', 'noise'],
      ['src/a.txt', 'hello'],
    ];
    const out = await entries(recordsToTar(body(files), 'Dockerfile', stats));
    expect(out.map((e) => e.name)).toEqual(['.dockerignore', 'Dockerfile', 'src/a.txt']);
    expect(out.every((e) => e.uid === 0 && e.gid === 0)).toBe(true);
    expect(out[2]!.text).toBe('hello');
    expect(stats).toEqual({ files: 5, ignored: 2, bytes: Buffer.byteLength(files[0]![1]) + 13 + 5 });
  });

  it('fails on a path outside the context, and on a missing Dockerfile', async () => {
    await expect(entries(recordsToTar(body([['../etc/passwd', 'x']]), 'Dockerfile', { files: 0, ignored: 0, bytes: 0 }))).rejects.toThrow(/not a path inside the context/);
    await expect(entries(recordsToTar(body([['a.txt', 'x']]), 'Dockerfile', { files: 0, ignored: 0, bytes: 0 }))).rejects.toThrow(/has no Dockerfile/);
  });

  it('fails on an upload cut short', async () => {
    const whole = Buffer.concat([Buffer.from(encodeRecordHeader({ path: 'Dockerfile', size: 100 })), Buffer.from('FROM')]);
    await expect(entries(recordsToTar(Readable.from([whole]), 'Dockerfile', { files: 0, ignored: 0, bytes: 0 }))).rejects.toThrow(/ended 96 bytes early/);
  });

  it('writes 0755 for files marked executable and 0644 for the rest (a browser gives no modes)', async () => {
    const parts = [
      ['Dockerfile', 'FROM scratch\n', false],
      ['run.sh', '#!/bin/sh\n', true],
      ['data.txt', 'x', false],
    ] as const;
    const all = Buffer.concat(parts.flatMap(([path, text, executable]) => [Buffer.from(encodeRecordHeader({ path, size: Buffer.byteLength(text), ...(executable ? { executable } : {}) })), Buffer.from(text)]));
    const stats: ContextStats = { files: 0, ignored: 0, bytes: 0 };
    const modes: Record<string, number> = {};
    const extract = tar.extract();
    const done = (async () => {
      for await (const entry of extract) {
        modes[entry.header.name] = entry.header.mode!;
        entry.resume();
      }
    })();
    recordsToTar(Readable.from([all]), 'Dockerfile', stats).pipe(extract as unknown as NodeJS.WritableStream);
    await done;
    expect(modes).toEqual({ Dockerfile: 0o644, 'run.sh': 0o755, 'data.txt': 0o644 });
  });
});
