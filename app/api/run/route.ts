import { createContainerRequestSchema } from '@/lib/protocol/run-spec';
import { runApi } from '@/server/next-entry';
import { jsonBody, route } from '@/server/route-kit';

/** POST {spec, start}: `docker run -d` (start) or `docker create`. Errors carry the form field they concern. */
export const POST = route(async (req) => runApi().create(await jsonBody(req, createContainerRequestSchema)));
