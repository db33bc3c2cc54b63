import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeRecordHeader } from '../../lib/protocol/file-records';
import { docker, removeImages, testRun } from '../../test/support/docker-cli';
import { getEngine } from '../engine/registry';
import { taskManager } from '../tasks/task-manager';
import { recordsToTar, type ContextStats } from './context-tar';
import { startBuild } from './runners';

// A folder upload's file modes reach the image: 0755 for what the user marked executable, 0644 else.
const t = testRun('moving-modes');
const made: string[] = [];
afterAll(() => {
  removeImages(made);
  t.cleanup();
});

async function finished(id: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const task = taskManager().get(id)!;
    if (task.state !== 'running') return task;
    if (Date.now() > deadline) throw new Error(`task still running: ${task.message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('folder upload file modes', () => {
  it('builds an image whose marked script is 0755 and runs, and whose other files are 0644', async () => {
    const files = [
      ['Dockerfile', 'FROM dockside/busybox\nCOPY . /ctx/\nCMD ["/ctx/run.sh"]\n', false],
      ['run.sh', '#!/bin/sh\necho ran-the-script\n', true],
      ['notes.txt', 'plain\n', false],
    ] as const;
    const body = Buffer.concat(files.flatMap(([path, text, executable]) => [Buffer.from(encodeRecordHeader({ path, size: Buffer.byteLength(text), ...(executable ? { executable } : {}) })), Buffer.from(text)]));
    const tag = `dst-${t.run}-modes:v1`;
    made.push(tag);
    const stats: ContextStats = { files: 0, ignored: 0, bytes: 0 };
    const task = startBuild(
      getEngine().transfers,
      { context: () => recordsToTar(Readable.from([body]), 'Dockerfile', stats), opts: { tags: [tag], dockerfile: 'Dockerfile', buildArgs: {}, labels: { 'dockside.test': t.run }, noCache: false, pull: false }, source: 'an uploaded folder' },
      { who: 'test' },
    );
    const done = await finished(task.id);
    expect(done.state, done.log.join('\n')).toBe('succeeded');
    // The oracle: the CLI, in a container of the built image.
    expect(docker('run', '--rm', '--label', `dockside.test=${t.run}`, tag, 'stat', '-c', '%a %n', '/ctx/run.sh', '/ctx/notes.txt', '/ctx/Dockerfile').split('\n')).toEqual([
      '755 /ctx/run.sh',
      '644 /ctx/notes.txt',
      '644 /ctx/Dockerfile',
    ]);
    expect(docker('run', '--rm', '--label', `dockside.test=${t.run}`, tag)).toBe('ran-the-script');
  });
});
