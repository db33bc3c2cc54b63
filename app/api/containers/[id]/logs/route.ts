import { containerRefSchema } from '@/lib/protocol/ids';
import { logDownloadQuerySchema } from '@/lib/protocol/streams';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** `docker logs [-t]` as a file download, streamed from the engine (never held whole). */
export const GET = route(async (req, { params }: IdParams) => {
  const container = parseOr400(containerRefSchema, (await params).id);
  const query = parseOr400(logDownloadQuerySchema, queryOf(req));
  const { filename, body } = await engineOf(req).logs.download({ container, ...query });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      // Container names are [a-zA-Z0-9_.-] only, so the quoted filename needs no escaping.
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
