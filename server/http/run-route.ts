import type http from 'node:http';
import { ENGINE_QUERY_PARAM, engineNameSchema } from '../../lib/protocol/engines';
import { httpStatusForCode } from '../../lib/protocol/errors';
import { createContainerRequestSchema } from '../../lib/protocol/run-spec';
import { getEngine } from '../engine/registry';
import { EngineError } from '../engine/errors';
import { AUDIT_ID_HEADER, noteAuditDetail, noteAuditOutcome } from '../security/audit';
import { describeZodError } from '../validation';
import { sendJsonBytes } from './respond';
import { MAX_JSON_BODY, readJsonBody, RequestFailure } from './json-body';

export const RUN_PATH = '/api/run';

/** `/api/run` or `/api/run?…` (any method: only POST is served, the rest get a 405 here). */
export const isRunRequest = (req: http.IncomingMessage): boolean => {
  const url = req.url ?? '';
  return url === RUN_PATH || (url.startsWith(RUN_PATH) && url[RUN_PATH.length] === '?');
};

/**
 * `POST /api/run[?engine=<name>]` with `{spec, start}`: `docker run -d` (start) or `docker create`
 * (`RunApi.create`), answered by the custom server before Next. The engine's create + start is the
 * whole of the work; Next's routing and its web Request/Response wrapping cost more than that on a
 * loaded machine (BENCHMARKS.md, figure 16). The gate has already run (Host, auth, Origin, the CSRF
 * header, read-only refusal) and the audit entry is open; this adds the redacted body and the status.
 * Errors are the route handlers' `{code, message}` (with the form `field` they concern).
 */
export async function serveRun(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const auditId = (req.headers[AUDIT_ID_HEADER] as string | undefined) ?? null;
  const answer = (status: number, body: unknown) => {
    noteAuditOutcome(auditId, status);
    sendJsonBytes(res, status, Buffer.from(JSON.stringify(body)));
  };
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return answer(405, { code: 'bad_request', message: `${req.method} is not supported here; use POST.` });
    }
    const named = new URL(req.url ?? '/', 'http://dockside').searchParams.get(ENGINE_QUERY_PARAM);
    const engineName = named === null ? undefined : engineNameSchema.safeParse(named);
    if (engineName && !engineName.success) return answer(400, { code: 'bad_request', message: describeZodError(engineName.error) });
    const parsed = createContainerRequestSchema.safeParse(await readJsonBody(req, MAX_JSON_BODY));
    if (!parsed.success) return answer(400, { code: 'bad_request', message: describeZodError(parsed.error) });
    noteAuditDetail(auditId, parsed.data);
    answer(200, await getEngine(engineName?.data).run.create(parsed.data));
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (err instanceof RequestFailure) {
      if (err.status === 413) res.setHeader('Connection', 'close');
      return answer(err.status, err.body);
    }
    if (!(err instanceof EngineError)) {
      process.stderr.write(`dockside: unexpected error in ${RUN_PATH}: ${(err as Error).stack ?? String(err)}\n`);
      return answer(500, { code: 'internal', message: 'Internal error.' });
    }
    answer(httpStatusForCode[err.code], err.toJSON()); // RunFieldError: with the form field
  }
}
