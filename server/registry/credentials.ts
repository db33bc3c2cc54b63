import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegistrySummary } from '../../lib/protocol/registries';

/**
 * Registry credentials: kept on the server only, in `<config dir>/registries.json` (mode 0600), and
 * read — never written — from the user's `~/.docker/config.json` `auths`. The browser gets ids.
 */

export interface StoredRegistry {
  id: string;
  address: string;
  username: string;
  password: string;
  identityToken?: string;
  addedAt: string;
  source: 'dockside' | 'docker-config';
}

const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
export const HUB_ID = 'hub';

export function isHub(address: string): boolean {
  return HUB_NAMES.has(address.replace(/^https?:\/\//, '').replace(/\/v1\/?$/, '').replace(/\/+$/, ''));
}

/** The form Dockside compares addresses in: no scheme, no path, Docker Hub as `docker.io`. */
export function normalizeAddress(address: string): string {
  const bare = address.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase();
  return isHub(bare) ? 'docker.io' : bare;
}

const KEY = Symbol.for('dockside.registryStore');
type Holder = { [KEY]?: { dir: string; dockerConfig: string } };

export function initRegistryStore(configDir: string, dockerConfig = path.join(process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'config.json')): void {
  (globalThis as Holder)[KEY] = { dir: configDir, dockerConfig };
}

function where(): { file: string; dockerConfig: string } | null {
  const h = (globalThis as Holder)[KEY];
  return h ? { file: path.join(h.dir, 'registries.json'), dockerConfig: h.dockerConfig } : null;
}

function readOwn(): StoredRegistry[] {
  const w = where();
  if (!w) return [];
  try {
    const data = JSON.parse(fs.readFileSync(w.file, 'utf8')) as { registries?: StoredRegistry[] };
    return Array.isArray(data.registries) ? data.registries.filter((r) => r && typeof r.id === 'string') : [];
  } catch {
    return [];
  }
}

function writeOwn(list: StoredRegistry[]): void {
  const w = where();
  if (!w) throw new Error('The registry store is not initialised.');
  fs.mkdirSync(path.dirname(w.file), { recursive: true, mode: 0o700 });
  const tmp = `${w.file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ registries: list }, null, 2), { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, w.file);
}

/** `auths` from ~/.docker/config.json with inline credentials (helpers' stores are not read). */
function readDockerConfig(): StoredRegistry[] {
  const w = where();
  if (!w) return [];
  let data: { auths?: Record<string, { auth?: string; identitytoken?: string }> };
  try {
    data = JSON.parse(fs.readFileSync(w.dockerConfig, 'utf8'));
  } catch {
    return [];
  }
  const out: StoredRegistry[] = [];
  for (const [address, entry] of Object.entries(data.auths ?? {}).slice(0, 100)) {
    if (!entry?.auth) continue;
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) continue;
    const addr = normalizeAddress(address);
    out.push({
      id: `cfg-${crypto.createHash('sha256').update(addr).digest('hex').slice(0, 16)}`,
      address: addr,
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      ...(entry.identitytoken ? { identityToken: entry.identitytoken } : {}),
      addedAt: '',
      source: 'docker-config',
    });
  }
  return out;
}

export function allRegistries(): StoredRegistry[] {
  return [...readOwn(), ...readDockerConfig()];
}

export function findRegistry(id: string): StoredRegistry | undefined {
  return allRegistries().find((r) => r.id === id);
}

/** The stored credentials for a registry host (Dockside's own first, then the docker CLI's). */
export function findForAddress(address: string): StoredRegistry | undefined {
  const want = normalizeAddress(address);
  return allRegistries().find((r) => normalizeAddress(r.address) === want);
}

export function addRegistry(entry: { address: string; username: string; password: string; identityToken?: string }): StoredRegistry {
  const address = normalizeAddress(entry.address);
  const own = readOwn().filter((r) => normalizeAddress(r.address) !== address);
  const stored: StoredRegistry = {
    id: crypto.randomBytes(8).toString('hex'),
    address,
    username: entry.username,
    password: entry.password,
    ...(entry.identityToken ? { identityToken: entry.identityToken } : {}),
    addedAt: new Date().toISOString(),
    source: 'dockside',
  };
  writeOwn([...own, stored]);
  return stored;
}

/** Log out: the credentials are removed from Dockside's file. Returns false when the id is not Dockside's own. */
export function removeRegistry(id: string): boolean {
  const own = readOwn();
  const left = own.filter((r) => r.id !== id);
  if (left.length === own.length) return false;
  writeOwn(left);
  return true;
}

export function publicSummary(r: Pick<StoredRegistry, 'id' | 'address' | 'username' | 'addedAt'> & { source: RegistrySummary['source'] }, transport: RegistrySummary['transport']): RegistrySummary {
  const hub = isHub(r.address);
  return {
    id: r.id,
    address: r.address,
    ...(r.username ? { username: r.username } : {}),
    source: r.source,
    hub,
    catalog: !hub,
    transport,
    ...(r.addedAt ? { addedAt: r.addedAt } : {}),
  };
}
