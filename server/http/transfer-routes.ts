import type http from 'node:http';
import { finished, pipeline, Transform, type Readable } from 'node:stream';
import { z } from 'zod';
import { httpStatusForCode, type ErrorCode } from '../../lib/protocol/errors';
import { parseImageRef } from '../../lib/protocol/image-ref';
import { engineNameSchema, ENGINE_QUERY_PARAM } from '../../lib/protocol/engines';
import { containerRefSchema } from '../../lib/protocol/ids';
import { taskIdSchema } from '../../lib/protocol/tasks';
import {
  buildFromTextSchema,
  buildOptionsSchema,
  importQuerySchema,
  pullRequestSchema,
  pushRequestSchema,
  saveQuerySchema,
  type TransferLimits,
} from '../../lib/protocol/transfers';
import { FILE_RECORDS_TYPE } from '../../lib/protocol/file-records';
import { pipeBulk } from '../engine';
import { toEngineError } from '../engine/errors';
import { getEngine } from '../engine/registry';
import { authForDomain, fromDomains, registryConfigFor, registryConfigForAll } from '../registry/service';
import { AUDIT_ID_HEADER, noteAuditDetail, noteAuditOutcome } from '../security/audit';
import { TaskFailure, taskManager } from '../tasks/task-manager';
import { dockerfileOnlyTar, recordsToTar, type ContextStats } from '../transfers/context-tar';
import { transfersFor } from '../transfers/engine-access';
import { CANCEL_NOTES, countBytes, startBuild, startPull, startPush, startUploadTask } from '../transfers/runners';
import { describeZodError } from '../validation';
import { readJsonBody, RequestFailure } from './json-body';
import { slabUploadBody } from './upload-body';
import { sendApiError, sendJsonBytes } from './respond';

/**
 * Pull, push, build, load, import, save and export, answered by the custom server before Next.
 * Uploads and downloads stream between the browser's socket and the engine's with backpressure,
 * nothing held whole, and an over-limit upload refused with 413 from its Content-Length before a
 * byte reaches the engine (Next's route handlers would hand us a web stream behind its own body
 * handling; here the socket is ours). The gate has already run: Host, auth, Origin, the CSRF
 * header, and read-only mode (which refuses every one of these, save and export included).
 */

const GiB = 1024 ** 3;
export function transferLimits(): TransferLimits {
  return {
    upload: Number(process.env.DOCKSIDE_UPLOAD_LIMIT_BYTES) || 16 * GiB,
    buildContext: Number(process.env.DOCKSIDE_BUILD_CONTEXT_LIMIT_BYTES) || 2 * GiB,
  };
}

/** Pull, push and build-from-text bodies (a Dockerfile's text) may be larger than other JSON bodies. */
const MAX_JSON = 2 * 1024 * 1024;

const fail = (code: ErrorCode, message: string) => new RequestFailure(httpStatusForCode[code], { code, message });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fail('bad_request', describeZodError(r.error));
  return r.data;
}

function queryOf(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 || key === 'names' || key === 'changes' ? all : all[0];
  }
  return out;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendJsonBytes(res, status, Buffer.from(JSON.stringify(body)));
}

function humanBytes(n: number): string {
  return n >= GiB ? `${(n / GiB).toFixed(1)} GiB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** Refuses an upload whose declared size is over the limit, before anything reaches the engine. */
function checkDeclaredSize(req: http.IncomingMessage, limit: number, what: string): number | null {
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (declared !== null && (!Number.isFinite(declared) || declared > limit)) {
    throw fail('payload_too_large', `The ${what} is ${humanBytes(declared)}; the limit is ${humanBytes(limit)}. Nothing was sent to the engine.`);
  }
  return declared;
}

/**
 * The request body, stopped at `limit` bytes, with what went wrong kept for the task: over the
 * limit, or cut off by the browser. `readPastParser`: the body is read past the HTTP parser (below);
 * its answer closes the connection, and `giveUp` drops what is left of it.
 *
 * With a Content-Length (checked against the limit before this; what a browser sends for a file),
 * the body is read from the socket into reused slabs (upload-body.ts: the HTTP parser's copy of
 * every 64 KiB read made a 1 GiB upload cost tens of full collections of a heap that holds Next,
 * BENCHMARKS.md, figure 9), and counted there: the task's progress listener is then the only one
 * per chunk. Where that is not offered (TLS) the request itself is the body, watched but not piped
 * through anything (a Transform in the way cost per-chunk work and paused the socket at every
 * chunk). A chunked body has no length to check first: it is counted by a Transform that stops it
 * at the limit (pipeline() then destroys the request without closing its socket, so the 413 still
 * reaches the browser).
 */
type LimitedBody = { body: Readable; failure: () => TaskFailure | null; readPastParser: { giveUp: () => void } | null };

function limitedBody(req: http.IncomingMessage, limit: number, what: string, declared: number | null): LimitedBody {
  let bytes = 0;
  let failure: TaskFailure | null = null;
  let received = () => bytes;
  const cutOff = (err: Error | null | undefined) => {
    if (err && !failure) failure = new TaskFailure(`The ${what} was cut off after ${humanBytes(received())} (the browser went away or the connection broke): the engine stopped reading and made nothing from it.`, 'bad_request');
  };
  if (declared !== null) {
    const slabs = slabUploadBody(req, declared);
    if (slabs) {
      received = slabs.received;
      finished(slabs.body, cutOff);
      const body = slabs.body;
      return { body, failure: () => failure, readPastParser: { giveUp: () => void (body.destroyed || body.readableEnded || body.destroy()) } };
    }
    // Paused explicitly first: the counting listener must not start the flow before the engine request reads.
    req.pause();
    req.on('data', (chunk: Buffer) => void (bytes += chunk.byteLength));
    finished(req, cutOff);
    return { body: req, failure: () => failure, readPastParser: null };
  }
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.byteLength;
      if (bytes > limit) {
        failure = new TaskFailure(`The ${what} went over the limit of ${humanBytes(limit)}: Dockside stopped it and closed the engine request, so nothing was made from it.`, 'payload_too_large');
        cb(failure);
      } else cb(null, chunk);
    },
  });
  pipeline(req, limiter, cutOff);
  return { body: limiter, failure: () => failure, readPastParser: null };
}

/**
 * Answers an upload once the server has the whole body (or the task ended first); with
 * a body read past the HTTP parser, on a connection that then closes.
 */
function answerWhenUploaded(req: http.IncomingMessage, res: http.ServerResponse, taskId: string, auditId: string | null, readPastParser: LimitedBody['readPastParser']): void {
  let answered = false;
  const answer = () => {
    if (answered || res.headersSent) return;
    answered = true;
    if (readPastParser) res.setHeader('Connection', 'close');
    const t = taskManager().get(taskId);
    if (!t) return sendJson(res, 202, { id: taskId });
    const { log: _log, ...summary } = t;
    const status = t.state === 'failed' && t.error?.code === 'payload_too_large' ? 413 : 202;
    noteAuditOutcome(auditId, status);
    if (status === 413) {
      res.setHeader('Connection', 'close');
      return sendApiError(res, 413, { code: 'payload_too_large', message: t.error!.message });
    }
    sendJson(res, 202, summary);
  };
  req.once('end', () => setImmediate(answer));
  const off = taskManager().subscribe((t) => {
    if (t.id === taskId && t.state !== 'running') {
      off();
      // A body read past the parser is answered once read to its end, even when the task ended first:
      // the connection closes after the answer, and closing it while the browser still sends reaches
      // the browser as a reset instead of the answer. What is left of it is read and dropped
      // (upload-body.ts), which ends the request, and 'end' answers.
      if (readPastParser) readPastParser.giveUp();
      else answer();
    }
  });
  res.once('close', off);
}

type Ctx = { who: string; url: URL; auditId: string | null; engine?: string };

async function pull(req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const body = parse(pullRequestSchema, await readJsonBody(req, MAX_JSON));
  noteAuditDetail(ctx.auditId, body);
  const ref = parseImageRef(body.reference);
  const { auth, registryId } = authForDomain(ref.ok ? ref.ref.domain : undefined, body.registryId);
  const task = startPull(transfersFor(ctx.engine), { reference: body.reference, platform: body.platform, auth, registryId }, { who: ctx.who, engine: ctx.engine });
  sendJson(res, 202, task);
}

async function push(req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const body = parse(pushRequestSchema, await readJsonBody(req, MAX_JSON));
  noteAuditDetail(ctx.auditId, body);
  const ref = parseImageRef(body.reference);
  const { auth, registryId } = authForDomain(ref.ok ? ref.ref.domain : undefined, body.registryId);
  const engine = getEngine(ctx.engine);
  const task = startPush(engine.transfers, (source, target) => engine.images.tag(source, target), { source: body.source, reference: body.reference, auth, registryId }, { who: ctx.who, engine: ctx.engine });
  sendJson(res, 202, task);
}

async function build(req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const api = transfersFor(ctx.engine);
  const who = { who: ctx.who, engine: ctx.engine };
  if (type === 'application/json') {
    const body = parse(buildFromTextSchema, await readJsonBody(req, MAX_JSON));
    noteAuditDetail(ctx.auditId, { options: body.options, source: 'editor' });
    const opts = { ...body.options, registryConfig: registryConfigFor(fromDomains(body.dockerfileText)) };
    const task = startBuild(api, { context: () => dockerfileOnlyTar(body.options.dockerfile, body.dockerfileText), opts, source: 'a Dockerfile written in the editor (no other context)' }, who);
    return sendJson(res, 202, task);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.url.searchParams.get('options') ?? '{}');
  } catch {
    throw fail('bad_request', 'The build options are not valid JSON.');
  }
  // Stored logins go with the build (server-side, in X-Registry-Config), so FROM <private registry>/… pulls.
  const opts = { ...parse(buildOptionsSchema, raw), registryConfig: registryConfigForAll() };
  const limits = transferLimits();
  const declared = checkDeclaredSize(req, limits.buildContext, 'build context');
  noteAuditDetail(ctx.auditId, { options: opts, source: type });
  const upload = limitedBody(req, limits.buildContext, 'build context', declared);
  let context: () => Readable;
  let source: string;
  let note: (() => string) | undefined;
  if (type === FILE_RECORDS_TYPE) {
    const stats: ContextStats = { files: 0, ignored: 0, bytes: 0 };
    context = () => recordsToTar(upload.body, opts.dockerfile, stats);
    source = 'an uploaded folder (.dockerignore applied, owner 0:0)';
    note = () => `Context: ${stats.files - stats.ignored} files (${humanBytes(stats.bytes)}) sent, ${stats.ignored} left out by .dockerignore.`;
  } else if (['application/x-tar', 'application/tar', 'application/gzip', 'application/x-gzip', 'application/octet-stream'].includes(type)) {
    // The engine reads a tar or a gzipped tar itself; Dockside passes it on as it is, never unpacked here.
    context = () => upload.body;
    source = `an uploaded ${type.includes('gzip') ? '.tar.gz' : '.tar'} (passed to the engine as it is)`;
  } else {
    req.resume();
    throw new RequestFailure(415, { code: 'bad_request', message: 'Send the context as a tar, a gzipped tar, a folder upload, or a Dockerfile as JSON.' });
  }
  const task = startBuild(api, { context, opts, source, contextNote: note, uploadFailure: upload.failure, uploadBytes: declared }, who);
  answerWhenUploaded(req, res, task.id, ctx.auditId, upload.readPastParser);
}

async function upload(kind: 'load' | 'import', req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const limits = transferLimits();
  const what = kind === 'load' ? 'image archive' : 'filesystem archive';
  const q = kind === 'import' ? parse(importQuerySchema, queryOf(ctx.url)) : null;
  const declared = checkDeclaredSize(req, limits.upload, what);
  noteAuditDetail(ctx.auditId, { kind, bytes: declared, ...(q ?? {}) });
  const body = limitedBody(req, limits.upload, what, declared);
  let importOpts: { repo?: string; tag?: string; message?: string; changes: string[] } | undefined;
  if (q) {
    const ref = q.reference ? parseImageRef(q.reference) : null;
    const repo = ref?.ok ? (ref.ref.domain ? `${ref.ref.domain}/${ref.ref.path}` : ref.ref.path) : undefined;
    importOpts = { repo, tag: ref?.ok ? (ref.ref.tag ?? 'latest') : undefined, message: q.message, changes: q.changes };
  }
  const task = startUploadTask(
    kind,
    transfersFor(ctx.engine),
    { target: q?.reference ?? ctx.url.searchParams.get('filename')?.slice(0, 200) ?? `${kind} upload`, body: body.body, total: declared, detail: { bytes: declared, ...(q ?? {}) }, importOpts, uploadFailure: body.failure },
    { who: ctx.who, engine: ctx.engine },
  );
  answerWhenUploaded(req, res, task.id, ctx.auditId, body.readPastParser);
}

/** Save and export: the engine's tar straight to the browser, as a task the Tasks page shows. */
async function download(kind: 'save' | 'export', res: http.ServerResponse, ctx: Ctx, target: string, filename: string, open: (signal: AbortSignal) => Promise<Readable>): Promise<void> {
  let resolveStarted!: (v: Error | null) => void;
  const started = new Promise<Error | null>((r) => (resolveStarted = r));
  const task = taskManager().start({
    kind,
    target,
    engine: ctx.engine,
    who: ctx.who,
    cancellable: true,
    cancelNote: CANCEL_NOTES[kind],
    exclusive: false,
    detail: { target },
    run: async (h) => {
      let stream: Readable;
      try {
        stream = await open(h.signal);
      } catch (err) {
        resolveStarted(err as Error);
        throw err;
      }
      res.writeHead(200, {
        'Content-Type': 'application/x-tar',
        'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'Cache-Control': 'no-store',
        'X-Dockside-Task': h.id,
      });
      resolveStarted(null);
      h.message('Downloading…');
      const count = countBytes(h, null);
      let bytes = 0;
      await new Promise<void>((resolve, reject) => {
        // Counted as it passes (a listener, not another stream in the pipe: one hop less per chunk).
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
          count(chunk.byteLength);
        });
        // pipeBulk: pipeline, with the engine's read buffers reused once each chunk is written (bulk-http.ts).
        pipeBulk(stream, res, (err) => {
          if (!err) return resolve();
          if (h.signal.aborted) return reject(new TaskFailure('Cancelled.'));
          reject(
            new TaskFailure(
              !res.writableFinished && res.destroyed && !stream.destroyed
                ? `The browser stopped the download after ${humanBytes(bytes)}: the file it has is incomplete. Nothing changed in the engine.`
                : `The download stopped after ${humanBytes(bytes)} (${err.message}): the file is incomplete.`,
            ),
          );
        });
      });
      h.progress({ kind: 'bytes', bytes, total: bytes });
      return { message: `${kind === 'save' ? 'Saved' : 'Exported'} ${target} (${humanBytes(bytes)}) as ${filename}.` };
    },
  });
  void task;
  const failed = await started;
  if (failed) {
    const e = toEngineError(failed);
    noteAuditOutcome(ctx.auditId, httpStatusForCode[e.code]);
    return sendApiError(res, httpStatusForCode[e.code], e.toJSON());
  }
}

async function save(res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const q = parse(saveQuerySchema, queryOf(ctx.url));
  const api = transfersFor(ctx.engine);
  const first = q.names[0]!.replace(/^sha256:/, '').replace(/[/:@]/g, '_').slice(0, 60);
  const filename = `${first}${q.names.length > 1 ? `-and-${q.names.length - 1}-more` : ''}.tar`;
  await download('save', res, ctx, q.names.join(', ').slice(0, 300), filename, (signal) => api.save(q.names, signal));
}

async function exportContainer(res: http.ServerResponse, ctx: Ctx, id: string): Promise<void> {
  const api = transfersFor(ctx.engine);
  await download('export', res, ctx, id, `${id.slice(0, 60)}-fs.tar`, (signal) => api.exportContainer(id, signal));
}

const EXPORT_PATH = /^\/api\/containers\/([^/]+)\/export\/?$/;
const CANCEL_PATH = /^\/api\/tasks\/([^/]+)\/cancel\/?$/;
const ROUTES = new Set(['/api/transfers/pull', '/api/transfers/push', '/api/transfers/build', '/api/transfers/load', '/api/transfers/import', '/api/transfers/limits', '/api/images/get']);

/** True for the paths this module answers. */
export function isTransferPath(pathname: string): boolean {
  return ROUTES.has(pathname) || EXPORT_PATH.test(pathname) || CANCEL_PATH.test(pathname);
}

export async function serveTransfer(req: http.IncomingMessage, res: http.ServerResponse, who: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dockside');
  const named = url.searchParams.get(ENGINE_QUERY_PARAM);
  const engineName = named === null ? null : engineNameSchema.safeParse(named);
  if (engineName && !engineName.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(engineName.error) });
  const engine = engineName?.data;
  const ctx: Ctx = { who, url, auditId: (req.headers[AUDIT_ID_HEADER] as string | undefined) ?? null, ...(engine ? { engine } : {}) };
  const method = req.method ?? 'GET';
  const expect = (m: string) => {
    if (method !== m) {
      res.setHeader('Allow', m);
      throw new RequestFailure(405, { code: 'bad_request', message: `${method} is not supported here; use ${m}.` });
    }
  };
  try {
    const p = url.pathname.replace(/\/$/, '');
    const exportMatch = EXPORT_PATH.exec(p);
    const cancelMatch = CANCEL_PATH.exec(p);
    if (exportMatch) {
      expect('GET');
      return await exportContainer(res, ctx, parse(containerRefSchema, decodeURIComponent(exportMatch[1]!)));
    }
    if (cancelMatch) {
      expect('POST');
      const id = parse(taskIdSchema, decodeURIComponent(cancelMatch[1]!));
      const t = taskManager().cancel(id);
      noteAuditDetail(ctx.auditId, { task: id, action: 'cancel' });
      return sendJson(res, 200, t);
    }
    switch (p) {
      case '/api/transfers/limits':
        expect('GET');
        return sendJson(res, 200, transferLimits());
      case '/api/transfers/pull':
        expect('POST');
        return await pull(req, res, ctx);
      case '/api/transfers/push':
        expect('POST');
        return await push(req, res, ctx);
      case '/api/transfers/build':
        expect('POST');
        return await build(req, res, ctx);
      case '/api/transfers/load':
        expect('POST');
        return await upload('load', req, res, ctx);
      case '/api/transfers/import':
        expect('POST');
        return await upload('import', req, res, ctx);
      case '/api/images/get':
        expect('GET');
        return await save(res, ctx);
    }
    throw fail('not_found', 'No such route.');
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof RequestFailure) {
      if (err.status === 413) res.setHeader('Connection', 'close');
      noteAuditOutcome(ctx.auditId, err.status);
      return sendApiError(res, err.status, err.body);
    }
    const e = toEngineError(err);
    if (e.code === 'internal') process.stderr.write(`dockside: transfer route failed: ${(err as Error)?.stack ?? String(err)}\n`);
    noteAuditOutcome(ctx.auditId, httpStatusForCode[e.code]);
    return sendApiError(res, httpStatusForCode[e.code], e.toJSON());
  }
}
