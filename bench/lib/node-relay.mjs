// The cheapest Node process that can sit between a terminal and the engine: one exec session,
// bytes copied both ways between a TCP client and the engine's hijacked connection. No WebSocket,
// no framing, no Dockside code. Figure 5 times it to show what Node itself adds on this machine.
// Usage: node node-relay.mjs <engine socket> <container>   (prints the port it listens on)
import http from 'node:http';
import net from 'node:net';

const [socketPath, container] = process.argv.slice(2);

function engine(path, body, upgrade) {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', ...(upgrade ? { Connection: 'Upgrade', Upgrade: 'tcp' } : {}) };
    const req = http.request({ socketPath, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${path}: ${res.statusCode} ${text}`))));
    });
    req.on('upgrade', (_res, sock, head) => {
      if (head.length) sock.unshift(head);
      resolve(sock);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const { Id } = await engine(`/containers/${container}/exec`, {
  AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Cmd: ['sh'], ConsoleSize: [50, 200],
});
const tty = await engine(`/exec/${Id}/start`, { Detach: false, Tty: true }, true);
const server = net.createServer((client) => {
  client.setNoDelay(true);
  client.on('data', (d) => tty.write(d));
  tty.on('data', (d) => client.write(d));
  const end = () => {
    tty.destroy();
    server.close();
  };
  client.on('close', end);
  client.on('error', end);
  tty.on('error', end);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
