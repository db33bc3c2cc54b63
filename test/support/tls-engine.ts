import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

/**
 * TLS material made with openssl the way `dockerd --tlsverify` setups are (a CA, a server
 * certificate for 127.0.0.1, a client certificate), and a TLS endpoint that demands a client
 * certificate signed by that CA and passes the connection on to a real engine's unix socket.
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

/** A TLS endpoint on 127.0.0.1 in front of `socketPath`, verifying client certificates against the CA. */
export async function startTlsEngine(m: TlsMaterial, socketPath: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(
    { ca: fs.readFileSync(m.ca), cert: fs.readFileSync(m.serverCert), key: fs.readFileSync(m.serverKey), requestCert: true, rejectUnauthorized: true },
    (client) => {
      const engine = net.connect(socketPath);
      sockets.add(client).add(engine);
      const drop = () => {
        client.destroy();
        engine.destroy();
        sockets.delete(client);
        sockets.delete(engine);
      };
      client.on('error', drop).on('close', drop);
      engine.on('error', drop).on('close', drop);
      client.pipe(engine).pipe(client);
    },
  );
  server.on('tlsClientError', () => undefined); // A refused client is what some tests want.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      server.close(); // No new connections; the open ones are ended here rather than waited for.
      for (const s of sockets) s.destroy();
    },
  };
}
