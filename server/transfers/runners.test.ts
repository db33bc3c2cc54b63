import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TransfersApi } from '../engine/api/transfers';
import { taskManager } from '../tasks/task-manager';
import { startBuild, startPull } from './runners';

/** A fake one layer above the engine: streams exactly the lines a test gives it. */
function fakeApi(lines: string[], opts: { cut?: boolean } = {}): TransfersApi {
  const stream = () =>
    new Readable({
      read() {
        for (const l of lines) this.push(l);
        if (opts.cut) this.destroy(new Error('aborted'));
        else this.push(null);
      },
    });
  const unused = () => Promise.reject(new Error('not in this test'));
  return { pull: async () => stream(), push: unused, build: async () => stream(), save: unused, load: unused, exportContainer: unused, importImage: unused, checkAuth: unused, insecureRegistries: async () => ({ cidrs: [], hosts: [] }) } as TransfersApi;
}

async function finished(id: string) {
  for (let i = 0; i < 100; i++) {
    const t = taskManager().get(id)!;
    if (t.state !== 'running') return t;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('task did not finish');
}

const who = { who: 'test' };
const layer = 'abcdefabcdef';

describe('pull task over an engine stream', () => {
  it('fails on an errorDetail line inside the 200 stream, with the engine words', async () => {
    const api = fakeApi([
      '{"status":"Pulling from library/x","id":"1"}\n{"status":"Pulling fs layer","id":"' + layer + '"}\n',
      '{"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}\n',
    ]);
    const t = await finished(startPull(api, { reference: 'x:1' }, who).id);
    expect(t.state).toBe('failed');
    expect(t.error?.message).toBe('unauthorized: authentication required');
  });

  it('fails on a malformed line instead of throwing or succeeding', async () => {
    const api = fakeApi(['{"status":"Pulling from library/x","id":"2"}\n', '{"status": "Downl\n', '{"status":"Status: Downloaded newer image for x:2"}\n']);
    const t = await finished(startPull(api, { reference: 'x:2' }, who).id);
    expect(t.state).toBe('failed');
    expect(t.error?.message).toMatch(/not a progress message \(not JSON\)/);
  });

  it('fails when the stream ends without the closing status (an engine that went away)', async () => {
    const t = await finished(startPull(fakeApi(['{"status":"Pulling fs layer","id":"' + layer + '"}\n']), { reference: 'x:3' }, who).id);
    expect(t.state).toBe('failed');
    expect(t.error?.message).toMatch(/without saying it finished/);
  });

  it('fails when the connection is cut mid-stream', async () => {
    const t = await finished(startPull(fakeApi(['{"status":"Pulling fs layer","id":"' + layer + '"}\n'], { cut: true }), { reference: 'x:4' }, who).id);
    expect(t.state).toBe('failed');
    expect(t.error?.message).toMatch(/closed before the pull finished/);
  });

  it('succeeds with the digest and status line, and the bar at 100 %', async () => {
    const api = fakeApi([
      `{"status":"Downloading","id":"${layer}","progressDetail":{"current":5,"total":10}}\n`,
      `{"status":"Pull complete","id":"${layer}"}\n`,
      `{"status":"Digest: sha256:${'a'.repeat(64)}"}\n{"status":"Status: Downloaded newer image for x:5"}\n`,
    ]);
    const t = await finished(startPull(api, { reference: 'x:5' }, who).id);
    expect(t.state).toBe('succeeded');
    expect(t.message).toBe(`Downloaded newer image for x:5 (sha256:${'a'.repeat(64)})`);
    expect(t.progress).toMatchObject({ kind: 'pull', fraction: 1, layersDone: 1 });
  });
});

describe('build task', () => {
  it('marks the failing step and fails with the engine message', async () => {
    const api = fakeApi([
      '{"stream":"Step 1/2 : FROM busybox\\n"}\n{"stream":" ---\\u003e 0123456789ab\\n"}\n{"stream":"Step 2/2 : RUN false\\n"}\n',
      '{"errorDetail":{"code":1,"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},"error":"x"}\n',
    ]);
    const opts = { tags: ['t:1'], dockerfile: 'Dockerfile', buildArgs: {}, labels: {}, noCache: false, pull: false };
    const t = await finished(startBuild(api, { context: () => Readable.from([]), opts, source: 'test' }, who).id);
    expect(t.state).toBe('failed');
    expect(t.error?.message).toMatch(/returned a non-zero code: 1/);
    expect(t.progress).toMatchObject({ kind: 'build', current: 2, total: 2 });
    expect((t.progress as { steps: { failed?: boolean }[] }).steps[1]!.failed).toBe(true);
    expect(t.log).toContain('Step 2/2 : RUN false');
  });
});
