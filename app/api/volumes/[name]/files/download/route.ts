import { Readable } from 'node:stream';
import { z } from 'zod';
import { volumeNameSchema, volumePathSchema } from '@/lib/protocol/volumes';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

type Params = { params: Promise<{ name: string }> };

/** GET ?path=: a file or folder of the volume as a tar, streamed (refused in read-only mode, as every export). */
export const GET = route(async (req, { params }: Params) => {
  const name = parseOr400(volumeNameSchema, (await params).name);
  const { path } = parseOr400(z.object({ path: volumePathSchema }), queryOf(req));
  const { tar, name: base } = await engineOf(req).volumes.files.download(name, path);
  // The file name is reduced to safe characters: it goes into a header.
  const filename = `${base.replace(/[^a-zA-Z0-9_.-]/g, '_') || 'volume'}.tar`;
  return new Response(Readable.toWeb(tar) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/x-tar',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
