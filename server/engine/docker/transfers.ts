import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { BuildOptions, ImportOptions, RegistryAuth, TransfersApi } from '../api/transfers';
import { EngineError } from '../errors';
import type { DockerContext } from './context';

type TransfersContext = Pick<DockerContext, 'docker' | 'label' | 'fail' | 'read'> & Partial<Pick<DockerContext, 'bulk'>>;

/** `/auth` asks the registry over the network: a slow registry must not hang the dialog. */
const AUTH_DEADLINE_MS = 30_000;

interface DialOptions {
  path: string;
  method: 'GET' | 'POST';
  options?: Record<string, unknown>;
  file?: Readable;
  headers?: Record<string, string>;
  authconfig?: RegistryAuth;
  registryconfig?: Record<string, { username: string; password: string }>;
  signal: AbortSignal;
  statusCodes: Record<number, string | boolean>;
}

/**
 * One streamed engine request through docker-modem: credentials go in headers (never the URL),
 * the body (if any) is piped, the answer is returned as a stream for the caller to read.
 */
function dialStream(ctx: TransfersContext, o: DialOptions): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const modem = (ctx.docker as unknown as { modem: { dial(opts: unknown, cb: (err: unknown, res: unknown) => void): void } }).modem;
    modem.dial(
      {
        path: o.path,
        method: o.method,
        options: o.options ?? {},
        file: o.file,
        headers: o.headers,
        authconfig: o.authconfig,
        registryconfig: o.registryconfig,
        abortSignal: o.signal,
        isStream: true,
        statusCodes: o.statusCodes,
      },
      (err, res) => (err ? reject(ctx.fail(err)) : resolve(res as Readable)),
    );
  });
}

/**
 * A tar in bulk, down (save, export) or up (load, import), over a connection of its own when the
 * engine is on a unix socket or plain TCP (bulk-http.ts), else through docker-modem. Down: big reads
 * into reused buffers (Node's HTTP client cost ~1 s of CPU per GiB in per-chunk work and buffer
 * churn). Up: the browser's chunks written to the engine socket as they come, with the archive's
 * Content-Length when known (no chunk framing), instead of through Node's HTTP client.
 */
async function bulkStream(ctx: TransfersContext, o: Omit<DialOptions, 'authconfig' | 'registryconfig'> & { fileLength?: number | null }): Promise<Readable> {
  if (!ctx.bulk) return dialStream(ctx, o);
  // docker-modem's convention: a path ending in '?' takes `options` as its query.
  const path = o.path.replace(/\?$/, '');
  const query = o.path.endsWith('?') ? o.options : undefined;
  try {
    const answer = await ctx.bulk({ method: o.method, path, query, headers: o.headers, signal: o.signal, body: o.file, bodyLength: o.fileLength });
    return answer.body;
  } catch (err) {
    // docker-modem words a refusal by the status's meaning for this call ("no such container").
    const e = err as { statusCode?: number; json?: { message?: string } | null; message?: string };
    const meaning = e.statusCode !== undefined ? o.statusCodes[e.statusCode] : undefined;
    if (e.statusCode !== undefined && !e.json?.message && typeof meaning === 'string') e.json = { message: meaning };
    throw ctx.fail(err);
  }
}

const STREAM_OK = { 200: true, 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error' } as const;

export function dockerTransfers(ctx: TransfersContext): TransfersApi {
  return {
    pull(reference, { platform, auth, signal }) {
      return dialStream(ctx, {
        path: '/images/create?',
        method: 'POST',
        options: { fromImage: reference, ...(platform ? { platform } : {}) },
        authconfig: auth,
        signal,
        statusCodes: STREAM_OK,
      });
    },

    push(reference, { auth, signal }) {
      // `POST /images/{name}/push?tag=`: the name without its tag, so the engine pushes that tag only.
      const { name, tag } = splitTag(reference);
      return dialStream(ctx, {
        path: `/images/${encodeURIComponent(name)}/push?`,
        method: 'POST',
        options: tag ? { tag } : {},
        // The engine refuses a push without the header, even to a registry that needs no login.
        authconfig: auth ?? ({ username: '', password: '', serveraddress: '' } as RegistryAuth),
        signal,
        statusCodes: STREAM_OK,
      });
    },


    build(context, opts: BuildOptions & { signal: AbortSignal }) {
      return dialStream(ctx, {
        path: '/build?',
        method: 'POST',
        options: {
          t: opts.tags,
          dockerfile: opts.dockerfile,
          ...(Object.keys(opts.buildArgs).length ? { buildargs: opts.buildArgs } : {}),
          ...(Object.keys(opts.labels).length ? { labels: opts.labels } : {}),
          ...(opts.target ? { target: opts.target } : {}),
          nocache: opts.noCache,
          pull: opts.pull ? '1' : '',
          rm: true,
          forcerm: true,
          // The legacy builder: BuildKit needs a gRPC session this engine (20.10, Debian) cannot serve here.
          version: '1',
        },
        file: context,
        headers: { 'Content-Type': 'application/x-tar' },
        registryconfig: opts.registryConfig && Object.keys(opts.registryConfig).length ? opts.registryConfig : undefined,
        signal: opts.signal,
        statusCodes: STREAM_OK,
      });
    },

    save(names, signal) {
      return bulkStream(ctx, { path: '/images/get?', method: 'GET', options: { names }, signal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } });
    },

    load(tar, signal, length) {
      return bulkStream(ctx, {
        path: '/images/load?',
        method: 'POST',
        options: { quiet: false },
        file: tar,
        fileLength: length,
        headers: { 'Content-Type': 'application/x-tar' },
        signal,
        statusCodes: STREAM_OK,
      });
    },

    exportContainer(id, signal) {
      return bulkStream(ctx, { path: `/containers/${encodeURIComponent(id)}/export`, method: 'GET', signal, statusCodes: { 200: true, 404: 'no such container', 500: 'server error' } });
    },

    importImage(tar, opts: ImportOptions & { signal: AbortSignal; length?: number | null }) {
      return bulkStream(ctx, {
        path: '/images/create?',
        method: 'POST',
        options: {
          fromSrc: '-',
          ...(opts.repo ? { repo: opts.repo } : {}),
          ...(opts.tag ? { tag: opts.tag } : {}),
          ...(opts.message ? { message: opts.message } : {}),
          ...(opts.changes.length ? { changes: opts.changes } : {}),
        },
        file: tar,
        fileLength: opts.length,
        headers: { 'Content-Type': 'application/x-tar' },
        signal: opts.signal,
        statusCodes: STREAM_OK,
      });
    },

    async checkAuth(auth) {
      const signal = AbortSignal.timeout(AUTH_DEADLINE_MS);
      try {
        const body = 'identitytoken' in auth ? { identitytoken: auth.identitytoken, serveraddress: auth.serveraddress } : auth;
        const res = (await ctx.docker.checkAuth({ ...body, abortSignal: signal } as unknown as Parameters<Docker['checkAuth']>[0])) as { Status?: string; IdentityToken?: string };
        return { status: res?.Status ?? 'Login Succeeded', ...(res?.IdentityToken ? { identityToken: res.IdentityToken } : {}) };
      } catch (err) {
        if (signal.aborted) throw new EngineError('engine_unreachable', `The engine at ${ctx.label} did not get an answer from the registry within ${AUTH_DEADLINE_MS / 1000} s.`);
        const e = ctx.fail(err);
        if (e.code === 'engine_unreachable') throw e;
        // The engine answers a refused login with 401 or 500 and the registry's words. Not a 401 of
        // ours: that would mean "sign in to Dockside" to the browser.
        throw new EngineError('bad_request', `The registry refused the login: ${e.message}`);
      }
    },

    async insecureRegistries() {
      const info = (await ctx.read((abortSignal) => ctx.docker.info({ abortSignal } as never) as unknown as Promise<unknown>, 'info')) as {
        RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
      };
      const rc = info.RegistryConfig ?? {};
      return {
        cidrs: rc.InsecureRegistryCIDRs ?? [],
        hosts: Object.entries(rc.IndexConfigs ?? {})
          .filter(([, v]) => v?.Secure === false)
          .map(([k]) => k),
      };
    },
  };
}

/** `host:5000/team/app:v1` → name `host:5000/team/app`, tag `v1`; a digest reference keeps its digest in the name. */
export function splitTag(reference: string): { name: string; tag?: string } {
  if (reference.includes('@')) return { name: reference };
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { name: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { name: reference };
}
