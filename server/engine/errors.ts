import type { ApiError, ErrorCode } from '../../lib/protocol/errors';

// Shared across module copies (Next bundles route handlers apart from the custom server, and an
// engine built by one copy may throw to a caller in the other): `instanceof` checks this brand.
const BRAND = Symbol.for('dockside.EngineError');

/** An error with a code the UI can switch on and a message a person understands. */
export class EngineError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/** Which engine a failure came from, as messages name it. */
export interface EngineIdentity {
  name: string;
  /** Where it is, e.g. `unix:///var/run/docker.sock` or `tcp://10.0.0.2:2376 (TLS)`. */
  label: string;
  /** TLS engines: whether Dockside presents a client certificate (dockerd answers a missing one as a bad one). */
  clientCert?: boolean;
}

/** "engine `build-box` (tcp://build-box:2376 (TLS))": how every message names an engine. */
export function describeEngine(engine: EngineIdentity): string {
  return `engine \`${engine.name}\` (${engine.label})`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface DockerodeError {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

const unreachableCodes: Record<string, string> = {
  ENOENT: 'the socket does not exist',
  ECONNREFUSED: 'the connection was refused',
  EACCES: 'permission denied on the socket',
  ECONNRESET: 'the engine closed the connection',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EPIPE: 'the engine closed the connection',
};

/** TLS failures (Node's codes): the engine answered, but one side would not trust the other. */
const NOT_OUR_CA = "its TLS certificate is not signed by the CA Dockside was given for it (the context's or DOCKER_CERT_PATH's ca.pem)";
const NO_CLIENT_CERT = 'it requires a TLS client certificate and none was given (cert.pem and key.pem)';
const tlsCodes: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: NOT_OUR_CA,
  DEPTH_ZERO_SELF_SIGNED_CERT: NOT_OUR_CA,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: NOT_OUR_CA,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: NOT_OUR_CA,
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: NO_CLIENT_CERT,
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'it refused Dockside\'s TLS client certificate',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'it refused Dockside\'s TLS client certificate (signed by a CA it does not trust)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS there (plain TCP?)',
};

function reasonFor(code: string, err: DockerodeError, engine?: EngineIdentity): string | null {
  // ssh.ts puts what ssh said (host key refused, login failed) in the message.
  if (code === 'ESSH') return err.message ?? 'ssh failed';
  if (code in unreachableCodes) return unreachableCodes[code]!;
  // dockerd (Go's TLS) refuses a client that gave no certificate with "bad certificate", not TLS 1.3's
  // "certificate required": when Dockside had none to give, that is what the alert means.
  if (code === 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' && engine?.clientCert === false) return NO_CLIENT_CERT;
  if (code in tlsCodes) return tlsCodes[code]!;
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return 'the TLS handshake failed';
  return null;
}

export function describeUnreachable(err: unknown, engine?: EngineIdentity): string | null {
  const code = (err as DockerodeError | undefined)?.code;
  const reason = code ? reasonFor(code, err as DockerodeError, engine) : null;
  if (!reason) return null;
  const who = engine ? describeEngine(engine) : 'the Docker engine';
  return `Cannot reach ${who}: ${reason} (${code}).`;
}

/** The message for an engine that let a call's deadline pass. */
export function describeHung(engine: EngineIdentity, deadlineMs: number): string {
  return `${capitalised(describeEngine(engine))} did not answer within ${deadlineMs / 1000} s: it is hung or overloaded.`;
}

/** The engine's own message, without dockerode's "(HTTP code 404) no such container - " prefix. */
function engineMessage(err: DockerodeError): string {
  const raw = err.json?.message ?? err.message ?? 'Unknown engine error';
  return raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** Podman's wording for "the container is not in a state that allows this" (libpod's ErrCtrStateInvalid). */
const STATE_CONFLICT = /container state improper|container is not running|container is already paused/i;

/**
 * Maps anything dockerode throws to an EngineError with the right code. `engine` names the engine
 * in messages about reaching it (the engine's own answers already say what went wrong).
 */
export function toEngineError(err: unknown, what?: string, engine?: EngineIdentity): EngineError {
  if (err instanceof EngineError) return err;
  const unreachable = describeUnreachable(err, engine);
  if (unreachable) return new EngineError('engine_unreachable', unreachable);
  const e = (err ?? {}) as DockerodeError;
  const message = engineMessage(e);
  switch (e.statusCode) {
    case 304:
      return new EngineError('conflict', what ? `${what}: nothing to do (already in that state).` : 'Already in that state.');
    case 400:
      return new EngineError('bad_request', message);
    case 404:
      return new EngineError('not_found', message);
    case 409:
      return new EngineError('conflict', message);
    case undefined:
      return new EngineError('internal', message);
    default:
      // Podman answers a state conflict (exec in a stopped container, unpause of a running one)
      // with 500 and its own words; by meaning it is Docker's 409.
      if (STATE_CONFLICT.test(message)) return new EngineError('conflict', message);
      return new EngineError('engine_error', message);
  }
}
