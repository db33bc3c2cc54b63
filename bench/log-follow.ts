import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { longTasks, signedInContext } from './lib/browser';
import type { BenchContext } from './lib/context';
import { check, fmtBytes, fmtMs, fmtNum, type FigureResult } from './lib/report';

const LINES_PER_TICK = 1000;
const TASK_LIMIT_MS = 200;
const LAG_LIMIT_S = 1;
const HEAP_LIMIT_BYTES = 256 * 1024 * 1024;

/** ~10,000 lines/s (1000 every 100 ms) for `seconds`, the line numbers counting up; then exits. */
function writerScript(seconds: number): string[] {
  const script =
    `i=0; end=$(( $(date +%s) + ${seconds} )); ` +
    `while [ "$(date +%s)" -lt "$end" ]; do seq $((i+1)) $((i+${LINES_PER_TICK})); i=$((i+${LINES_PER_TICK})); usleep 100000; done`;
  return ['sh', '-c', script];
}

/** The number on the newest log line in the view (only line rows have a <time>). */
function lastLineNumber(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('[role=log] [data-index]'));
    let best = -1;
    let value = -1;
    for (const row of rows) {
      const index = Number(row.getAttribute('data-index'));
      const text = row.querySelector('time')?.nextElementSibling?.textContent ?? '';
      const m = /(\d+)\s*$/.exec(text);
      if (m && index > best) {
        best = index;
        value = Number(m[1]);
      }
    }
    return value;
  });
}

/**
 * Figure 4b: the Logs tab following a container that writes ~10,000 lines/s: does the page keep
 * up (lag at the end), stay responsive (long tasks), and keep its heap bounded?
 */
export async function logFollowFigure(ctx: BenchContext): Promise<FigureResult> {
  const seconds = ctx.pick(30, 8);
  const name = ctx.name('logfollow');
  const id = await ctx.engine.create(name, { Cmd: writerScript(seconds), Labels: ctx.labels('logs') });
  const context = await signedInContext(await ctx.browser(), ctx.server);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  };
  const heapSamples: number[] = [];
  try {
    await ctx.engine.start(id);
    const exited = ctx.engine.wait(id).then(() => performance.now());
    await page.goto(`${ctx.server.url}/containers/${encodeURIComponent(name)}/logs`);
    await page.locator('[role=log] [data-index]').first().waitFor({ timeout: 30_000 });
    const followStart = await page.evaluate(() => performance.now());
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      heapSamples.push(await heap());
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
    const exitAt = await exited;
    const pageLast = await lastLineNumber(page);
    const finalLine = Number((await ctx.engine.request('GET', `/containers/${id}/logs?stdout=1&tail=1`)).body.subarray(8).toString().trim());
    const rate = finalLine / seconds;
    const lagS = (finalLine - pageLast) / rate;
    let caughtUpMs = NaN;
    for (let t = performance.now(); performance.now() - t < 30_000; ) {
      if ((await lastLineNumber(page)) >= finalLine) {
        caughtUpMs = performance.now() - exitAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    heapSamples.push(await heap());
    const tasks = await longTasks(page, followStart);
    const maxHeap = Math.max(...heapSamples);
    return {
      id: 4,
      title: 'Log follow in the page',
      rows: [
        {
          metric: `follow ~${fmtNum(rate)} lines/s for ${seconds} s: lag at the end`,
          dockside: `${fmtNum(lagS, 2)} s (${fmtNum(finalLine - pageLast)} lines)`,
          baseline: '—',
          check: check(lagS, '<=', LAG_LIMIT_S, 'lag', ' s'),
        },
        { metric: 'follow: longest task', dockside: fmtMs(tasks.longestMs), baseline: '—', check: check(tasks.longestMs, '<=', TASK_LIMIT_MS, 'longest', ' ms') },
        { metric: 'follow: max JS heap', dockside: fmtBytes(maxHeap), baseline: '—', check: check(maxHeap / 1024 / 1024, '<=', HEAP_LIMIT_BYTES / 1024 / 1024, 'heap', ' MB') },
      ],
      notes: [
        `The container wrote lines 1…${fmtNum(finalLine)}; when it exited the page's newest line was ${fmtNum(pageLast)}; it showed the last line ` +
          `${fmtMs(caughtUpMs)} after the exit was seen. ${tasks.count} long tasks (> 50 ms), ${tasks.over(TASK_LIMIT_MS)} over ${TASK_LIMIT_MS} ms.`,
        `JS heap (CDP JSHeapUsedSize) every 2 s: ${heapSamples.map((h) => (h / 1024 / 1024).toFixed(0)).join(', ')} MB.`,
      ],
    };
  } finally {
    await context.close();
    await ctx.engine.remove(id);
  }
}
