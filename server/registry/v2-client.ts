import net from 'node:net';
import type { DigestTags, ManifestSummary, Page, PlatformEntry, RegistrySummary } from '../../lib/protocol/registries';

/**
 * A small client for the registry HTTP API v2 (`distribution/distribution: docs/content/spec/api.md`):
 * catalog and tags (paginated with `Link: <…>; rel="next"`), manifests (GET for the content, HEAD
 * for a digest, which does not count as a Docker Hub pull), and delete by digest. Basic and token
 * (`WWW-Authenticate: Bearer realm=…`) auth. Every request has a deadline and every body a size cap:
 * a slow registry or a huge catalog costs a bounded wait and bounded memory.
 */

export const REGISTRY_DEADLINE_MS = Number(process.env.DOCKSIDE_REGISTRY_DEADLINE_MS) || 15_000;
const MAX_JSON = 4 * 1024 * 1024;
const MAX_TOKEN = 64 * 1024;
/** Tags checked (HEAD each) to find every tag sharing a digest before a delete. */
export const MAX_DIGEST_SCAN = 300;

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

export interface InsecureConfig {
  /** Engine's `RegistryConfig.InsecureRegistryCIDRs`. */
  cidrs: string[];
  /** Registries the engine marks `Secure: false` in `RegistryConfig.IndexConfigs`. */
  hosts: string[];
}

function hostOf(address: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (m) return m[1]!;
  return address.replace(/:\d+$/, '');
}

function inCidr(ip: string, cidr: string): boolean {
  const [range, bits] = cidr.split('/');
  if (!range || !bits || !net.isIPv4(ip) || !net.isIPv4(range)) return false;
  const toInt = (s: string) => s.split('.').reduce((a, b) => (a << 8) + Number(b), 0) >>> 0;
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (toInt(ip) & mask) === (toInt(range) & mask);
}

/** Plain HTTP only where the engine would use it too: loopback, or its own insecure-registries. */
export function transportFor(address: string, insecure: InsecureConfig): RegistrySummary['transport'] {
  const host = hostOf(address);
  if (host === 'localhost' || (net.isIPv4(host) && host.startsWith('127.')) || host === '::1') return 'http (loopback)';
  if (insecure.hosts.includes(address) || insecure.cidrs.some((c) => inCidr(host, c))) return 'http (engine insecure-registries)';
  return 'https';
}

export function baseUrl(address: string, transport: RegistrySummary['transport']): string {
  if (address === 'docker.io') return 'https://registry-1.docker.io';
  return `${transport === 'https' ? 'https' : 'http'}://${address}`;
}

async function readCapped(res: Response, max: number, what: string): Promise<string> {
  if (!res.body) return '';
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) {
    await res.body.cancel().catch(() => undefined);
    throw new RegistryError(502, `The registry's ${what} is over ${Math.round(max / 1024)} KiB; Dockside does not read it.`);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new RegistryError(502, `The registry's ${what} is over ${Math.round(max / 1024)} KiB; Dockside stopped reading it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_]+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) params[m[1]!.toLowerCase()] = m[2]!;
  return { scheme, params };
}

/** `</v2/_catalog?last=b&n=100>; rel="next"` → `b`. */
export function nextLast(link: string | null): string | undefined {
  if (!link) return undefined;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!m) return undefined;
  try {
    return new URL(m[1]!, 'http://x').searchParams.get('last') ?? undefined;
  } catch {
    return undefined;
  }
}

export class RegistryClient {
  private basic = false;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly creds?: { username: string; password: string },
    private readonly deadlineMs = REGISTRY_DEADLINE_MS,
  ) {}

  private authHeader(scope: string): string | undefined {
    const token = this.tokens.get(scope);
    if (token) return `Bearer ${token}`;
    if (this.basic && this.creds) return `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
    return undefined;
  }

  private async fetchOnce(path: string, init: { method: string; accept?: string }, scope: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (init.accept) headers.Accept = init.accept;
    const auth = this.authHeader(scope);
    if (auth) headers.Authorization = auth;
    try {
      return await fetch(`${this.base}${path}`, { method: init.method, headers, redirect: 'manual', signal: AbortSignal.timeout(this.deadlineMs) });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new RegistryError(504, `The registry at ${this.base} did not answer within ${this.deadlineMs / 1000} s.`);
      throw new RegistryError(502, `Cannot reach the registry at ${this.base}: ${e.cause?.code ?? e.cause?.message ?? e.message}.`);
    }
  }

  private async getToken(params: Record<string, string>, scope: string): Promise<void> {
    const realm = params.realm;
    if (!realm || !/^https?:\/\//.test(realm)) throw new RegistryError(502, 'The registry asked for a token without saying where to get one.');
    const url = new URL(realm);
    if (params.service) url.searchParams.set('service', params.service);
    if (scope) url.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    if (this.creds) headers.Authorization = `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(this.deadlineMs) });
    } catch {
      throw new RegistryError(502, `Cannot get a token from ${url.origin}.`);
    }
    const text = await readCapped(res, MAX_TOKEN, 'token answer');
    if (res.status === 401 || res.status === 403) throw new RegistryError(401, 'The registry refused the stored credentials (token request).');
    if (!res.ok) throw new RegistryError(502, `The token service answered ${res.status}.`);
    let body: { token?: string; access_token?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new RegistryError(502, 'The token service did not answer JSON.');
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(502, 'The token service answered without a token.');
    this.tokens.set(scope, token);
  }

  /** One request, authenticating once on a 401 challenge (Basic or Bearer). */
  async request(path: string, init: { method: string; accept?: string }, scope: string): Promise<Response> {
    let res = await this.fetchOnce(path, init, scope);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
    await res.body?.cancel().catch(() => undefined);
    if (challenge.scheme === 'basic') {
      if (!this.creds) throw new RegistryError(401, 'The registry needs a login: add it with a user name and password.');
      this.basic = true;
    } else if (challenge.scheme === 'bearer') {
      await this.getToken(challenge.params, challenge.params.scope ?? scope);
      if (challenge.params.scope && challenge.params.scope !== scope) this.tokens.set(scope, this.tokens.get(challenge.params.scope)!);
    } else throw new RegistryError(401, 'The registry refused the request (401) without saying how to log in.');
    res = await this.fetchOnce(path, init, scope);
    if (res.status === 401) {
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(401, 'The registry refused the stored credentials.');
    }
    return res;
  }

  private async json<T>(res: Response, what: string): Promise<T> {
    const text = await readCapped(res, MAX_JSON, what);
    if (!res.ok) {
      let message = `The registry answered ${res.status} to the ${what} request.`;
      try {
        const errs = (JSON.parse(text) as { errors?: { code?: string; message?: string }[] }).errors;
        if (errs?.length) message = `${errs.map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ')} (${res.status}).`;
      } catch {
        // Keep the status line.
      }
      throw new RegistryError(res.status === 404 ? 404 : res.status === 403 ? 403 : 502, message);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RegistryError(502, `The registry's ${what} answer is not JSON.`);
    }
  }

  async ping(): Promise<void> {
    const res = await this.request('/v2/', { method: 'GET' }, '');
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) throw new RegistryError(502, `${this.base}/v2/ answered ${res.status}: not a v2 registry?`);
  }

  async catalog(n: number, last?: string): Promise<Page<string>> {
    const q = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const res = await this.request(`/v2/_catalog?${q}`, { method: 'GET' }, 'registry:catalog:*');
    const body = await this.json<{ repositories?: string[] }>(res, 'catalog');
    const items = (body.repositories ?? []).slice(0, n);
    const next = nextLast(res.headers.get('link'));
    return { items, ...(next ? { next } : {}) };
  }

  async tags(repo: string, n: number, last?: string): Promise<Page<string>> {
    const q = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const res = await this.request(`/v2/${repo}/tags/list?${q}`, { method: 'GET' }, `repository:${repo}:pull`);
    const body = await this.json<{ tags?: string[] | null }>(res, 'tags');
    const items = (body.tags ?? []).slice(0, n);
    const next = nextLast(res.headers.get('link'));
    return { items, ...(next ? { next } : {}) };
  }

  /** HEAD: the digest without downloading (and without counting as a Docker Hub pull). */
  async digest(repo: string, reference: string): Promise<string | null> {
    const res = await this.request(`/v2/${repo}/manifests/${reference}`, { method: 'HEAD', accept: MANIFEST_ACCEPT }, `repository:${repo}:pull`);
    if (res.status === 404) return null;
    if (!res.ok) throw new RegistryError(502, `The registry answered ${res.status} to HEAD ${repo}:${reference}.`);
    return res.headers.get('docker-content-digest');
  }

  private async blobJson<T>(repo: string, digest: string): Promise<T | null> {
    let res = await this.request(`/v2/${repo}/blobs/${digest}`, { method: 'GET' }, `repository:${repo}:pull`);
    // Blob stores redirect to object storage: follow once, without our credentials.
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      res = await fetch(new URL(location, this.base), { redirect: 'error', signal: AbortSignal.timeout(this.deadlineMs) });
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    return JSON.parse(await readCapped(res, 1024 * 1024, 'image config')) as T;
  }

  async manifest(repo: string, reference: string): Promise<ManifestSummary> {
    const res = await this.request(`/v2/${repo}/manifests/${reference}`, { method: 'GET', accept: MANIFEST_ACCEPT }, `repository:${repo}:pull`);
    const digest = res.headers.get('docker-content-digest') ?? '';
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const body = await this.json<{
      mediaType?: string;
      manifests?: { digest: string; size: number; mediaType: string; platform?: { os?: string; architecture?: string; variant?: string } }[];
      layers?: { digest: string; size: number; mediaType: string }[];
      config?: { digest: string; size: number };
    }>(res, 'manifest');
    const mediaType = body.mediaType ?? contentType;
    if (INDEX_TYPES.has(mediaType) || Array.isArray(body.manifests)) {
      const platforms: PlatformEntry[] = (body.manifests ?? []).slice(0, 200).map((m) => ({
        os: m.platform?.os ?? 'unknown',
        architecture: m.platform?.architecture ?? 'unknown',
        ...(m.platform?.variant ? { variant: m.platform.variant } : {}),
        digest: m.digest,
        size: m.size,
        mediaType: m.mediaType,
      }));
      return { repository: repo, reference, digest, mediaType, kind: 'index', platforms, layers: [], totalSize: platforms.reduce((a, p) => a + (p.size || 0), 0) };
    }
    const layers = (body.layers ?? []).slice(0, 1000).map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
    let config: ManifestSummary['config'];
    if (body.config?.digest) {
      const c = await this.blobJson<{ created?: string; os?: string; architecture?: string; config?: { Cmd?: string[]; Entrypoint?: string[]; Labels?: Record<string, string> } }>(repo, body.config.digest).catch(() => null);
      if (c) {
        config = {
          ...(c.created ? { created: c.created } : {}),
          ...(c.os ? { os: c.os } : {}),
          ...(c.architecture ? { architecture: c.architecture } : {}),
          ...(c.config?.Cmd ? { cmd: c.config.Cmd } : {}),
          ...(c.config?.Entrypoint ? { entrypoint: c.config.Entrypoint } : {}),
          ...(c.config?.Labels ? { labels: c.config.Labels } : {}),
        };
      }
    }
    return {
      repository: repo,
      reference,
      digest,
      mediaType,
      kind: 'image',
      platforms: [],
      layers,
      totalSize: layers.reduce((a, l) => a + (l.size || 0), 0) + (body.config?.size ?? 0),
      ...(config ? { config } : {}),
    };
  }

  /** Every tag of the repository pointing at `digest` (HEAD each, bounded). */
  async tagsForDigest(repo: string, digest: string): Promise<DigestTags> {
    const tags: string[] = [];
    let checked = 0;
    let last: string | undefined;
    let partial = false;
    do {
      const page = await this.tags(repo, 100, last);
      for (const t of page.items) {
        if (checked >= MAX_DIGEST_SCAN) {
          partial = true;
          break;
        }
        checked += 1;
        if ((await this.digest(repo, t)) === digest) tags.push(t);
      }
      last = page.next;
    } while (last && !partial);
    return { digest, tags, partial };
  }

  /** DELETE by digest: the manifest goes, and with it every tag pointing at it. */
  async deleteManifest(repo: string, digest: string): Promise<void> {
    const res = await this.request(`/v2/${repo}/manifests/${digest}`, { method: 'DELETE' }, `repository:${repo}:delete`);
    const text = await readCapped(res, MAX_JSON, 'delete');
    if (res.status === 202 || res.ok) return;
    if (res.status === 405) throw new RegistryError(409, 'This registry does not allow deletion (its storage.delete.enabled is off).');
    if (res.status === 404) throw new RegistryError(404, `No manifest ${digest} in ${repo}.`);
    throw new RegistryError(502, `The registry answered ${res.status} to the delete: ${text.slice(0, 200)}`);
  }
}
