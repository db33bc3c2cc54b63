import { spawn } from 'node:child_process';
import http from 'node:http';
import { Duplex } from 'node:stream';

/**
 * An engine over SSH the way the docker CLI reaches one: the system `ssh` runs
 * `docker system dial-stdio` on the remote host and the Engine API is spoken over its stdin/stdout.
 * So `~/.ssh/config`, `known_hosts`, agent keys and ControlMaster sharing all apply as they do for
 * the CLI, host-key checking stays on (BatchMode: an unknown or changed key is refused, never
 * accepted), and a kept-alive HTTP connection (one ssh process) serves many calls in turn.
 * DOCKSIDE_SSH_CONFIG names another ssh client config file (`ssh -F`).
 */
export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
}

/** `ssh://[user@]host[:port]` → its parts; throws on anything else (a path, a query). */
export function parseSshHost(host: string): SshTarget {
  const url = new URL(host);
  if (url.protocol !== 'ssh:' || !url.hostname || (url.pathname && url.pathname !== '/') || url.search || url.hash || url.password) {
    throw new Error(`An SSH engine address is ssh://[user@]host[:port] (got "${host}").`);
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
  };
}

export function sshArgs(t: SshTarget, env: Record<string, string | undefined> = process.env): string[] {
  return [
    ...(env.DOCKSIDE_SSH_CONFIG ? ['-F', env.DOCKSIDE_SSH_CONFIG] : []),
    // No prompt can be answered here: a missing key or an unknown host key fails at once.
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=30',
    '-T',
    ...(t.user ? ['-l', t.user] : []),
    ...(t.port ? ['-p', String(t.port)] : []),
    '--',
    t.host,
    'docker',
    'system',
    'dial-stdio',
  ];
}

/** What ssh said when it gave up, as an error the engine layer turns into `engine_unreachable`. */
export class SshError extends Error {
  readonly code = 'ESSH';
}

function describeSshExit(stderr: string, code: number | null): string {
  const said = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Warning: Permanently added'))
    .join(' ')
    .slice(0, 500);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/i.test(said)) {
    return `ssh refused the host key (it is unknown or has changed; check known_hosts): ${said}`;
  }
  if (/Permission denied/i.test(said)) return `ssh could not log in: ${said}`;
  return said ? `ssh said: ${said}` : `ssh exited with code ${code}`;
}

/** One ssh process as a socket for Node's HTTP client. */
function sshSocket(args: string[]): Duplex {
  const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let received = false;
  const socket = new Duplex({
    read: () => void child.stdout.resume(),
    write: (chunk: Buffer, _enc, cb) => void child.stdin.write(chunk, cb),
    final: (cb) => {
      child.stdin.end();
      cb();
    },
    destroy: (err, cb) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      cb(err);
    },
  });
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 8192) stderr += d.toString('utf8');
  });
  child.stdout.on('data', (d: Buffer) => {
    received = true;
    if (!socket.push(d)) child.stdout.pause();
  });
  child.stdin.on('error', () => undefined); // The exit below says why.
  child.on('error', (err) => socket.destroy(new SshError(`Cannot run ssh: ${err.message}`)));
  // Once ssh has exited and its output is all read: before any answer, a failed ssh is why the
  // request failed (said before the HTTP client sees the connection end); after one, it just ended.
  child.on('close', (code) => {
    if (code !== 0 && !received) socket.destroy(new SshError(describeSshExit(stderr, code)));
    else socket.push(null);
  });
  // What Node's HTTP agent and client call on a socket; a pipe has nothing to tune.
  const asSocket = socket as Duplex & Record<string, unknown>;
  asSocket.setKeepAlive = () => socket;
  asSocket.setNoDelay = () => socket;
  asSocket.setTimeout = (_ms: number, cb?: () => void) => {
    if (cb) socket.once('timeout', cb);
    return socket;
  };
  asSocket.ref = () => {
    child.ref();
    return socket;
  };
  asSocket.unref = () => {
    child.unref();
    return socket;
  };
  return socket;
}

/** An HTTP agent whose connections are ssh processes running `docker system dial-stdio`. */
export function sshAgent(t: SshTarget, opts: { keepAlive: boolean }): http.Agent {
  const agent = new http.Agent({ keepAlive: opts.keepAlive, maxSockets: 16 });
  const args = sshArgs(t);
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => sshSocket(args);
  return agent;
}
