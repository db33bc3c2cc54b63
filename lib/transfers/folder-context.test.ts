import { describe, expect, it } from 'vitest';
import { MAX_RECORD_META, type FileRecordMeta } from '../protocol/file-records';
import { folderContext, scriptsIn } from './folder-context';

/** A picked file as the directory picker gives it: `webkitRelativePath` starts with the folder's name. */
function picked(path: string, text: string): File {
  const f = new File([text], path.split('/').pop()!);
  Object.defineProperty(f, 'webkitRelativePath', { value: `ctx/${path}` });
  return f;
}

/** The records of a folder context body, decoded. */
async function records(body: Blob): Promise<Array<FileRecordMeta & { text: string }>> {
  const buf = Buffer.from(await body.arrayBuffer());
  const out: Array<FileRecordMeta & { text: string }> = [];
  for (let at = 0; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    expect(len).toBeLessThanOrEqual(MAX_RECORD_META);
    const meta = JSON.parse(buf.subarray(at + 4, at + 4 + len).toString()) as FileRecordMeta;
    at += 4 + len;
    out.push({ ...meta, text: buf.subarray(at, at + meta.size).toString() });
    at += meta.size;
  }
  return out;
}

describe('file modes of a folder upload', () => {
  it('finds the scripts (a #! first line), reading nothing else of the files', async () => {
    const files = [picked('run.sh', '#!/bin/sh\necho hi\n'), picked('bin/tool', '#!/usr/bin/env python3\n'), picked('README', '# not a script\n'), picked('empty', ''), picked('one', '#')];
    expect([...(await scriptsIn(files))].sort()).toEqual(['bin/tool', 'run.sh']);
  });

  it('marks exactly the files the user left executable; the rest carry no mode claim', async () => {
    const files = [picked('Dockerfile', 'FROM scratch\n'), picked('run.sh', '#!/bin/sh\n'), picked('data.txt', 'x')];
    const ctx = await folderContext(files, 'Dockerfile', new Set(['run.sh']));
    const recs = await records(ctx.body);
    expect(recs.map((r) => [r.path, r.executable ?? false])).toEqual([
      ['Dockerfile', false],
      ['run.sh', true],
      ['data.txt', false],
    ]);
    expect(recs.find((r) => r.path === 'run.sh')!.text).toBe('#!/bin/sh\n');
  });
});
