import type { IncomingMessage } from 'node:http';
import { toEngineTime } from '../../../lib/protocol/log-time';
import type { LogLine } from '../../../lib/protocol/streams';
import type { ContainerLogStream, LogDownloadOptions, LogsApi, LogsRequest, LogStreamHandlers } from '../api/logs';
import { createLogLineParser } from '../demux';
import { EngineError } from '../errors';
import { createLogWireParser, LogWireWriter } from '../log-wire';
import type { DockerContext } from './context';

/**
 * The engine applies `tail` to the whole log before `until`, so "the last N lines before T" comes
 * back empty. When both are asked for (and not following), read up to T and keep the last N here,
 * capped because they are held in memory until the read ends.
 */
export const MAX_TAIL_BEFORE_UNTIL = 50_000;

function engineTime(v: string | number | undefined, what: string): string | undefined {
  if (v === undefined) return undefined;
  const t = toEngineTime(v);
  if (t === null) throw new EngineError('bad_request', `${what}: not a valid time.`);
  return t;
}

/**
 * Opens `docker logs [-f] -t --tail N --since --until` for one container and parses it into lines
 * (demultiplexed unless the container has a TTY). Always asks for timestamps: they are what lets
 * a viewer resume exactly where it left off.
 */
async function openContainerLogs(ctx: DockerContext, req: LogsRequest, handlers: LogStreamHandlers): Promise<ContainerLogStream> {
  const info = await ctx.read((abortSignal) => ctx.docker.getContainer(req.container).inspect({ abortSignal }), `Container ${req.container}`);
  const tty = Boolean(info.Config?.Tty);
  const since = engineTime(req.since, 'since');
  const until = engineTime(req.until, 'until');
  const ringSize = !req.follow && until !== undefined && req.tail !== 'all' ? Math.min(req.tail, MAX_TAIL_BEFORE_UNTIL) : 0;

  const query: Record<string, string | number | boolean> = {
    follow: req.follow,
    stdout: true,
    stderr: true,
    timestamps: true,
    tail: ringSize ? 'all' : req.tail,
  };
  if (since !== undefined) query.since = since;
  if (until !== undefined) query.until = until;

  const abort = new AbortController();
  let closed = false;
  // The response's head is what the viewer waits on: it gets the engine's deadline (a request
  // still pending then is aborted; one answered late is closed at once).
  const res = await ctx
    .within(
      () =>
        new Promise<IncomingMessage>((resolve, reject) => {
          ctx.docker.modem.dial(
            {
              path: `/containers/${info.Id}/logs?`,
              method: 'GET',
              // Also when not following: dockerode's own logs() would buffer the whole log then.
              isStream: true,
              abortSignal: abort.signal,
              statusCodes: { 200: true, 404: 'no such container', 500: 'server error', 501: 'logging driver does not support reading' },
              options: query,
            },
            (err, result) => (err ? reject(err) : resolve(result as IncomingMessage)),
          );
        }),
      `Logs of ${req.container}`,
      (late) => late.destroy(),
    )
    .catch((err: unknown) => {
      abort.abort();
      throw err;
    });

  let ring: LogLine[] = [];
  const wire =
    'wire' in handlers
      ? new LogWireWriter((bytes) => {
          if (!closed) handlers.wire(bytes);
        })
      : null;
  const deliver = (line: LogLine) => {
    if (closed) return;
    if (wire) wire.line(line);
    else if ('line' in handlers) handlers.line(line);
  };
  // The ring needs lines one by one; only a tail-before-until read uses it.
  const parser =
    wire && !ringSize
      ? createLogWireParser(tty, wire)
      : createLogLineParser(tty, (line) => {
          if (!ringSize) return deliver(line);
          if (closed) return;
          ring.push(line);
          // Trim in steps rather than per line: one splice per ringSize lines keeps it linear.
          if (ring.length >= ringSize * 2) ring = ring.slice(-ringSize);
        });

  res.on('data', (chunk: Buffer) => {
    if (!closed) parser.push(chunk);
  });
  res.on('end', () => {
    if (closed) return;
    parser.end();
    for (const line of ring.slice(-ringSize)) deliver(line);
    wire?.flush();
    ring = [];
    if (closed) return;
    closed = true;
    handlers.end();
  });
  const fail = (err: unknown) => {
    if (closed) return;
    closed = true;
    handlers.error(ctx.fail(err, `Logs of ${req.container}`));
  };
  res.on('error', fail);
  res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));

  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    tty,
    pause: () => res.pause(),
    resume: () => {
      if (!closed) res.resume();
    },
    close: () => {
      if (closed) return;
      closed = true;
      abort.abort();
      res.destroy();
    },
  };
}

const DOWNLOAD_BATCH_CHARS = 64 * 1024;

/**
 * The whole log as text (`docker logs [-t]`), as a web stream for a download response. It reads
 * from the engine only as fast as the browser takes it, so a log of any size never sits in memory.
 */
async function containerLogDownload(ctx: DockerContext, opts: LogDownloadOptions): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let stream: ContainerLogStream | null = null;
  let pending = '';
  const push = (force: boolean) => {
    if (!pending || (!force && pending.length < DOWNLOAD_BATCH_CHARS)) return;
    controller.enqueue(encoder.encode(pending));
    pending = '';
    if ((controller.desiredSize ?? 1) <= 0) stream?.pause();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => stream?.resume(),
      cancel: () => stream?.close(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }),
  );
  stream = await openContainerLogs(
    ctx,
    { container: opts.container, tail: 'all', since: opts.since, until: opts.until, follow: false },
    {
      line: (l) => {
        pending += opts.timestamps ? `${l.time} ${l.text}\n` : `${l.text}\n`;
        push(false);
      },
      end: () => {
        push(true);
        controller.close();
      },
      error: (err) => controller.error(err),
    },
  );
  return { filename: `${stream.name || opts.container}.log`, body };
}

export function dockerLogs(ctx: DockerContext): LogsApi {
  return {
    open: (req, handlers) => openContainerLogs(ctx, req, handlers),
    download: (opts) => containerLogDownload(ctx, opts),
  };
}
