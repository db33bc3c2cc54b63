import type { RegistrySummary } from '../../lib/protocol/registries';
import { EngineError } from '../engine/errors';
import type { RegistryAuth, TransfersApi } from '../engine/api/transfers';
import { engineInsecureRegistries, transfersFor } from '../transfers/engine-access';
import { addRegistry, allRegistries, findForAddress, findRegistry, HUB_ID, isHub, normalizeAddress, publicSummary, removeRegistry, type StoredRegistry } from './credentials';
import { baseUrl, RegistryClient, RegistryError, transportFor } from './v2-client';

/** Registries as the browser sees them: Docker Hub always, then every stored one (ids, never secrets). */
export async function listRegistries(): Promise<RegistrySummary[]> {
  const insecure = await engineInsecureRegistries();
  const stored = allRegistries();
  const out: RegistrySummary[] = [];
  if (!stored.some((r) => isHub(r.address))) out.push(publicSummary({ id: HUB_ID, address: 'docker.io', username: '', addedAt: '', source: 'builtin' }, 'https'));
  for (const r of stored) out.push(publicSummary(r, transportFor(r.address, insecure)));
  return out;
}

/** Verifies through the engine's `/auth` (as `docker login` does), then stores 0600. */
export async function loginRegistry(req: { address: string; username: string; password: string }, api: TransfersApi = transfersFor()): Promise<RegistrySummary> {
  const address = normalizeAddress(req.address);
  const serveraddress = address === 'docker.io' ? 'https://index.docker.io/v1/' : address;
  const result = await api.checkAuth({ username: req.username, password: req.password, serveraddress });
  const stored = addRegistry({ address, username: req.username, password: req.password, ...(result.identityToken ? { identityToken: result.identityToken } : {}) });
  return publicSummary(stored, transportFor(stored.address, await engineInsecureRegistries(api)));
}

export function logoutRegistry(id: string): void {
  if (removeRegistry(id)) return;
  const r = findRegistry(id);
  if (r?.source === 'docker-config') throw new EngineError('conflict', `${r.address} comes from ~/.docker/config.json, which Dockside reads but never writes: run "docker logout ${r.address}" to remove it.`);
  throw new EngineError('not_found', 'No such registry.');
}

function engineAuth(r: StoredRegistry): RegistryAuth {
  const serveraddress = r.address === 'docker.io' ? 'https://index.docker.io/v1/' : r.address;
  return r.identityToken ? { identitytoken: r.identityToken, serveraddress } : { username: r.username, password: r.password, serveraddress };
}

/** The stored credentials for a reference's registry host, for the engine's `X-Registry-Auth`. */
export function authForDomain(domain: string | undefined, registryId?: string): { auth?: RegistryAuth; registryId?: string } {
  if (registryId && registryId !== HUB_ID) {
    const r = findRegistry(registryId);
    if (!r) throw new EngineError('not_found', 'No such registry.');
    if (normalizeAddress(r.address) !== normalizeAddress(domain ?? 'docker.io')) {
      throw new EngineError('bad_request', `The reference's registry (${domain ?? 'docker.io'}) is not ${r.address}: credentials are only sent to the registry they belong to.`);
    }
    return { auth: engineAuth(r), registryId: r.id };
  }
  const r = findForAddress(domain ?? 'docker.io');
  return r ? { auth: engineAuth(r), registryId: r.id } : {};
}

export async function clientFor(id: string): Promise<{ client: RegistryClient; summary: RegistrySummary }> {
  const insecure = await engineInsecureRegistries();
  if (id === HUB_ID) {
    return { client: new RegistryClient(baseUrl('docker.io', 'https')), summary: publicSummary({ id: HUB_ID, address: 'docker.io', username: '', addedAt: '', source: 'builtin' }, 'https') };
  }
  const r = findRegistry(id);
  if (!r) throw new EngineError('not_found', 'No such registry.');
  const transport = transportFor(r.address, insecure);
  return { client: new RegistryClient(baseUrl(r.address, transport), { username: r.username, password: r.password }), summary: publicSummary(r, transport) };
}

/** One call to a stored registry with its client; whatever it throws reaches the route as `registryFailure`. */
export async function callRegistry<T>(id: string, call: (client: RegistryClient, summary: RegistrySummary) => Promise<T>): Promise<T> {
  const { client, summary } = await clientFor(id);
  return call(client, summary).catch((err: unknown) => {
    throw registryFailure(err);
  });
}

/** Registry failures as `{code, message}` for the routes. */
export function registryFailure(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  if (err instanceof RegistryError) {
    const code = err.status === 404 ? 'not_found' : err.status === 409 ? 'conflict' : err.status === 401 || err.status === 403 ? 'forbidden' : err.status === 504 ? 'engine_unreachable' : 'engine_error';
    return new EngineError(code, err.message);
  }
  return new EngineError('internal', (err as Error)?.message ?? 'Registry request failed.');
}

/**
 * The base images' registries of a Dockerfile (`FROM` lines, stage aliases left out), so a build
 * gets the stored credentials of exactly those registries in `X-Registry-Config` — not every
 * stored login, as the docker CLI sends.
 */
export function fromDomains(dockerfile: string): string[] {
  const stages = new Set<string>();
  const domains = new Set<string>();
  for (const m of dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    const image = m[1]!;
    if (!stages.has(image.toLowerCase()) && !image.includes('$')) {
      const slash = image.indexOf('/');
      const first = slash > 0 ? image.slice(0, slash) : '';
      domains.add(first && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io');
    }
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return [...domains];
}

/**
 * Every stored login (Dockside's own, then ~/.docker/config.json's), for a build whose Dockerfile
 * Dockside does not read: an uploaded folder or tar, whose FROM lines are only known to the engine.
 * The docker CLI sends all its logins with every build in the same way; the engine uses only those
 * of the registries it pulls from, and the header goes to the engine only.
 */
export function registryConfigForAll(): Record<string, { username: string; password: string }> {
  return registryConfigFor(allRegistries().map((r) => r.address));
}

export function registryConfigFor(domains: string[]): Record<string, { username: string; password: string }> {
  const out: Record<string, { username: string; password: string }> = {};
  for (const d of domains) {
    const r = findForAddress(d);
    if (r) out[normalizeAddress(d) === 'docker.io' ? 'https://index.docker.io/v1/' : r.address] ??= { username: r.username, password: r.password };
  }
  return out;
}
