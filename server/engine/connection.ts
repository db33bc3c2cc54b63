import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { DockerOptions } from 'dockerode';
import { isLoopbackHost, plainTcpWarning } from '../../lib/protocol/engine-address';
import { parseSshHost, sshAgent } from './ssh';

export interface EngineEndpoint {
  /** Shown to people: which endpoint we tried. */
  label: string;
  options: DockerOptions;
  /** Engines reached through a program (SSH): the HTTP agent that makes each connection. */
  agent?: (opts: { keepAlive: boolean }) => http.Agent;
  /** Said wherever the engine is shown: plain TCP without TLS (`plainTcpWarning`). */
  warning?: string;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Where the engine is, the way the docker CLI decides it: DOCKER_HOST (unix:// or tcp://,
 * with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH for TLS), else the default socket.
 */
export function resolveEngineEndpoint(env: Record<string, string | undefined> = process.env): EngineEndpoint {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return { label: `unix://${DEFAULT_SOCKET}`, options: { socketPath: DEFAULT_SOCKET } };
  const endpoint = parseEngineHost(host, env);
  // The same rule as contexts, DOCKSIDE_ENGINES and engines added in Dockside: plain TCP to another
  // machine hands root on it to anyone on the network path, so it takes an explicit yes.
  const plainHost = endpoint.options.protocol === 'http' && !endpoint.agent ? String(endpoint.options.host ?? '') : null;
  if (plainHost && !isLoopbackHost(plainHost.replace(/^\[|\]$/g, '')) && env[ACCEPT_PLAIN_DOCKER_HOST_ENV] !== '1') {
    throw new Error(
      `DOCKER_HOST=${host} is plain TCP (no TLS) to another machine: anyone on the network path could drive that engine as root. ` +
        `Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or ${ACCEPT_PLAIN_DOCKER_HOST_ENV}=1 to accept the risk.`,
    );
  }
  return endpoint;
}

/** Set to `1` to accept plain TCP (no TLS) to another machine in DOCKER_HOST. */
export const ACCEPT_PLAIN_DOCKER_HOST_ENV = 'DOCKSIDE_ACCEPT_PLAIN_DOCKER_HOST';

/**
 * One engine address (`unix:///path`, `tcp://host[:port]` or `ssh://[user@]host[:port]`). TLS comes from DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH in `env`, as the CLI reads them for DOCKER_HOST; pass `{}` for plain addresses.
 */
export function parseEngineHost(host: string, env: Record<string, string | undefined> = {}): EngineEndpoint {

  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length) || DEFAULT_SOCKET;
    return { label: `unix://${socketPath}`, options: { socketPath } };
  }

  if (host.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    const tls = Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0');
    const port = Number(url.port || (tls ? 2376 : 2375));
    const options: DockerOptions = { host: url.hostname, port, protocol: tls ? 'https' : 'http' };
    if (tls) {
      const certDir = env.DOCKER_CERT_PATH || path.join(env.HOME ?? '', '.docker');
      options.ca = fs.readFileSync(path.join(certDir, 'ca.pem'));
      options.cert = fs.readFileSync(path.join(certDir, 'cert.pem'));
      options.key = fs.readFileSync(path.join(certDir, 'key.pem'));
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    return { label: `tcp://${url.hostname}:${port}${tls ? ' (TLS)' : ''}`, options, ...(tls ? {} : { warning: plainTcpWarning(hostname) }) };
  }

  if (host.startsWith('ssh://')) {
    const target = parseSshHost(host);
    const label = `ssh://${target.user ? `${target.user}@` : ''}${target.host.includes(':') ? `[${target.host}]` : target.host}${target.port ? `:${target.port}` : ''}`;
    // The host name only fills the Host header: the agent's ssh process is the connection.
    return { label, options: { protocol: 'http', host: 'docker', port: 80 }, agent: (opts) => sshAgent(target, opts) };
  }

  throw new Error(`An engine address must start with unix://, tcp:// or ssh:// (got "${host}").`);
}
