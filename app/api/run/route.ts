import { createContainerRequestSchema } from '@/lib/protocol/run-spec';
import { engineOf, jsonBody, route } from '@/server/route-kit';

/** POST {spec, start}: `docker run -d` (start) or `docker create`. Errors carry the form field they concern. */
export const POST = route(async (req) => engineOf(req).run.create(await jsonBody(req, createContainerRequestSchema)));
