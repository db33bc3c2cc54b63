import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, runContainer, TEST_LABEL, testRun } from '../../../test/support/docker-cli';
import { EngineError } from '../errors';
import { getEngine } from '../registry';

const t = testRun('images');
const api = getEngine().images;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dks-images-test-'));
const repo = (s: string) => `dst-${t.run}-${s}`;

/** A classic (non-BuildKit) build, so the engine keeps each step as an intermediate image. */
function build(tag: string, dockerfile: string): string {
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  execFileSync('docker', ['build', '-q', '-t', tag, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}

const lines = (s: string) => s.split('\n').filter(Boolean);

let aId = '';
let bId = '';

beforeAll(() => {
  aId = build(`${repo('a')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nRUN echo a > /a.txt\nRUN dd if=/dev/zero of=/big bs=1024 count=300 2>/dev/null\nENV A=1\nCMD ["sh"]\n`);
  bId = build(`${repo('b')}:1`, `FROM ${repo('a')}:1\nRUN echo bbbb > /b.txt\n`);
}, 120_000);

afterAll(() => {
  t.cleanup();
  // tags first (their untagged parents go with them), then whatever is left, children before parents
  const tags = lines(docker('images', '--filter', `label=${t.label}`, '--format', '{{.Repository}}:{{.Tag}}')).filter((r) => !r.includes('<none>'));
  if (tags.length) docker('rmi', '-f', ...tags);
  for (let round = 0; round < 5; round++) {
    const ids = lines(docker('images', '-aq', '--no-trunc', '--filter', `label=${t.label}`));
    if (!ids.length) break;
    for (const id of ids) {
      try {
        docker('rmi', '-f', id);
      } catch {
        // a parent whose child is removed later in this round
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('images against a real engine, the docker CLI as oracle', () => {
  it('lists what docker images and docker images -a list, with their sizes', async () => {
    const { images, sharing } = await api.list({ sharing: true });
    // this file's images (labelled): other tests may add or remove theirs meanwhile
    const mine = images.filter((i) => i.labels[TEST_LABEL] === t.run);
    const all = new Set(lines(docker('images', '-aq', '--no-trunc', '--filter', `label=${t.label}`)));
    const top = new Set(lines(docker('images', '-q', '--no-trunc', '--filter', `label=${t.label}`)));
    expect(new Set(mine.map((i) => i.id))).toEqual(all);
    expect(new Set(mine.filter((i) => i.kind !== 'intermediate').map((i) => i.id))).toEqual(top);
    expect(mine.some((i) => i.kind === 'intermediate')).toBe(true);
    const a = images.find((i) => i.id === aId)!;
    expect(a.repoTags).toEqual([`${repo('a')}:1`]);
    expect(a.size).toBe(Number(docker('image', 'inspect', '--format', '{{.Size}}', aId)));
    build(`${repo('d')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nRUN echo 1 > /d\n`);
    build(`${repo('d')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nRUN echo 2 > /d\n`);
    const again = (await api.list()).images.filter((i) => i.labels[TEST_LABEL] === t.run);
    const dangling = new Set(lines(docker('images', '-q', '--no-trunc', '--filter', 'dangling=true', '--filter', `label=${t.label}`)));
    expect(dangling.size).toBeGreaterThan(0);
    expect(new Set(again.filter((i) => i.kind === 'dangling').map((i) => i.id))).toEqual(dangling);
    // b's own layer is its unique size (a stays, it is tagged); the rest is shared with a
    const bLayer = Number(lines(docker('history', '--human=false', '--format', '{{.Size}}', bId))[0]);
    expect(bLayer).toBeGreaterThan(0);
    expect(sharing![bId]).toMatchObject({ uniqueSize: bLayer, sharedSize: images.find((i) => i.id === bId)!.size - bLayer });
    // a: every layer is also in b
    expect(sharing![aId]!.uniqueSize).toBe(0);
    // and as the engine's own disk-usage report counts them (docker system df -v, 4 significant
    // digits). Only this file's images: others' tests may add images sharing the seeds' layers meanwhile.
    const df = JSON.parse(docker('system', 'df', '-v', '--format', '{{json .Images}}')) as Array<{ ID: string; UniqueSize: string; SharedSize: string }>;
    const bytes = (h: string) => {
      const m = /^([\d.]+)\s*([kMGT]?)B$/.exec(h)!;
      return Number(m[1]) * 1000 ** ' kMGT'.indexOf(m[2] || ' ');
    };
    const near = (ours: number, theirs: string) => expect(Math.abs(ours - bytes(theirs)), `${ours} vs ${theirs}`).toBeLessThanOrEqual(Math.max(1, bytes(theirs) * 0.0006));
    for (const id of [aId, bId]) {
      const row = df.find((r) => r.ID === id)!;
      near(sharing![id]!.uniqueSize, row.UniqueSize);
      near(sharing![id]!.sharedSize, row.SharedSize);
    }
  });

  it('shows history as docker history does, and the layers with what shares them', async () => {
    const { image } = await api.inspect(aId);
    const cli = lines(docker('history', '--no-trunc', '--human=false', '--format', '{{.ID}}\t{{.Size}}\t{{.CreatedBy}}', aId)).reverse();
    expect(image.history.map((h) => h.size)).toEqual(cli.map((l) => Number(l.split('\t')[1])));
    expect(image.history.map((h) => h.createdBy)).toEqual(cli.map((l) => l.split('\t').slice(2).join('\t')));
    expect(image.history.map((h) => h.imageId ?? '<missing>')).toEqual(cli.map((l) => l.split('\t')[0]));
    expect(image.history.find((h) => h.createdBy.includes('ENV A=1'))).toMatchObject({ step: { instruction: 'ENV', text: 'ENV A=1' }, layerIndex: null });
    const run = image.history.find((h) => h.createdBy.includes('dd if=/dev/zero'))!;
    expect(run.step.instruction).toBe('RUN');
    expect(run.size).toBeGreaterThanOrEqual(300 * 1024);
    const diffIds = JSON.parse(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', aId)) as string[];
    expect(image.layers.map((l) => l.diffId)).toEqual(diffIds);
    expect(image.layers.reduce((s, l) => s + l.size, 0)).toBe(image.size);
    // the base layer (dockside/busybox's) is shared with the base image and b
    const baseId = docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox');
    expect(image.layers[0]!.sharedWith).toEqual(expect.arrayContaining([baseId, bId]));
    expect(image.layers[run.layerIndex!]!.sharedWith).toContain(bId);
    expect(image.layers[run.layerIndex!]!.sharedWith).not.toContain(baseId);
    expect(image.config).toMatchObject({ cmd: ['sh'], env: expect.arrayContaining(['A=1']) });
  });

  it('maps history steps to layers as the engine counts them: docker history and each step image\'s layer count', async () => {
    // WORKDIR and mkdir make 0-byte layers; `RUN true` changes nothing, so the classic builder commits no layer for it
    const id = build(`${repo('steps')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nENV A=1\nWORKDIR /app\nRUN true\nRUN mkdir /x\nRUN echo hi > /hi\nCMD ["sh"]\n`);
    const { image } = await api.inspect(id);
    const cli = lines(docker('history', '--no-trunc', '--human=false', '--format', '{{.ID}}\t{{.Size}}', id)).reverse();
    expect(image.history.map((h) => h.size)).toEqual(cli.map((l) => Number(l.split('\t')[1])));
    // the oracle: a step made a layer when its image has one more layer than the step before's
    let before = 0;
    const made = cli.map((l) => {
      const stepImage = l.split('\t')[0]!;
      expect(stepImage).not.toBe('<missing>');
      const through = Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', stepImage));
      const m = through > before;
      before = through;
      return m;
    });
    expect(image.history.map((h) => h.layerIndex !== null)).toEqual(made);
    expect(image.history.some((h) => h.layerInferred)).toBe(false);
    const step = (text: string) => image.history.find((h) => h.step.text === text)!;
    expect(step('WORKDIR /app')).toMatchObject({ size: 0, layerIndex: 1 });
    expect(step('RUN true').layerIndex).toBeNull();
    expect(step('RUN mkdir /x')).toMatchObject({ size: 0, layerIndex: 2 });
    expect(image.layers.map((l) => l.stepIndex)).toEqual(image.history.flatMap((h, i) => (h.layerIndex === null ? [] : [i])));
    expect(image.layers).toHaveLength(Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', id)));
    // a commit of a container that changed nothing adds a history step but no layer (the engine skips the empty diff)
    const c = t.name('nochange');
    docker('create', '--name', c, '--label', t.label, id, 'true');
    const committed = docker('commit', c, `${repo('steps')}:commit`);
    const top = (await api.inspect(committed)).image;
    expect(top.layers).toHaveLength(image.layers.length);
    expect(top.history.at(-1)).toMatchObject({ size: 0, layerIndex: null });
    expect(top.history.some((h) => h.layerInferred)).toBe(false);
    // the detail's sizes agree with the list's, which come from the whole layer graph
    const { sharing } = await api.list({ sharing: true });
    expect({ uniqueSize: top.uniqueSize, sharedSize: top.sharedSize }).toEqual({ uniqueSize: sharing![committed]!.uniqueSize, sharedSize: sharing![committed]!.sharedSize });
    // (the committed image now shares every layer of the one it came from)
    const now = (await api.inspect(id)).image;
    expect(now.uniqueSize).toBe(0);
    expect({ uniqueSize: now.uniqueSize, sharedSize: now.sharedSize }).toEqual({ uniqueSize: sharing![id]!.uniqueSize, sharedSize: sharing![id]!.sharedSize });
    docker('rm', c);
  });

  it('tags, untags, refuses and removes as the preview says', async () => {
    await api.tag(bId, `${repo('b')}:2`);
    expect(docker('image', 'inspect', '--format', '{{json .RepoTags}}', bId)).toContain(`${repo('b')}:2`);
    await expect(api.tag(bId, 'Bad Name')).rejects.toBeInstanceOf(EngineError);

    const untag = await api.previewRemove(`${repo('b')}:2`);
    expect(untag.outcome).toEqual({ kind: 'untag', tag: `${repo('b')}:2`, remainingTags: [`${repo('b')}:1`] });
    const res = await api.remove(await api.removalTarget(bId.slice(7), `${repo('b')}:2`), { force: false });
    expect(res).toEqual({ untagged: [`${repo('b')}:2`], deleted: [], layers: 0 });

    const parent = await api.previewRemove(aId);
    expect(parent.outcome.kind).toBe('refused');

    const user = runContainer(t.label, t.name('user'), [], `${repo('b')}:1`, ['true']);
    docker('wait', user);
    const refused = await api.previewRemove(bId);
    expect(refused.outcome).toMatchObject({ kind: 'refused', containers: [{ id: user, name: t.name('user'), state: 'exited' }] });
    expect(refused.forced).toMatchObject({ kind: 'delete' });
    await expect(api.remove(bId, { force: false })).rejects.toMatchObject({ code: 'conflict' });
    docker('rm', user);

    const preview = await api.previewRemove(bId);
    expect(preview.outcome.kind).toBe('delete');
    if (preview.outcome.kind !== 'delete') return;
    const bLayer = Number(lines(docker('history', '--human=false', '--format', '{{.Size}}', bId))[0]);
    expect(preview.outcome).toMatchObject({ layers: 1, freedBytes: bLayer, untags: [`${repo('b')}:1`] });
    const labelled = () => new Set(lines(docker('images', '-aq', '--no-trunc', '--filter', `label=${t.label}`)));
    const before = labelled();
    const done = await api.remove(bId, { force: false });
    const after = labelled();
    const gone = [...before].filter((id) => !after.has(id));
    expect(new Set(done.deleted)).toEqual(new Set(gone));
    expect(done.layers).toBe(1);
    expect(new Set(gone)).toEqual(new Set(preview.outcome.images));
  });

  it('previews a dangling prune exactly', async () => {
    build(`${repo('c')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nRUN echo one > /c\n`);
    build(`${repo('c')}:1`, `FROM dockside/busybox\nLABEL ${t.label}\nRUN echo two > /c\n`);
    const preview = await api.previewPrune({ mode: 'dangling', label: t.label });
    const danglingNow = lines(docker('images', '-q', '--no-trunc', '--filter', 'dangling=true', '--filter', `label=${t.label}`));
    expect(danglingNow.length).toBeGreaterThan(0);
    for (const d of danglingNow) expect(preview.images.map((i) => i.id)).toContain(d);
    const labelled = () => new Set(lines(docker('images', '-aq', '--no-trunc', '--filter', `label=${t.label}`)));
    const before = labelled();
    const res = await api.prune({ mode: 'dangling', label: t.label });
    const after = labelled();
    // (this file's images only: the label keeps other tests' images out of both)
    expect(new Set(preview.images.map((i) => i.id))).toEqual(new Set([...before].filter((id) => !after.has(id))));
    expect(res.reclaimedBytes).toBe(preview.reclaimableBytes);
  });

  it('diffs a container as docker diff does', async () => {
    const id = runContainer(t.label, t.name('diff'), [], 'dockside/busybox', ['sh', '-c', 'echo x > /new.txt; rm /bin/vi; mkdir -p /tmp/d/e; sleep 3600']);
    await new Promise((r) => setTimeout(r, 500));
    const changes = await api.changes(id);
    const cli = lines(docker('diff', id)).map((l) => `${l[0]} ${l.slice(2)}`);
    expect(changes.changes.map((c) => `${c.kind} ${c.path}`).sort()).toEqual(cli.sort());
    expect(changes.changes).toContainEqual({ path: '/new.txt', kind: 'A' });
    expect(changes.changes).toContainEqual({ path: '/bin/vi', kind: 'D' });
    expect(changes.sizeRw).toBeGreaterThan(0);
  });

  it('commits with message, author and changes, as docker inspect and docker run see it', async () => {
    const id = runContainer(t.label, t.name('commit'), [], 'dockside/busybox', ['sh', '-c', 'echo hello > /greeting; sleep 3600']);
    await new Promise((r) => setTimeout(r, 500));
    const res = await api.commit(id, {
      target: `${repo('committed')}:v1`,
      message: 'first',
      author: 'Tester <t@example.com>',
      pause: true,
      changes: ['CMD ["cat", "/greeting"]', 'ENV MOOD=good', `LABEL ${t.label}`],
    });
    expect(res.repoTag).toBe(`${repo('committed')}:v1`);
    const info = JSON.parse(docker('image', 'inspect', res.id))[0];
    expect(info.Comment).toBe('first');
    expect(info.Author).toBe('Tester <t@example.com>');
    expect(info.Config.Cmd).toEqual(['cat', '/greeting']);
    expect(info.Config.Env).toContain('MOOD=good');
    expect(res.layerSize).toBe(Number(lines(docker('history', '--human=false', '--format', '{{.Size}}', res.id))[0]));
    expect(res.changedPaths).toBe(lines(docker('diff', id)).length);
    expect(docker('run', '--rm', `${repo('committed')}:v1`)).toBe('hello');
  });

  it('lists, downloads and uploads files as docker cp does; symlinks are not followed', async () => {
    const id = runContainer(t.label, t.name('files'), [], 'dockside/busybox', ['sh', '-c', 'mkdir -p /data/sub && echo 12345 > /data/f && echo abc > /data/sub/g && ln -s /etc /data/link && sleep 3600']);
    await new Promise((r) => setTimeout(r, 500));
    const listing = await api.listDirectory(id, '/data');
    expect(listing.self.type).toBe('dir');
    expect(listing.entries.map((e) => [e.name, e.type])).toEqual([
      ['sub', 'dir'],
      ['f', 'file'],
      ['link', 'symlink'],
    ]);
    expect(listing.entries.find((e) => e.name === 'f')!.size).toBe(6);
    expect(listing.entries.find((e) => e.name === 'link')!.linkTarget).toBe('/etc');
    const link = await api.listDirectory(id, '/data/link');
    expect(link).toMatchObject({ self: { type: 'symlink' }, entries: [] });
    const root = await api.listDirectory(id, '/');
    const cliRoot = lines(execFileSync('sh', ['-c', `docker exec ${id} ls -a / | grep -v '^\\.\\.\\?$'`], { encoding: 'utf8' }));
    expect(root.entries.map((e) => e.name).sort()).toEqual(cliRoot.sort());
    await expect(api.listDirectory(id, '/nope')).rejects.toMatchObject({ code: 'not_found' });

    const stream = await api.download(id, '/data/f');
    const names: string[] = [];
    const contents: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const ex = tar.extract();
      ex.on('entry', (h, body, next) => {
        names.push(h.name);
        const chunks: Buffer[] = [];
        body.on('data', (c: unknown) => chunks.push(c as Buffer));
        body.on('end', () => {
          contents.push(Buffer.concat(chunks).toString());
          next();
        });
      });
      ex.on('finish', resolve);
      ex.on('error', reject);
      stream.pipe(ex);
    });
    expect(names).toEqual(lines(execFileSync('sh', ['-c', `docker cp ${id}:/data/f - | tar t`], { encoding: 'utf8' })));
    expect(contents).toEqual([execFileSync('sh', ['-c', `docker cp ${id}:/data/f - | tar xO`], { encoding: 'utf8' })]);

    const body = Buffer.from('uploaded!\n');
    await api.upload(id, '/data/sub', { name: 'up.txt', size: body.length, body: Readable.from([body]) });
    expect(docker('exec', id, 'cat', '/data/sub/up.txt')).toBe('uploaded!');
  });
});
