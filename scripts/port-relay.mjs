// Half of the bridge between a browser in its own network namespace and servers on the host's
// loopback (scripts/isolated-chromium.sh starts one half on each side). A unix socket is a file, so it
// is reachable from both namespaces; nothing else connects them (no interface, route or address).
//
//   node port-relay.mjs host <dir> <watch-pid> <port>...   each <dir>/<port>.sock → 127.0.0.1:<port>
//   node port-relay.mjs ns   <dir> <watch-pid> <port>...   127.0.0.1:<port> and [::1]:<port> → <dir>/<port>.sock
//
// Each half writes <dir>/<side>.ready once it listens, and exits when <watch-pid> (the browser) is
// gone, so nothing outlives the browser even if it is killed with SIGKILL.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [side, dir, watchPid, ...ports] = process.argv.slice(2);
if ((side !== 'host' && side !== 'ns') || !dir || !watchPid || ports.length === 0 || ports.some((p) => !/^\d+$/.test(p))) {
  console.error('usage: port-relay.mjs host|ns <dir> <watch-pid> <port>...');
  process.exit(2);
}
const targetHost = process.env.DOCKSIDE_BROWSER_TARGET_HOST || '127.0.0.1';

function pipe(a, b) {
  a.pipe(b);
  b.pipe(a);
  const end = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', end).on('close', end);
  b.on('error', end).on('close', end);
}

function listen(server, ...where) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(...where, () => resolve(server));
  });
}

const servers = [];
for (const port of ports) {
  const sock = path.join(dir, `${port}.sock`);
  if (side === 'host') {
    const s = net.createServer((c) => pipe(c, net.connect(Number(port), targetHost)));
    servers.push(await listen(s, sock));
  } else {
    const onConn = (c) => pipe(c, net.connect(sock));
    servers.push(await listen(net.createServer(onConn), Number(port), '127.0.0.1'));
    // Chromium may try ::1 for "localhost" first; the namespace's loopback has both.
    try {
      servers.push(await listen(net.createServer(onConn), Number(port), '::1'));
    } catch {
      // IPv6 disabled: 127.0.0.1 alone serves "localhost".
    }
  }
}
fs.writeFileSync(path.join(dir, `${side}.ready`), String(process.pid));

setInterval(() => {
  try {
    process.kill(Number(watchPid), 0);
  } catch {
    for (const s of servers) s.close();
    if (side === 'host') fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
}, 250);
