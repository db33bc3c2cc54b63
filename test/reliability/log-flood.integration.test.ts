import { describe, expect, it } from 'vitest';
import { decodeLogLines } from '../../lib/protocol/streams';
import { docker, runContainer, testRun, waitFor } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';
import { connect, rssMiB, type Client } from './support';

/**
 * A log flood with two readers: one stops reading, the other keeps up. Each logs channel has its own
 * engine stream and pauses only that stream when its own socket backs up (server/ws/channels/logs.ts),
 * so the stalled reader must cost the other nothing, and the server's memory must stay bounded.
 */
const t = testRun('rel-flood');
const file = serverForFile(t);

/** Follows one logs channel, checking as lines come that the numbers run on without a gap. */
function track(c: Client, ch: number) {
  const s = { lines: 0, last: 0, gaps: 0, ended: false };
  c.ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      const f = JSON.parse(data.toString('utf8')) as { op: string; ch?: number };
      if (f.op === 'end' && f.ch === ch) s.ended = true;
      return;
    }
    if (data.readUInt32BE(0) !== ch) return;
    for (const line of decodeLogLines(data.subarray(4).toString('utf8'))) {
      const n = Number(line.text.slice(0, line.text.indexOf(' ')));
      if (s.last && n !== s.last + 1) s.gaps++;
      s.last = n;
      s.lines++;
    }
  });
  return s;
}

describe('log flood', () => {
  it('keeps a fast reader going at full speed while a slow one is held back, with bounded memory', { timeout: 120_000 }, async () => {
    const name = t.name('flood');
    runContainer(t.label, name, [], 'dockside/busybox', ['sh', '-c', `i=0; while true; do i=$((i+1)); echo "$i ${'x'.repeat(100)}"; done`]);
    const pid = file.server.proc.pid!;
    const fast = await connect(file.server, { keepBinary: false });
    const slow = await connect(file.server, { keepBinary: false });
    const fastLog = track(fast, 1);
    const slowLog = track(slow, 1);
    for (const c of [fast, slow]) c.send({ op: 'open', ch: 1, kind: 'logs', params: { container: name, tail: 0, follow: true } });
    await waitFor(() => fastLog.lines > 2000 && slowLog.lines > 2000, 'both readers to get lines');
    // For comparison: the fast reader's pace while both read.
    const bothFrom = fastLog.lines;
    await new Promise((r) => setTimeout(r, 2000));
    const bothRate = (fastLog.lines - bothFrom) / 2;
    const baseRss = rssMiB(pid);

    // The slow reader stops reading: its kernel buffers fill, then the server's buffer for it.
    slow.tcp.pause();
    const slowStoppedAt = slowLog.last;
    const perSecond: number[] = [];
    let peakRss = baseRss;
    for (let s = 0; s < 6; s++) {
      const before = fastLog.lines;
      for (let k = 0; k < 4; k++) {
        await new Promise((r) => setTimeout(r, 250));
        peakRss = Math.max(peakRss, rssMiB(pid));
      }
      perSecond.push(fastLog.lines - before);
    }
    const engineLast = Number(docker('logs', '--tail', '1', name).split(' ')[0]);
    docker('kill', name);
    // What the engine wrote that the slow reader had not read: ~140 bytes a line as framed.
    const heldMiB = ((engineLast - slowStoppedAt) * 140) / 2 ** 20;

    console.log(
      `flood figures: the fast reader got ${bothRate.toFixed(0)} lines/s while both read, then ${perSecond.join(', ')} lines/s while the slow one was paused; ` +
        `the engine wrote ${engineLast - slowStoppedAt} lines (~${heldMiB.toFixed(0)} MiB) the slow reader had not read; ` +
        `server RSS ${baseRss.toFixed(0)} MiB → peak ${peakRss.toFixed(0)} MiB`,
    );
    // The fast reader kept getting new lines every second while the other one was stalled.
    for (const n of perSecond) expect(n).toBeGreaterThan(0);
    // Memory stays bounded: the slow reader's backlog stayed in the engine's log, not in the server.
    expect(peakRss - baseRss).toBeLessThan(64);

    // Once it reads again, the slow reader catches up: every line, in order, then the end.
    slow.tcp.resume();
    await waitFor(() => fastLog.ended && slowLog.ended, 'both log channels to end after the kill', 90_000);
    expect(fastLog.gaps).toBe(0);
    expect(slowLog.gaps).toBe(0);
    expect(slowLog.last).toBe(fastLog.last);
    expect(slowLog.last).toBe(Number(docker('logs', '--tail', '1', name).split(' ')[0]));
    fast.ws.close();
    slow.ws.close();
    docker('rm', '-f', name); // its log is large
  });
});
