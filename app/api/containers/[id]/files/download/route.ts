import { Readable } from 'node:stream';
import { containerRefSchema } from '@/lib/protocol/ids';
import { downloadQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** GET ?path=: a tar of the path, streamed as the engine sends it (read-only mode refuses this in the gate: it exports data). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  const { path } = parseOr400(downloadQuerySchema, queryOf(req));
  const tar = await engineOf(req).images.download(id, path, req.signal);
  const base = path === '/' ? 'root' : path.slice(path.lastIndexOf('/') + 1);
  const filename = `${base.replace(/[^\w.-]+/g, '_') || 'file'}.tar`;
  return new Response(Readable.toWeb(tar) as unknown as ReadableStream, {
    headers: {
      'Content-Type': 'application/x-tar',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
});
