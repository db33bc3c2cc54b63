import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../../lib/protocol/engine-address';

/** A socket peer on this machine itself: a loopback address, IPv4 also in its IPv6-mapped form. */
export function isLoopbackPeer(address: string | undefined): boolean {
  return !!address && isLoopbackHost(address.startsWith('::ffff:') ? address.slice(7) : address);
}

/**
 * A browser on this machine gets Next's pages and files uncompressed: Next gzips whatever the
 * request accepts, and on loopback that is CPU on both ends for bytes that never cross a wire. A
 * full load of /images at 1006 images is 245 kB of HTML; gzipping it was ~10 ms of the server's
 * answer (curl: 15 ms whole uncompressed, 24 ms compressed), and in Chromium the page was on
 * screen ~20 ms sooner without it (15 interleaved loads each; issue 18, figure 20). A peer on
 * another machine (`--host` other than loopback) still gets gzip. The custom server's own routes
 * (lists, downloads) never compress.
 */
export function skipCompressionOnLoopback(req: IncomingMessage): void {
  if (isLoopbackPeer(req.socket.remoteAddress)) delete req.headers['accept-encoding'];
}
