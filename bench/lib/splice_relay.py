"""The floor for any process between the engine and a client, for figure 9's export row.

One download at a time: `GET /<container>` from a TCP client is answered with the engine's own
answer to `GET /containers/<container>/export` (its head and chunked body as they are, the
connection closed at the end), moved by splice(2): unix socket -> pipe -> TCP socket, so no byte is
ever copied into this process. No parsing, no auth, no Node: what is left is the second hop itself
(a relay process scheduled beside the engine and the client, and loopback TCP), which Dockside pays
too and which the CLI, reading the engine's socket itself, does not.
Usage: python3 splice_relay.py <engine socket> <api version>   (prints the port it listens on)
"""
import os
import socket
import sys

engine_socket, version = sys.argv[1], sys.argv[2]
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(4)
print(server.getsockname()[1], flush=True)
while True:
    client, _ = server.accept()
    request_line = client.recv(65536).split(b'\r\n', 1)[0].decode('latin1')
    container = request_line.split(' ')[1].lstrip('/')
    engine = socket.socket(socket.AF_UNIX)
    engine.connect(engine_socket)
    # Connection: close, so that the engine ends the connection after its chunked answer.
    engine.sendall(f'GET /{version}/containers/{container}/export HTTP/1.1\r\nHost: engine\r\nConnection: close\r\n\r\n'.encode('latin1'))
    r, w = os.pipe()
    try:
        while True:
            n = os.splice(engine.fileno(), w, 1 << 20)
            if n == 0:
                break
            while n:
                n -= os.splice(r, client.fileno(), n)
    except OSError as e:
        print(f'splice_relay: {e}', file=sys.stderr, flush=True)
    finally:
        os.close(r)
        os.close(w)
        engine.close()
        client.close()
