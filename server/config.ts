import { parseArgs } from 'node:util';
import { isLoopbackHost } from '../lib/protocol/engine-address';

export interface ServerConfig {
  host: string;
  port: number;
  dev: boolean;
  readOnly: boolean;
  auth: boolean;
  newToken: boolean;
  /** Extra Host names (with port) people may reach Dockside by, beyond the bind address. */
  allowedHosts: string[];
  /** `auto`: start the sandbox engine when no engine answers; `never`: just report it. */
  sandbox: 'auto' | 'never' | 'always';
  configDir: string;
  tlsCert?: string;
  tlsKey?: string;
}

/** Loopback as Dockside binds it (the same rule as for engines); the Host allow-list (security/host-origin.ts) is stricter still. */
export { isLoopbackHost };

export class ConfigError extends Error {}

/** `$XDG_CONFIG_HOME/dockside`, else `~/.config/dockside`: the token, password hash and audit log live here. */
export const defaultConfigDir = (env: Record<string, string | undefined>) => `${env.XDG_CONFIG_HOME ?? `${env.HOME ?? '.'}/.config`}/dockside`;

/** Flags win over environment variables; both are checked once, here. */
export function parseConfig(argv: string[], env: Record<string, string | undefined> = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      dev: { type: 'boolean', default: false },
      'read-only': { type: 'boolean', default: false },
      'no-auth': { type: 'boolean', default: false },
      'new-token': { type: 'boolean', default: false },
      'allowed-host': { type: 'string', multiple: true },
      sandbox: { type: 'string' },
      'config-dir': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    strict: true,
  });

  const host = values.host ?? env.DOCKSIDE_HOST ?? '127.0.0.1';
  const portText = values.port ?? env.DOCKSIDE_PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be 0–65535 (got "${portText}").`);

  const sandbox = (values.sandbox ?? env.DOCKSIDE_SANDBOX ?? 'auto') as ServerConfig['sandbox'];
  if (!['auto', 'never', 'always'].includes(sandbox)) throw new ConfigError('--sandbox must be auto, never or always.');

  const auth = !(values['no-auth'] || env.DOCKSIDE_NO_AUTH === '1');
  if (!auth && !isLoopbackHost(host)) {
    throw new ConfigError(
      `Refusing to listen on ${host} without authentication: anyone who can reach it could run any container as root. ` +
        'Drop --no-auth, or bind to 127.0.0.1.',
    );
  }
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new ConfigError('--tls-cert and --tls-key go together.');

  return {
    host,
    port,
    dev: values.dev,
    readOnly: values['read-only'] || env.DOCKSIDE_READ_ONLY === '1',
    auth,
    newToken: values['new-token'],
    allowedHosts: [...(values['allowed-host'] ?? []), ...(env.DOCKSIDE_ALLOWED_HOSTS?.split(',').filter(Boolean) ?? [])].map((h) =>
      h.toLowerCase(),
    ),
    sandbox,
    configDir: values['config-dir'] ?? env.DOCKSIDE_CONFIG_DIR ?? defaultConfigDir(env),
    ...(values['tls-cert'] ? { tlsCert: values['tls-cert'], tlsKey: values['tls-key'] } : {}),
  };
}
