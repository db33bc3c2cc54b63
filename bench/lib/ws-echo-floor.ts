import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const root = path.resolve(import.meta.dirname, '../..');

/** A WebSocket echo server in its own Node process: the cheapest possible extra hop. */
const ECHO_SERVER = `
  const { WebSocketServer } = require('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('listening', () => process.stdout.write(String(wss.address().port) + '\\n'));
  wss.on('connection', (ws) => ws.on('message', (d, binary) => ws.send(d, { binary })));
`;

/**
 * Round trips of one small binary message to a bare ws echo server in another Node process, one
 * every `gapMs`: what any browser → server → engine design pays on top of the engine, at least.
 */
export async function wsEchoFloor(count: number, gapMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`echo server exited ${code}`)));
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const echoed = new Promise((r) => ws.once('message', r));
      ws.send(Buffer.from('a'), { binary: true });
      await echoed;
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    ws.close();
    return times;
  } finally {
    child.kill();
  }
}
