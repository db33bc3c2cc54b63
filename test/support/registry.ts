import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real registry for tests: Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 and a spare
 * port, with its own storage directory, deletion enabled, and optionally htpasswd auth (bcrypt, from
 * apache2-utils). Started and stopped by PID, like the sandbox engine. The engine may talk plain
 * HTTP to it: dockerd treats 127.0.0.0/8 as an insecure registry range by default.
 *
 * With `tokenAuth`, the registry is configured for token auth (`auth: token: {realm, service,
 * issuer, rootcertbundle}`, as Docker Hub and most hosted registries work) and a small token
 * issuer runs beside it (startTokenIssuer): it checks Basic credentials and answers with a JWT
 * signed (ES256) by a key made with openssl, whose self-signed certificate is the registry's
 * rootcertbundle and rides in the token's `x5c` header.
 */
export interface TokenIssuer {
  url: string;
  /** Token requests seen: `user scope…` (never a password), to check who asked for what. */
  requests: string[];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * A token service as distribution's token auth spec describes it (`GET realm?service=&scope=…`
 * with Basic credentials): grants every action asked for to the one user, refuses anyone else.
 */
export async function startTokenIssuer(opts: { dir: string; service: string; issuer: string; username: string; password: string }): Promise<TokenIssuer & { certFile: string }> {
  const keyFile = path.join(opts.dir, 'token-key.pem');
  const certFile = path.join(opts.dir, 'token-cert.pem');
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=dockside-test-token-issuer'], { stdio: 'ignore' });
  fs.chmodSync(keyFile, 0o600);
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
  const certDer = new crypto.X509Certificate(fs.readFileSync(certFile)).raw;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [user, ...rest] = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8').split(':') : [];
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    requests.push(`${user ?? '(anonymous)'} ${scopes.join(' ')}`);
    if (url.pathname !== '/token' || user !== opts.username || rest.join(':') !== opts.password) {
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="dockside-test-token"' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    // `repository:team/app:pull,push` → {type, name, actions}; names may hold colons (a port), so split from both ends.
    const access = scopes.map((s) => {
      const first = s.indexOf(':');
      const last = s.lastIndexOf(':');
      return { type: s.slice(0, first), name: s.slice(first + 1, last), actions: s.slice(last + 1).split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer.toString('base64')] };
    const claims = { iss: opts.issuer, sub: user, aud: opts.service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomBytes(8).toString('hex'), access };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
    const token = `${signingInput}.${b64url(signature)}`;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    certFile,
    requests,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface TestRegistry {
  /** `127.0.0.1:<port>`, as image references and `docker login` name it. */
  address: string;
  port: number;
  url: string;
  dir: string;
  proc: ChildProcess;
  auth?: { username: string; password: string };
  /** The token issuer beside a token-auth registry. */
  issuer?: TokenIssuer;
  output(): string;
  stop(): Promise<void>;
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startRegistry(opts: { auth?: { username: string; password: string }; tokenAuth?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-registry-'));
  const port = await sparePort();
  const auth = opts.auth;
  const service = 'dockside-test-registry';
  const issuerName = 'dockside-test-issuer';
  const issuer = opts.tokenAuth ? await startTokenIssuer({ dir, service, issuer: issuerName, ...opts.tokenAuth }) : undefined;
  if (auth) {
    const line = execFileSync('htpasswd', ['-Bbn', auth.username, auth.password], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'htpasswd'), line, { mode: 0o600 });
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(auth ? ['auth:', '  htpasswd:', '    realm: dockside-test', `    path: ${path.join(dir, 'htpasswd')}`] : []),
    ...(issuer ? ['auth:', '  token:', `    realm: ${issuer.url}/token`, `    service: ${service}`, `    issuer: ${issuerName}`, `    rootcertbundle: ${issuer.certFile}`] : []),
    '',
  ].join('\n');
  const configFile = path.join(dir, 'config.yml');
  fs.writeFileSync(configFile, config);
  let out = '';
  const proc = spawn('/usr/bin/docker-registry', ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) {
      await issuer?.stop();
      throw new Error(`docker-registry exited with ${proc.exitCode}:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      await issuer?.stop();
      throw new Error(`docker-registry did not answer on ${url}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `127.0.0.1:${port}`,
    port,
    url,
    dir,
    proc,
    ...(auth ? { auth } : opts.tokenAuth ? { auth: opts.tokenAuth } : {}),
    ...(issuer ? { issuer } : {}),
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.pid) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      await issuer?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
