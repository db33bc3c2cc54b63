import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommitResult, ContainerChanges, DirectoryListing, ImageList, ImagePrunePreview, InspectedImage, LayerGraph, RemovalPreview } from '../../lib/protocol/images';
import { docker, runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside } from '../support/dockside-server';
import { serverForFile } from '../support/server-for-file';

const t = testRun('images-api');
const file = serverForFile(t);
const repo = `dst-${t.run}-img`;

const json = async <T>(res: Promise<Response>, status = 200): Promise<T> => {
  const r = await res;
  const body = await r.text();
  expect(r.status, body.slice(0, 300)).toBe(status);
  return JSON.parse(body) as T;
};
const send = (method: string, p: string, body?: unknown) =>
  file.server.api(p, { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });
const bare = (id: string) => id.replace(/^sha256:/, '');

afterAll(() => {
  const tags = docker('images', '--format', '{{.Repository}}:{{.Tag}}').split('\n').filter((r) => r.startsWith(repo));
  if (tags.length) docker('rmi', '-f', ...tags);
});

describe('images HTTP API against the real server and engine', () => {
  it('lists images with sharing, shows one, tags and untags it with previews, through the gate and the audit log', async () => {
    const base = docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox');
    const list = await json<ImageList>(send('GET', '/api/images?sharing=1'));
    expect(list.images.map((i) => i.id)).toContain(base);
    expect(list.sharing?.[base]).toBeDefined();

    const detail = await json<InspectedImage>(send('GET', `/api/images/${bare(base)}`));
    expect(detail.image.repoTags).toContain('dockside/busybox:latest');
    expect(detail.image.layers.length).toBeGreaterThan(0);
    // the custom server answers the detail before Next: same errors as every route, same headers
    const detailRes = await send('GET', `/api/images/sha256%3A${bare(base)}`);
    expect(detailRes.status).toBe(200);
    expect(detailRes.headers.get('cache-control')).toBe('no-store');
    expect(detailRes.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await json(send('GET', `/api/images/${'0'.repeat(64)}`), 404)).toMatchObject({ code: 'not_found' });
    expect(await json(send('GET', '/api/images/not-an-id'), 400)).toMatchObject({ code: 'bad_request' });
    expect(await json(send('GET', `/api/images/${bare(base)}?engine=${encodeURIComponent('no such')}`), 400)).toMatchObject({ code: 'bad_request' });

    // a bad tag is refused by the grammar before the engine sees it
    const bad = await send('POST', `/api/images/${bare(base)}/tag`, { target: 'Bad/../name' });
    expect(bad.status).toBe(400);
    expect(await json(send('POST', `/api/images/${bare(base)}/tag`, { target: `${repo}:one` }))).toEqual({ ok: true });
    expect(docker('image', 'inspect', '--format', '{{json .RepoTags}}', base)).toContain(`${repo}:one`);

    const preview = await json<RemovalPreview>(send('GET', `/api/images/${bare(base)}/remove?tag=${encodeURIComponent(`${repo}:one`)}`));
    expect(preview.outcome).toMatchObject({ kind: 'untag', tag: `${repo}:one` });
    // a tag that is not this image's: 404, nothing removed
    expect((await send('DELETE', `/api/images/${bare(base)}?tag=${encodeURIComponent('dockside/web:latest')}`)).status).toBe(404);
    expect(docker('images', '-q', 'dockside/web')).not.toBe('');
    expect(await json(send('DELETE', `/api/images/${bare(base)}?tag=${encodeURIComponent(`${repo}:one`)}`))).toEqual({ untagged: [`${repo}:one`], deleted: [], layers: 0 });
    expect(docker('image', 'inspect', '--format', '{{json .RepoTags}}', base)).not.toContain(`${repo}:one`);

    const auditFile = path.join(file.server.configDir, 'audit.log');
    await waitFor(() => fs.existsSync(auditFile) && fs.readFileSync(auditFile, 'utf8').includes(`/api/images/${bare(base)}/tag`), 'the tag in the audit log');

    const graph = await json<LayerGraph>(send('GET', '/api/images/layers'));
    expect(graph.images.find((i) => i.id === base)?.layers.length).toBe(detail.image.layers.length);
    const prune = await json<ImagePrunePreview>(send('GET', '/api/prune/images?mode=dangling'));
    expect(prune.mode).toBe('dangling');
    expect((await send('GET', '/api/prune/images?mode=everything')).status).toBe(400);
  });

  it('diffs, lists, downloads, uploads and commits a container', async () => {
    const id = runContainer(t.label, t.name('c'), [], 'dockside/busybox', ['sh', '-c', 'echo hi > /hello; sleep 3600']);
    await new Promise((r) => setTimeout(r, 300));
    const changes = await json<ContainerChanges>(send('GET', `/api/containers/${id}/diff`));
    expect(changes.changes).toContainEqual({ path: '/hello', kind: 'A' });

    const listing = await json<DirectoryListing>(send('GET', `/api/containers/${id}/files?path=/`));
    expect(listing.entries.map((e) => e.name)).toContain('hello');
    expect((await send('GET', `/api/containers/${id}/files?path=/etc/../root`)).status).toBe(400);
    expect((await send('GET', `/api/containers/${id}/files/download`)).status).toBe(400);
    const dl = await send('GET', `/api/containers/${id}/files/download?path=/hello`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain('hello.tar');
    const tarBytes = Buffer.from(await dl.arrayBuffer());
    expect(tarBytes.subarray(257, 262).toString()).toBe('ustar');

    const up = await file.server.api(`/api/containers/${id}/files?path=/tmp&name=note.txt`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: 'note\n' });
    expect(up.status, await up.clone().text()).toBe(200);
    expect(docker('exec', id, 'cat', '/tmp/note.txt')).toBe('note');
    expect((await file.server.api(`/api/containers/${id}/files?path=/tmp&name=..`, { method: 'PUT', body: 'x' })).status).toBe(400);

    const bad = await send('POST', `/api/containers/${id}/commit`, { target: `${repo}:c`, changes: ['RUN rm -rf /'] });
    expect(bad.status).toBe(400);
    const res = await json<CommitResult>(send('POST', `/api/containers/${id}/commit`, { target: `${repo}:c`, message: 'snap', changes: ['ENV X=1'] }));
    expect(res).toMatchObject({ repoTag: `${repo}:c`, container: { id } });
    expect(JSON.parse(docker('image', 'inspect', '--format', '{{json .Config.Env}}', res.id))).toContain('X=1');
  });

  it('read-only mode refuses tag, remove, prune, commit, upload and download', async () => {
    const ro = await startDockside(['--read-only']);
    try {
      const base = bare(docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox'));
      const id = runContainer(t.label, t.name('ro'), []);
      const cases: Array<[string, string]> = [
        ['POST', `/api/images/${base}/tag`],
        ['DELETE', `/api/images/${base}`],
        ['POST', '/api/prune/images?mode=unused'],
        ['POST', `/api/containers/${id}/commit`],
        ['PUT', `/api/containers/${id}/files?path=/tmp&name=x`],
        ['GET', `/api/containers/${id}/files/download?path=/etc`],
      ];
      for (const [method, p] of cases) {
        const r = await ro.api(p, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify({ target: 'x:1' }) });
        expect(r.status, `${method} ${p}`).toBe(403);
      }
      expect((await ro.api(`/api/images/${base}`)).status).toBe(200);
    } finally {
      await ro.stop();
    }
  });
});
