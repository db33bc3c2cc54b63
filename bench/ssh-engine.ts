import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSshd } from '../test/support/sshd';
import type { BenchContext } from './lib/context';
import { engineReachable, figureServer } from './lib/engines';
import { keepAlive, timedGet } from './lib/http';
import { check, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';

/** One shared SSH connection should beat the CLI's handshake per command. */
export const SSH_TARGET = 1.0;

/**
 * Figure 11: an engine over SSH. A real sshd on a spare loopback port (test/support/sshd.ts: host and
 * client keys made for this run, known_hosts checked) in front of the bench's engine; Dockside reaches
 * it as `ssh://root@127.0.0.1:<port>` through the system ssh running `docker system dial-stdio`, and
 * so does the docker CLI (`docker -H ssh://…`). Timed in turn, one after the other: Dockside's
 * `GET /api/containers?all=1&engine=ssh` against `docker -H ssh://… ps -a`, and Dockside's log
 * download against `docker -H ssh://… logs <c>` — each CLI call a whole command as a person types it
 * (process start, SSH handshake, API version negotiation, the call, exit).
 */
export async function sshEngineFigure(ctx: BenchContext): Promise<FigureResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-ssh-'));
  const sshd = await startSshd(dir, `unix://${ctx.engine.socketPath}`);
  // The CLI gets the harness's ssh client config as Dockside does (DOCKSIDE_SSH_CONFIG): a `ssh` first
  // on its PATH that is the system ssh with `-F`. Nothing else differs: same binary, same key, same sshd.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${sshd.sshConfig} "$@"\n`, { mode: 0o755 });
  const host = `ssh://root@127.0.0.1:${sshd.port}`;
  const cliEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, DOCKER_HOST: '', DOCKER_CONTEXT: '' };
  const cli = (...args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const p = ctx.track(spawn('docker', ['-H', host, ...args], { env: cliEnv, stdio: ['ignore', 'ignore', 'pipe'] }));
      let err = '';
      p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`docker ${args.join(' ')} exited ${code}: ${err.trim()}`))));
    });

  // A container with some log to read: 500 lines, every fifth on stderr.
  const logged = await ctx.engine.create(ctx.name('ssh-logs'), {
    Cmd: ['sh', '-c', 'i=0; while [ $i -lt 500 ]; do i=$((i+1)); echo "line $i of the ssh bench log"; [ $((i%5)) -eq 0 ] && echo "line $i to stderr" >&2; done; exec sleep 3600'],
    Labels: ctx.labels('ssh-logs'),
  });
  await ctx.engine.start(logged);
  const server = await figureServer(ctx.engine.socketPath, { DOCKSIDE_ENGINES: `ssh=${host}`, DOCKSIDE_SSH_CONFIG: sshd.sshConfig });
  const agent = keepAlive();
  const auth = { Authorization: `Bearer ${server.token}` };
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  try {
    const t0 = performance.now();
    await engineReachable(server, 'ssh');
    const firstMs = performance.now() - t0;
    const list = () => timedGet(agent, { host: '127.0.0.1', port: server.port }, '/api/containers?all=1&engine=ssh', auth);
    const logs = () => timedGet(agent, { host: '127.0.0.1', port: server.port }, `/api/containers/${logged}/logs?engine=ssh`, auth);
    const ops = [
      { what: 'list', dockside: list, cli: () => cli('ps', '-a'), cliWords: '`docker -H ssh://… ps -a`' },
      { what: 'logs read', dockside: logs, cli: () => cli('logs', logged), cliWords: '`docker -H ssh://… logs <c>`' },
    ];
    // Both sides once untimed: the logs exist in full, Dockside's route modules are loaded, the CLI's files are in the page cache.
    for (const op of ops) {
      const res = await op.dockside();
      if (res.status !== 200) throw new Error(`${op.what} through Dockside: status ${res.status}`);
      await op.cli();
    }
    const n = ctx.pick(20, 5);
    for (const op of ops) {
      const d: number[] = [];
      const c: number[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        if (i % 2 === 0) {
          const r = await op.dockside();
          d.push(r.ms);
          bytes = r.bytes;
          c.push(await op.cli());
        } else {
          c.push(await op.cli());
          const r = await op.dockside();
          d.push(r.ms);
          bytes = r.bytes;
        }
      }
      const ds = summarize(d);
      const cs = summarize(c);
      for (const p of ['p50', 'p95'] as const) {
        const q = ratio(ds[p], cs[p]);
        rows.push({ metric: `${op.what} over SSH, ${p}`, dockside: fmtMs(ds[p]), baseline: `${fmtMs(cs[p])} (${op.cliWords})`, ratio: q, check: check(q, '<=', SSH_TARGET) });
      }
      notes.push(`${op.what}: ${n} each, alternating; Dockside's answer ${bytes} bytes; max ${fmtMs(ds.max)} vs ${fmtMs(cs.max)}.`);
    }
    notes.push(
      `Engine over SSH: a real sshd (OpenSSH, ed25519 keys and known_hosts made for this run) on 127.0.0.1:${sshd.port} in front of the bench engine (${await ctx.engine.count()} container(s) on it). ` +
        `Dockside holds one \`ssh … docker system dial-stdio\` connection and sends every call over it; the CLI opens one per command. ` +
        `Dockside's first answer from the SSH engine after start (ssh connect + handshake + ping) took ${fmtMs(firstMs)}. Dockside is read over loopback HTTP with the bearer token; ` +
        'the CLI time is the whole command (spawn to exit), as a person or a script pays it.',
    );
  } finally {
    agent.destroy();
    await server.stop();
    await ctx.engine.remove(logged).catch(() => undefined);
    await sshd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { id: 11, title: 'An engine over SSH: Dockside vs the docker CLI', rows, notes };
}
