import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../test/support/dockside-server';
import { launchBrowser } from './browser';
import { RawEngine, inParallel } from './engine';
import type { FigureResult } from './report';

export const BENCH_LABEL = 'dockside.bench';

export interface BenchOptions {
  quick: boolean;
  /** Figures to run; null for all. */
  only: Set<number> | null;
}

/** Everything a figure needs: the engine, the server, a browser on demand, and the run's label. */
export class BenchContext {
  private readonly browsers = new Map<number, Promise<Browser>>();
  /** Values one figure hands to another (figure 2's ratio uses figure 1's raw engine time). */
  readonly shared: { rawListP50?: number; rawListCount?: number } = {};
  private scaleIds: string[] = [];
  private readonly children = new Set<ChildProcess>();

  constructor(
    readonly run: string,
    readonly engine: RawEngine,
    readonly server: RunningServer,
    readonly opts: BenchOptions,
  ) {}

  get label(): string {
    return `${BENCH_LABEL}=${this.run}`;
  }

  labels(role: string): Record<string, string> {
    return { [BENCH_LABEL]: this.run, [`${BENCH_LABEL}.role`]: role };
  }

  name(suffix: string): string {
    return `dsb-${this.run}-${suffix}`;
  }

  /** Quick runs shorten every duration and count; `full` is the real figure. */
  pick<T>(full: T, quick: T): T {
    return this.opts.quick ? quick : full;
  }

  log(msg: string): void {
    process.stderr.write(`bench: ${msg}\n`);
  }

  /** A browser whose pages can reach `server` (one per server port: each runs in its own network namespace). */
  browser(server: RunningServer = this.server): Promise<Browser> {
    let b = this.browsers.get(server.port);
    if (!b) this.browsers.set(server.port, (b = launchBrowser(server.port)));
    return b;
  }

  async closeBrowser(): Promise<void> {
    const all = [...this.browsers.values()];
    this.browsers.clear();
    await Promise.all(all.map(async (b) => (await b).close().catch(() => undefined)));
  }

  /** A child process (CLI baseline) to kill if the run is interrupted while it runs. */
  track<C extends ChildProcess>(child: C): C {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  killChildren(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }

  get scaleCount(): number {
    return this.scaleIds.length;
  }

  /**
   * Grows the set of "scale" containers (created, not started, with compose-like labels so the
   * list JSON is realistic) to `n`, concurrently through the engine API.
   */
  async ensureScale(n: number): Promise<void> {
    if (this.scaleIds.length >= n) return;
    const from = this.scaleIds.length;
    const t0 = Date.now();
    const ids = await inParallel(Array.from({ length: n - from }, (_, i) => from + i), 8, (i) =>
      this.engine.create(this.name(`s${i}`), {
        Cmd: ['sleep', '3600'],
        Labels: {
          ...this.labels('scale'),
          'com.docker.compose.project': `bench${i % 20}`,
          'com.docker.compose.service': `svc${i % 7}`,
          'com.docker.compose.container-number': String(i),
        },
      }),
    );
    this.scaleIds.push(...ids);
    this.log(`created ${n - from} containers (now ${this.scaleIds.length}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  async dropScale(): Promise<void> {
    if (!this.scaleIds.length) return;
    const t0 = Date.now();
    await inParallel(this.scaleIds, 8, (id) => this.engine.remove(id));
    this.log(`removed ${this.scaleIds.length} scale containers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    this.scaleIds = [];
  }
}

export type Figure = (ctx: BenchContext) => Promise<FigureResult>;
