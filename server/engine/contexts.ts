import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ENGINE_NAME, engineNameSchema } from '../../lib/protocol/engines';
import { isLoopbackHost } from '../config';
import { parseEngineHost, type EngineEndpoint } from './connection';

/**
 * The user's docker contexts (`docker context ls`), read the way the docker CLI stores them and
 * never written: `<config>/contexts/meta/<sha256(name)>/meta.json` for the endpoint, TLS material in
 * `<config>/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem`, the config dir from DOCKER_CONFIG
 * or `~/.docker`, the current context from DOCKER_CONTEXT, then `currentContext` in config.json.
 * `default` is the CLI's reserved name for DOCKER_HOST and is never stored.
 */
export interface DockerContextEntry {
  name: string;
  description?: string;
  /** The endpoint as the context states it, e.g. `tcp://build:2376`. */
  host: string;
  /** How to reach it, or why Dockside cannot (SSH, missing TLS files, plain TCP off this machine). */
  endpoint: EngineEndpoint | null;
  error?: string;
  /** A fingerprint of what the engine is built from: a change means the engine is built again. */
  signature: string;
}

interface ContextMeta {
  Name?: unknown;
  Metadata?: { Description?: unknown } | null;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
}

export function dockerConfigDir(env: Record<string, string | undefined> = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

/** The current context's name (null for `default`, i.e. DOCKER_HOST or the default socket). */
export function currentContextName(configDir: string, env: Record<string, string | undefined> = process.env): string | null {
  let name = env.DOCKER_CONTEXT?.trim();
  if (!name) {
    try {
      const config = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { currentContext?: unknown };
      name = typeof config.currentContext === 'string' ? config.currentContext : undefined;
    } catch {
      name = undefined; // No config.json, or not JSON: the CLI then uses the default too.
    }
  }
  return name && name !== DEFAULT_ENGINE_NAME ? name : null;
}

const contextId = (name: string) => crypto.createHash('sha256').update(name).digest('hex');

const readIfThere = (file: string): Buffer | undefined => {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
};

/** The endpoint of one context, or why it cannot be used. */
function contextEndpoint(configDir: string, name: string, host: string, skipTlsVerify: boolean): { endpoint: EngineEndpoint | null; error?: string; tlsStamp: string } {
  const tlsDir = path.join(configDir, 'contexts', 'tls', contextId(name), 'docker');
  const files = { ca: readIfThere(path.join(tlsDir, 'ca.pem')), cert: readIfThere(path.join(tlsDir, 'cert.pem')), key: readIfThere(path.join(tlsDir, 'key.pem')) };
  const tlsStamp = Object.values(files)
    .map((f) => (f ? crypto.createHash('sha256').update(f).digest('hex').slice(0, 16) : '-'))
    .join(',');
  const refuse = (error: string) => ({ endpoint: null, error: `Docker context \`${name}\` (${host}): ${error}`, tlsStamp });
  let endpoint: EngineEndpoint;
  try {
    endpoint = parseEngineHost(host);
  } catch (err) {
    return refuse((err as Error).message);
  }
  if (!host.startsWith('tcp://')) return { endpoint, tlsStamp };
  const hasTls = Boolean(files.ca || files.cert || files.key);
  if (!hasTls && !isLoopbackHost(endpoint.options.host ?? '')) {
    return refuse('plain TCP (no TLS) to another machine is refused: anyone on the network between could drive that engine. Give the context TLS material (docker context update --docker "host=…,ca=…,cert=…,key=…").');
  }
  if (!hasTls) return { endpoint, tlsStamp };
  const tls = `${tlsDir}/{ca,cert,key}.pem`;
  if (!files.ca && !skipTlsVerify) return refuse(`its TLS CA certificate is missing (looked for ${tls}), so the engine's identity cannot be checked.`);
  if (Boolean(files.cert) !== Boolean(files.key)) return refuse(`its TLS client ${files.cert ? 'key' : 'certificate'} is missing (looked for ${tls}).`);
  const port = Number(endpoint.options.port) === 2375 && !host.match(/:2375\b/) ? 2376 : endpoint.options.port;
  return {
    endpoint: {
      label: `${endpoint.label.replace(/:\d+$/, `:${port}`)} (TLS${skipTlsVerify ? ', not verified' : ''})`,
      options: {
        ...endpoint.options,
        port,
        protocol: 'https',
        ...(files.ca ? { ca: files.ca } : {}),
        ...(files.cert ? { cert: files.cert, key: files.key } : {}),
        // docker-modem passes this to https.request: only when the context itself says to skip.
        ...(skipTlsVerify ? { rejectUnauthorized: false } : {}),
      } as EngineEndpoint['options'],
    },
    tlsStamp,
  };
}

/** Every context in `configDir`, sorted by name. A context whose files are unreadable is skipped. */
export function readDockerContexts(configDir: string): DockerContextEntry[] {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  let ids: string[];
  try {
    ids = fs.readdirSync(metaDir);
  } catch {
    return [];
  }
  const out: DockerContextEntry[] = [];
  for (const id of ids) {
    let meta: ContextMeta;
    try {
      meta = JSON.parse(fs.readFileSync(path.join(metaDir, id, 'meta.json'), 'utf8')) as ContextMeta;
    } catch {
      continue;
    }
    const name = typeof meta.Name === 'string' ? meta.Name : '';
    // The CLI finds a context by the hash of its name: a folder that does not match is not one.
    if (!engineNameSchema.safeParse(name).success || name === DEFAULT_ENGINE_NAME || contextId(name) !== id) continue;
    const docker = meta.Endpoints?.docker;
    const host = typeof docker?.Host === 'string' ? docker.Host : '';
    const skip = docker?.SkipTLSVerify === true;
    const description = typeof meta.Metadata?.Description === 'string' ? meta.Metadata.Description : undefined;
    const { endpoint, error, tlsStamp } = host
      ? contextEndpoint(configDir, name, host, skip)
      : { endpoint: null, error: `Docker context \`${name}\` has no Docker endpoint.`, tlsStamp: '' };
    out.push({ name, host, endpoint, ...(error ? { error } : {}), ...(description ? { description } : {}), signature: `${host}|${skip}|${tlsStamp}` });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name));
}
