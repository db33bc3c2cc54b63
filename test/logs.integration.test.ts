import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryAtEnd, dropResent } from '../lib/logs/resume';
import type { ServerFrame } from '../lib/protocol/frames';
import { decodeLogLines, type LogLine, type LogsParams } from '../lib/protocol/streams';
import { docker, inspectState, runContainer, testRun, waitFor } from './support/docker-cli';
import { startDockside, type RunningServer } from './support/dockside-server';
import { TestSocket } from './support/ws-client';

// `docker logs` over the real socket, against the real server and engine.

let server: RunningServer;
const run = testRun('logs');
let nextCh = 1;

beforeAll(async () => {
  server = await startDockside();
});

afterAll(async () => {
  run.cleanup();
  await server?.stop();
});

const connect = () => TestSocket.connect(server.url, { Authorization: `Bearer ${server.token}` });

/** Opens a logs channel; `lines()` decodes everything received on it so far. */
function openLogs(sock: TestSocket, params: LogsParams) {
  const ch = nextCh++;
  sock.send({ op: 'open', ch, kind: 'logs', params: params as never });
  const lines = (): LogLine[] => sock.binary.filter((b) => b.ch === ch).flatMap((b) => decodeLogLines(b.payload.toString('utf8')));
  const frame = <Op extends ServerFrame['op']>(op: Op, timeoutMs?: number) =>
    sock.waitFor((f): f is Extract<ServerFrame, { op: Op }> => f.op === op && 'ch' in f && f.ch === ch, timeoutMs);
  return { ch, lines, frame, waitLines: (n: number, ms = 20_000) => waitFor(() => lines().length >= n, `${n} log lines`, ms) };
}

/** A container whose log already holds `n` lines (checked with the docker CLI). */
async function loggedContainer(suffix: string, script: string, n: number, args: string[] = []): Promise<string> {
  const name = run.name(suffix);
  runContainer(run.label, name, args, 'dockside/busybox', ['sh', '-c', script]);
  await waitFor(() => docker('logs', name).split('\n').length >= n || docker('logs', name).length > 100_000, `${n} lines from ${suffix}`);
  return name;
}

describe('logs channel', () => {
  it('tells stdout from stderr, with engine timestamps', async () => {
    const name = await loggedContainer('streams', 'echo out1; echo err1 >&2; echo out2; sleep 3600', 1);
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 'all' });
    await logs.frame('opened');
    await logs.waitLines(3);
    const got = logs.lines();
    expect(got.map((l) => [l.stream, l.text])).toEqual(
      expect.arrayContaining([
        ['stdout', 'out1'],
        ['stderr', 'err1'],
        ['stdout', 'out2'],
      ]),
    );
    expect(got.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out1', 'out2']);
    for (const l of got) expect(l.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    sock.close();
  });

  it('reads a TTY container raw: all stdout, CR stripped, colours kept', async () => {
    const name = await loggedContainer('tty', 'printf "\\033[31mred\\033[0m\\n"; echo plain >&2; sleep 3600', 1, ['-t']);
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 'all' });
    await logs.waitLines(2);
    expect(logs.lines().map((l) => [l.stream, l.text])).toEqual([
      ['stdout', '\x1b[31mred\x1b[0m'],
      ['stdout', 'plain'],
    ]);
    sock.close();
  });

  it('joins a line written in pieces and long lines, with multi-byte characters across chunk boundaries', async () => {
    // The engine cuts lines over 16 KiB into parts (each stored as JSON, so a character cut in two
    // becomes U+FFFD in the engine itself): 2-byte "é" x 20000 keeps its cuts between characters.
    // The 3-byte "€" lines make the socket's chunk boundaries fall inside characters.
    const euros = '€'.repeat(100);
    const script = `printf "héllo wör"; sleep 1; printf "ld\\n"; yes é | head -n 20000 | tr -d "\\n"; echo; yes ${euros} | head -n 2000; echo after; sleep 3600`;
    const name = await loggedContainer('split', script, 2003);
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 'all' });
    await logs.waitLines(2003);
    const texts = logs.lines().map((l) => l.text);
    expect(texts[0]).toBe('héllo wörld');
    expect(texts[1] === 'é'.repeat(20_000)).toBe(true);
    expect(texts.slice(2, 2002).every((t) => t === euros)).toBe(true);
    expect(texts[2002]).toBe('after');
    sock.close();
  });

  it('starts from the last N lines (tail) and ends a non-follow read', async () => {
    const name = await loggedContainer('tail', 'seq 1 50; sleep 3600', 50);
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 5, follow: false });
    const end = await logs.frame('end');
    expect(end).toMatchObject({ reason: 'closed' });
    expect(logs.lines().map((l) => l.text)).toEqual(['46', '47', '48', '49', '50']);
    sock.close();
  });

  it('gives the last N lines before a time (tail with until)', async () => {
    const name = await loggedContainer('until', 'seq 1 30; sleep 3600', 30);
    const all = docker('logs', '-t', name).split('\n');
    const tenth = all[9]!.split(' ')[0]!;
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 3, until: tenth, follow: false });
    await logs.frame('end');
    expect(logs.lines().map((l) => l.text)).toEqual(['8', '9', '10']);
    sock.close();
  });

  it('resumes after a dropped socket with no line lost or repeated', async () => {
    const total = 300;
    const name = run.name('resume');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', `i=0; while [ $i -lt ${total} ]; do i=$((i+1)); echo $i; sleep 0.01; done; sleep 3600`]);
    const received: LogLine[] = [];

    let sock = await connect();
    let logs = openLogs(sock, { container: name, tail: 'all' });
    await logs.waitLines(20);
    sock.ws.terminate(); // as a network drop: no close handshake
    received.push(...logs.lines());

    // Reconnect while the container keeps writing, from the last timestamp seen, as the viewer does.
    sock = await connect();
    let boundary = boundaryAtEnd(received);
    logs = openLogs(sock, { container: name, tail: 'all', since: boundary!.time });
    await waitFor(() => {
      const r = dropResent(boundary, logs.lines());
      return r.lines.at(-1)?.text === String(total);
    }, 'the last numbered line', 30_000);
    const resumed = dropResent(boundary, logs.lines());
    boundary = resumed.boundary;
    received.push(...resumed.lines);

    expect(received.map((l) => l.text)).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
    sock.close();
  });

  it('ends with the exit code when the container stops', async () => {
    const name = run.name('exit');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'echo started; sleep 2; echo bye; exit 3']);
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 'all' });
    await logs.frame('opened');
    const end = await logs.frame('end', 20_000);
    expect(end).toMatchObject({ reason: 'exited', exitCode: 3 });
    expect(logs.lines().map((l) => l.text)).toEqual(['started', 'bye']);

    // Following a container that has already stopped: its log, then the same end.
    const again = openLogs(sock, { container: name, tail: 'all' });
    expect(await again.frame('end')).toMatchObject({ reason: 'exited', exitCode: 3 });
    expect(again.lines().map((l) => l.text)).toEqual(['started', 'bye']);
    sock.close();
  });

  it('answers an unknown container with not_found', async () => {
    const sock = await connect();
    const logs = openLogs(sock, { container: `${run.name('missing')}-nope` });
    expect(await logs.frame('error')).toMatchObject({ code: 'not_found' });
    sock.close();
  });

  it('stays bounded in memory when the reader stalls under a flood, and loses nothing', async () => {
    const name = run.name('flood');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "$i xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; done']);
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))![1]) * 1024;
    const sock = await connect();
    const logs = openLogs(sock, { container: name, tail: 0 });
    await logs.waitLines(1000);
    const before = rss();

    // Stop reading: the kernel buffers fill, then the server's socket buffer, then it must hold off.
    const tcp = (sock.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    let peak = before;
    for (let i = 0; i < 16; i++) {
      await new Promise((r) => setTimeout(r, 500));
      peak = Math.max(peak, rss());
    }
    const engineLines = Number(docker('logs', '--tail', '1', name).split(' ')[0]);
    docker('kill', name);
    tcp.resume();

    expect(peak - before).toBeLessThan(300 * 1024 * 1024);
    // Far more was written than the socket could hold: the reader was held back, not overrun.
    const receivedWhilePaused = logs.lines().length;
    expect(engineLines).toBeGreaterThan(receivedWhilePaused);

    // Once reading again, the lines keep coming in order: either none was skipped, or the gap is marked.
    await logs.waitLines(receivedWhilePaused + 20_000, 60_000);
    const numbers = logs.lines().map((l) => Number(l.text.split(' ')[0]));
    const skipped = sock.frames.some((f) => f.op === 'skipped' && f.ch === logs.ch);
    if (!skipped) for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1]! + 1);
    sock.close();
  });
});

describe('log download', () => {
  it('streams the whole log as a text file', async () => {
    const name = run.name('download');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'seq 1 20000; echo "to stderr" >&2']);
    await waitFor(() => !inspectState(name).Running, 'the download container to finish');
    const res = await server.api(`/api/containers/${name}/logs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.log"`);
    const text = await res.text();
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    // stdout and stderr are copied into the log by separate readers: where the stderr line lands
    // among the stdout ones is the engine's business; that every line is there once is ours.
    expect(lines.filter((l) => l !== 'to stderr')).toEqual(Array.from({ length: 20_000 }, (_, i) => String(i + 1)));
    expect(lines.filter((l) => l === 'to stderr')).toHaveLength(1);

    const stamped = await (await server.api(`/api/containers/${name}/logs?timestamps=1`)).text();
    // Every line carries the engine's timestamp (the stderr line may come first: see above).
    const stampedLines = stamped.split('\n').filter(Boolean);
    expect(stampedLines).toHaveLength(20_001);
    for (const l of [stampedLines[0]!, stampedLines.at(-1)!]) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (\d+|to stderr)$/);
  });

  it('answers 404 for an unknown container and 400 for a bad time', async () => {
    expect((await server.api(`/api/containers/${run.name('nope')}/logs`)).status).toBe(404);
    const name = await loggedContainer('download-bad', 'echo x; sleep 3600', 1);
    expect((await server.api(`/api/containers/${name}/logs?since=yesterday`)).status).toBe(400);
  });
});
