import { engineNameSchema, type AddedEngineView, type EngineSource } from './engines';
import { z } from './z';

/**
 * Engines added in Dockside (the /engines page): where each one is and how to reach it safely.
 * Shared by the form (validation as the user types) and the server (validation before anything is
 * stored or dialled). TLS keys travel browser → server once and never back: what the browser is
 * told is `addedEngineViewSchema` (booleans for the PEM parts).
 */

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Loopback: `localhost`, `::1`, `127.x.y.z`. Plain TCP is allowed there only (nobody else is on the path). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Where an engine comes from, in words: name clashes (409) and read-only engines on /engines say it. */
export const ENGINE_NAME_OWNERS: Record<EngineSource, string> = {
  default: 'the default engine (DOCKER_HOST, the current docker context or the default socket)',
  env: 'an engine from DOCKSIDE_ENGINES (the server\'s environment)',
  context: 'one of your docker contexts (docker context ls)',
  registered: 'an engine the server registered itself',
  added: 'an engine added in Dockside',
};

/** The words of the box a person ticks to reach another machine over plain TCP; stored with the engine. */
export const INSECURE_TCP_RISK = 'I accept that anyone on the network path between Dockside and this engine can take root on its host.';

/** What a warning on a plain-TCP engine says (card, switcher, list). */
export function plainTcpWarning(host: string): string {
  return isLoopbackHost(host)
    ? 'Plain TCP without TLS: every program and user on this machine can drive this engine (root on its host).'
    : 'Plain TCP without TLS to another machine: anyone on the network path can take root on its host.';
}

// A DNS name or an IPv4 address, or an IPv6 address in brackets; never starting with "-" (an ssh option).
const HOST = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,62})(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,62}))*\.?|\[[0-9a-fA-F:.]+\])`;
const PORT = String.raw`(?:[1-9]\d{0,4})`;
const USER = String.raw`[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,63}`;
const UNIX_RE = /^unix:\/\/(\/[^\0\n\r]{1,1023})$/;
const TCP_RE = new RegExp(`^tcp://(${HOST}):(${PORT})$`);
const SSH_RE = new RegExp(`^ssh://(?:(${USER})@)?(${HOST})(?::(${PORT}))?$`);

export type ParsedEngineAddress =
  | { transport: 'unix'; path: string }
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'ssh'; user?: string; host: string; port?: number };

const unbracket = (h: string) => h.replace(/^\[|\]$/g, '');

/** `unix:///path`, `tcp://host:port` or `ssh://[user@]host[:port]` → its parts; null for anything else. */
export function parseEngineAddress(address: string): ParsedEngineAddress | null {
  const unix = UNIX_RE.exec(address);
  if (unix) return { transport: 'unix', path: unix[1]! };
  const tcp = TCP_RE.exec(address);
  if (tcp) {
    const port = Number(tcp[2]);
    return port <= 65535 ? { transport: 'tcp', host: unbracket(tcp[1]!), port } : null;
  }
  const ssh = SSH_RE.exec(address);
  if (ssh) {
    const port = ssh[3] ? Number(ssh[3]) : undefined;
    if (port !== undefined && port > 65535) return null;
    return { transport: 'ssh', ...(ssh[1] ? { user: ssh[1] } : {}), host: unbracket(ssh[2]!), ...(port ? { port } : {}) };
  }
  return null;
}

export const engineAddressSchema = z
  .string()
  .trim()
  .max(1100)
  .refine((a) => parseEngineAddress(a) !== null, 'An engine address is unix:///path/to/docker.sock, tcp://host:port or ssh://user@host[:port].');

/** One PEM block (or a chain): what `docker context` and dockerd's --tlscacert/--tlscert/--tlskey take. */
const pemSchema = (what: string) =>
  z
    .string()
    .max(64 * 1024, `The ${what} is over 64 KiB: paste the PEM text only.`)
    .refine((s) => /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/.test(s), `The ${what} is not PEM text (-----BEGIN … -----END …).`);

/** TLS for a `tcp://` engine: the engine's certificate is always verified (against `ca`, else the system's CAs). */
export const engineTlsInputSchema = z.object({
  ca: pemSchema('CA certificate').optional(),
  cert: pemSchema('client certificate').optional(),
  key: pemSchema('client key').optional(),
});

const addedEngineFields = {
  name: engineNameSchema,
  address: engineAddressSchema,
  /** Present: TLS (tcp only). Absent on add: plain TCP. */
  tls: engineTlsInputSchema.optional(),
  /** Plain TCP to another machine: the person ticked INSECURE_TCP_RISK for this engine. */
  acceptInsecure: z.boolean().optional(),
  /** Store it even though it did not answer now (it shows as down). */
  saveAnyway: z.boolean().optional(),
};

/** Rules that need more than one field; the server applies them again with what it has stored. */
function checkTransport(v: { address: string; tls?: unknown; acceptInsecure?: boolean }, ctx: z.RefinementCtx, tlsMeansKept = false): void {
  const parsed = parseEngineAddress(v.address);
  if (!parsed) return;
  if (parsed.transport !== 'tcp' && v.tls) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'TLS settings are for tcp:// engines only.' });
  if (parsed.transport === 'tcp' && !v.tls && !tlsMeansKept && !isLoopbackHost(parsed.host) && v.acceptInsecure !== true) {
    ctx.addIssue({
      code: 'custom',
      path: ['acceptInsecure'],
      message: `Plain TCP (no TLS) to ${parsed.host} is refused: anyone on the network path could drive that engine and take root on its host. Use TLS, SSH, or tick "${INSECURE_TCP_RISK}"`,
    });
  }
}

/** POST /api/engines. */
export const addEngineRequestSchema = z.object(addedEngineFields).superRefine((v, ctx) => {
  checkTransport(v, ctx);
  if (v.tls && Boolean(v.tls.cert) !== Boolean(v.tls.key)) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'A client certificate and its key go together: give both or neither.' });
});
export type AddEngineRequest = z.infer<typeof addEngineRequestSchema>;

/**
 * PUT /api/engines/<name>: the whole engine again, except that a TLS part left out keeps what is
 * stored (the browser never had the key to send back), `null` removes it, and `tls: null` turns TLS
 * off. Renaming is remove + add.
 */
export const editEngineRequestSchema = z
  .object({
    address: engineAddressSchema,
    tls: z
      .object({ ca: pemSchema('CA certificate').nullable().optional(), cert: pemSchema('client certificate').nullable().optional(), key: pemSchema('client key').nullable().optional() })
      .nullable()
      .optional(),
    acceptInsecure: z.boolean().optional(),
    saveAnyway: z.boolean().optional(),
  })
  .superRefine((v, ctx) => checkTransport({ ...v, tls: v.tls ?? undefined }, ctx, v.tls === undefined));
export type EditEngineRequest = z.infer<typeof editEngineRequestSchema>;

/** `POST`/`PUT` answer: what was stored, and whether the engine answered when it was checked. */
export interface SavedEngine {
  name: string;
  view: AddedEngineView;
  answered: boolean;
  /** Why it did not answer (stored anyway). */
  error?: string;
  product?: string;
  version?: string;
}
