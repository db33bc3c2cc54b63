import { getEngine } from '../server/engine/registry';
import { RawEngine } from './lib/engine';
import { ensureImageSet, imageSetIds, dropImageSet } from './lib/image-set';
import http from 'node:http';
const engine = new RawEngine('/tmp/dks-images/docker.sock');
const ctx = { run: 'prof', engine } as never;
await ensureImageSet(ctx, 126);
const ids = await imageSetIds(ctx);
const id = ids[50]!.slice(7);
const api = getEngine().images;
await api.inspect(id);
const agent = new http.Agent({ keepAlive: true });
const get = (p: string) => new Promise<void>((res) => http.get({ socketPath: '/tmp/dks-images/docker.sock', path: p, agent }, (r) => { r.resume(); r.on('end', () => res()); }));
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(1);
for (let round = 0; round < 2; round++) {
  const a: number[] = [], b: number[] = [], c: number[] = [], d: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t = performance.now(); await api.inspect(id); a.push(performance.now() - t);
    t = performance.now(); await Promise.all([get(`/images/${id}/json`), get(`/images/${id}/history`), get('/images/json?all=1'), get('/containers/json?all=1')]); b.push(performance.now() - t);
    t = performance.now(); await api.list(); c.push(performance.now() - t);
    t = performance.now(); await get('/images/json?all=1'); d.push(performance.now() - t);
  }
  console.log('inspect api', med(a), 'raw4', med(b), 'api.list', med(c), 'raw list', med(d));
}
if (!process.env.KEEP) await dropImageSet(ctx);
engine.close(); agent.destroy(); process.exit(0);
