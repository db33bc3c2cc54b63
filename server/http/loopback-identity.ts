import type { IncomingMessage } from 'node:http';

/** The peer addresses of this machine itself (IPv4 loopback also in its IPv6-mapped form). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
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
