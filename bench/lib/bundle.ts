import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

export interface RouteJs {
  route: string;
  files: string[];
  gzipBytes: number;
  rawBytes: number;
  /** Libraries found in this route's first-load chunks, by a marker string only they contain. */
  has: Record<string, boolean>;
}

/**
 * Strings that only the library's own code contains: xterm.js's hidden textarea class, uPlot's overlay
 * class, zod's exported error class name, cmdk's root attribute. None of them is needed to show a list.
 */
export const LIBRARY_MARKERS: Record<string, string> = { xterm: 'xterm-helper-textarea', uplot: 'u-over', zod: '$ZodAsyncError', cmdk: 'cmdk-root' };

interface ClientManifest {
  entryJSFiles?: Record<string, string[]>;
}

/**
 * A `not-found` boundary that a deeper one on the same route shadows. The manifest lists every
 * not-found of the route's segments, but the page's HTML loads only the nearest one's chunks: the
 * root `app/not-found` (which wraps the 404 page in its own Providers and AppShell, 13 kB gzip of
 * copies) is never fetched by /containers, whose HTML names `(dashboard)/not-found`'s chunk only
 * (checked against the served HTML's script tags). Counting it made figure 7 report JS the route
 * never loads.
 */
function shadowedNotFound(entry: string, entries: readonly string[]): boolean {
  const m = /^(.*)\/not-found$/.exec(entry);
  return !!m && entries.some((e) => e !== entry && e.endsWith('/not-found') && e.startsWith(`${m[1]}/`));
}

/**
 * First-load JS of every app route in a production build: the root main files plus every chunk
 * the route's entries (layouts, page) load before it runs, gzip-compressed (level 9) as served.
 * Reads the Turbopack build's client reference manifests.
 */
export function firstLoadJs(distDir: string): RouteJs[] {
  const routes = JSON.parse(fs.readFileSync(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  const build = JSON.parse(fs.readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const sizes = new Map<string, { gz: number; raw: number; text: string }>();
  const sizeOf = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const buf = fs.readFileSync(path.join(distDir, file));
      s = { gz: zlib.gzipSync(buf, { level: 9 }).byteLength, raw: buf.byteLength, text: buf.toString('utf8') };
      sizes.set(file, s);
    }
    return s;
  };
  const out: RouteJs[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith('/page')) continue;
    const manifestFile = path.join(distDir, 'server/app', `${entry}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    const sandbox = { globalThis: {} as Record<string, unknown> };
    sandbox.globalThis = sandbox as unknown as Record<string, unknown>;
    vm.runInNewContext(fs.readFileSync(manifestFile, 'utf8'), sandbox);
    const manifest = (sandbox as unknown as { __RSC_MANIFEST: Record<string, ClientManifest> }).__RSC_MANIFEST[entry];
    if (!manifest?.entryJSFiles) throw new Error(`${manifestFile}: no entryJSFiles (not a Turbopack build?)`);
    const entries = Object.entries(manifest.entryJSFiles).filter(([name]) => !shadowedNotFound(name, Object.keys(manifest.entryJSFiles!)));
    const files = [...new Set([...build.rootMainFiles, ...entries.flatMap(([, f]) => f)])];
    const has: Record<string, boolean> = {};
    for (const [lib, marker] of Object.entries(LIBRARY_MARKERS)) has[lib] = files.some((f) => sizeOf(f).text.includes(marker));
    out.push({
      route,
      files,
      gzipBytes: files.reduce((s, f) => s + sizeOf(f).gz, 0),
      rawBytes: files.reduce((s, f) => s + sizeOf(f).raw, 0),
      has,
    });
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}
