import type { ServerFrame } from '../../../lib/protocol/frames';
import { toEngineError, type ContainerLogStream, type Engine, type LogsRequest } from '../../engine';
import type { Channel, ChannelContext } from './contract';

/** Lines wait this long for company before they go out, so a busy log costs one frame per batch. */
const FLUSH_MS = 25;
const BATCH_BYTES = 64 * 1024;
/**
 * Flow control: above HIGH_WATER bytes queued in the socket (a slow or stalled browser), the engine
 * stream is paused, which stalls the engine's HTTP response in turn; below LOW_WATER it resumes.
 * Nothing is dropped and memory stays bounded; the engine keeps the log on disk meanwhile.
 */
export const HIGH_WATER = 4 * 1024 * 1024;
export const LOW_WATER = 1024 * 1024;
const DRAIN_POLL_MS = 50;

/**
 * `docker logs -f -t`: lines go out as binary frames (see `encodeLogLines`), batched. The engine
 * layer hands them over already encoded (`wire`), so a line costs a byte copy, not an object.
 */
export function openLogsChannel(ch: number, params: LogsRequest, engine: Engine, ctx: ChannelContext, onEnded: () => void): Channel {
  let stream: ContainerLogStream | null = null;
  let closed = false;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let drainTimer: ReturnType<typeof setInterval> | null = null;

  const waitForDrain = () => {
    stream?.pause();
    drainTimer = setInterval(() => {
      if (ctx.bufferedAmount() > LOW_WATER) return;
      clearInterval(drainTimer!);
      drainTimer = null;
      stream?.resume();
    }, DRAIN_POLL_MS);
  };

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (closed || !batch.length) return;
    ctx.sendBinary(ch, batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes));
    batch = [];
    batchBytes = 0;
    if (!drainTimer && ctx.bufferedAmount() > HIGH_WATER) waitForDrain();
  };

  const release = () => {
    closed = true;
    if (flushTimer) clearTimeout(flushTimer);
    if (drainTimer) clearInterval(drainTimer);
    flushTimer = drainTimer = null;
    batch = [];
    stream?.close();
  };

  const finish = (frame: ServerFrame) => {
    if (closed) return;
    flush();
    release();
    ctx.send(frame);
    onEnded();
  };

  const onEnd = async () => {
    flush();
    if (!params.follow || !stream) return finish({ op: 'end', ch, reason: 'closed' });
    // A followed log ends when the container stops; say so, with the exit code, unless it is
    // already running again (a restart policy), in which case the viewer simply re-opens.
    try {
      const state = await engine.containers.runState(stream.id);
      finish(state.running ? { op: 'end', ch, reason: 'closed' } : { op: 'end', ch, reason: 'exited', exitCode: state.exitCode });
    } catch {
      finish({ op: 'end', ch, reason: 'closed' });
    }
  };

  engine.logs.open(params, {
    wire: (bytes) => {
      if (closed) return;
      batch.push(bytes);
      batchBytes += bytes.length;
      if (batchBytes >= BATCH_BYTES) flush();
      else flushTimer ??= setTimeout(flush, FLUSH_MS);
    },
    end: () => void onEnd(),
    error: (err) => finish({ op: 'error', ch, code: err.code, message: err.message }),
  }).then(
    (s) => {
      // Lines only flow after this (the engine's data events come on a later turn).
      if (closed) return s.close();
      stream = s;
      ctx.send({ op: 'opened', ch });
    },
    (err: unknown) => {
      const e = toEngineError(err);
      finish({ op: 'error', ch, code: e.code, message: e.message });
    },
  );

  return { close: release };
}
