import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

/**
 * TLS material made with openssl the way `dockerd --tlsverify` setups are (a CA, a server
 * certificate for 127.0.0.1 and localhost, a client certificate for clientAuth), and a private
 * dockerd started with `--tlsverify` on a free loopback port with that material (scripts/sandbox.sh,
 * DOCKSIDE_SANDBOX_TLS_*), beside its own unix socket.
 */
export interface TlsMaterial {
  dir: string;
  ca: string;
  cert: string;
  key: string;
  serverCert: string;
  serverKey: string;
  /** Another CA, which signed nothing here: a context trusting it must refuse the engine. */
  otherCa: string;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTlsMaterial(dir: string): TlsMaterial {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'ext.cnf'),
    '[server]\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n[client]\nextendedKeyUsage=clientAuth\n',
  );
  openssl(dir, 'req', '-x509', ...EC, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=dockside-test-ca');
  openssl(dir, 'req', '-x509', ...EC, '-keyout', 'other-ca-key.pem', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=dockside-other-ca');
  for (const [who, cn] of [
    ['server', '127.0.0.1'],
    ['client', 'dockside-client'],
  ] as const) {
    openssl(dir, 'req', ...EC, '-keyout', `${who}-key.pem`, '-out', `${who}.csr`, '-subj', `/CN=${cn}`);
    openssl(dir, 'x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${who}.pem`, '-days', '2', '-extfile', 'ext.cnf', '-extensions', who);
  }
  const p = (f: string) => path.join(dir, f);
  return { dir, ca: p('ca.pem'), cert: p('client.pem'), key: p('client-key.pem'), serverCert: p('server.pem'), serverKey: p('server-key.pem'), otherCa: p('other-ca.pem') };
}

const sandboxScript = path.resolve(import.meta.dirname, '../../scripts/sandbox.sh');

export interface TlsDockerd {
  /** The sandbox directory (socket, data, pid, dockerd.log); the TLS material is in `pki/` under it. */
  dir: string;
  m: TlsMaterial;
  port: number;
  /** `tcp://127.0.0.1:<port>`: TLS, client certificate required. */
  tcpHost: string;
  /** The same engine's unix socket (no TLS), for setting up and as the raw baseline. */
  unixHost: string;
  socketPath: string;
  /** The docker CLI over TLS, verifying the engine against the CA and presenting the client certificate. */
  tlsArgs: string[];
  docker(...args: string[]): string;
  dockerAsync(...args: string[]): Promise<string>;
  /** Stops dockerd (by the PID sandbox.sh recorded); `purge` also removes its directory. */
  stop(opts?: { purge?: boolean }): Promise<void>;
}

function sandbox(dir: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', [sandboxScript, ...args], { env: { ...process.env, DOCKSIDE_SANDBOX_DIR: dir, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sandbox.sh ${args.join(' ')} failed (${code}):\n${err}`))));
  });
}

/**
 * A private `dockerd --tlsverify --tlscacert --tlscert --tlskey -H tcp://127.0.0.1:<free port>` (plus
 * its unix socket) under `dir`, with fresh certificates. An engine already running there (a run that
 * was cut short) is stopped first: its certificates are not these.
 */
export async function startTlsDockerd(dir: string): Promise<TlsDockerd> {
  await sandbox(dir, ['stop']);
  const m = makeTlsMaterial(path.join(dir, 'pki'));
  const port = await freePort();
  await sandbox(dir, ['start'], {
    DOCKSIDE_SANDBOX_TLS_PORT: String(port),
    DOCKSIDE_SANDBOX_TLS_CA: m.ca,
    DOCKSIDE_SANDBOX_TLS_CERT: m.serverCert,
    DOCKSIDE_SANDBOX_TLS_KEY: m.serverKey,
  });
  const tcpHost = `tcp://127.0.0.1:${port}`;
  const tlsArgs = ['-H', tcpHost, '--tlsverify', '--tlscacert', m.ca, '--tlscert', m.cert, '--tlskey', m.key];
  // Settings meant for another engine must not reach the CLI that checks this one.
  const env = { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '' };
  return {
    dir,
    m,
    port,
    tcpHost,
    socketPath: path.join(dir, 'docker.sock'),
    unixHost: `unix://${path.join(dir, 'docker.sock')}`,
    tlsArgs,
    docker: (...args) => execFileSync('docker', [...tlsArgs, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
    dockerAsync: async (...args) => (await promisify(execFile)('docker', [...tlsArgs, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim(),
    stop: (opts = {}) => sandbox(dir, opts.purge ? ['stop', '--purge'] : ['stop']),
  };
}
