"""Keystroke -> echo round trips of `sh` in a container, one driver for every path being compared.

Usage:
  exec_echo.py cli <container> <count> <gap_ms>                      docker exec -it in a local pty
  exec_echo.py dockside <host:port> <token> <container> <count> <gap_ms>   Dockside's WebSocket exec channel
  exec_echo.py engine <socket> <container> <count> <gap_ms>          the engine's exec API, no process between
  exec_echo.py tcp <host:port> <count> <gap_ms>                      raw bytes over TCP (bench/lib/node-relay.mjs)

Prints one JSON list of round-trip times in ms. The same loop, pacing and clock time all three, so
only the path differs. Every terminal is 200x50, so the shell's line editor behaves the same way.
"""
import base64
import fcntl
import json
import os
import pty
import re
import select
import socket
import struct
import sys
import termios
import time

COLS, ROWS = 200, 50
KEYS = b"abcdefghijklmnopqrstuvwxyz"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
CHANNEL = 1


def at_prompt(buf):
    return ANSI.sub(b"", buf).rstrip().endswith((b"#", b"$"))


class Pty:
    """`docker exec -it <container> sh` on a local pty, as a person's terminal runs it."""

    def __init__(self, container):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvp("docker", ["docker", "exec", "-it", container, "sh"])

    def fileno(self):
        return self.fd

    def send(self, data):
        os.write(self.fd, data)

    def recv(self):
        return os.read(self.fd, 65536)

    def close(self):
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class Engine:
    """The engine's own exec API on its unix socket: what both other paths pay at least."""

    def __init__(self, sock_path, container):
        self.sock_path = sock_path
        created = self._call("POST", f"/containers/{container}/exec", {
            "AttachStdin": True, "AttachStdout": True, "AttachStderr": True, "Tty": True,
            "Cmd": ["sh"], "ConsoleSize": [ROWS, COLS],
        })
        self.s = self._connect()
        body = json.dumps({"Detach": False, "Tty": True}).encode()
        self.s.sendall(
            f"POST /exec/{created['Id']}/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
            f"Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
        )
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(4096)
        self.pending = head.split(b"\r\n\r\n", 1)[1]

    def _connect(self):
        s = socket.socket(socket.AF_UNIX)
        s.connect(self.sock_path)
        return s

    def _call(self, method, path, body):
        s = self._connect()
        data = json.dumps(body).encode()
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                  f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
        raw = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            raw += chunk
        s.close()
        text = raw.split(b"\r\n\r\n", 1)[1]
        return json.loads(text[text.index(b"{"):text.rindex(b"}") + 1])

    def fileno(self):
        return self.s.fileno()

    def send(self, data):
        self.s.sendall(data)

    def recv(self):
        if self.pending:
            out, self.pending = self.pending, b""
            return out
        return self.s.recv(65536)

    def close(self):
        self.s.close()


class Tcp:
    """A plain TCP byte stream to a terminal (the bare Node relay)."""

    def __init__(self, hostport):
        host, port = hostport.rsplit(":", 1)
        self.s = socket.create_connection((host, int(port)))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def fileno(self):
        return self.s.fileno()

    def send(self, data):
        self.s.sendall(data)

    def recv(self):
        return self.s.recv(65536)

    def close(self):
        self.s.close()


class Dockside:
    """Dockside's `/ws` exec channel: a minimal RFC 6455 client (masked frames, binary payloads)."""

    def __init__(self, hostport, token, container):
        host, port = hostport.rsplit(":", 1)
        self.s = socket.create_connection((host, int(port)))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET /ws HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                        f"Authorization: Bearer {token}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(4096)
        status, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in status.split(b"\r\n")[0]:
            raise RuntimeError(f"upgrade refused: {status[:200]!r}")
        self._frame(0x1, json.dumps({"op": "open", "ch": CHANNEL, "kind": "exec",
                                     "params": {"container": container, "cmd": ["sh"], "cols": COLS, "rows": ROWS}}).encode())

    def _frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def fileno(self):
        return self.s.fileno()

    def send(self, data):
        self._frame(0x2, struct.pack(">I", CHANNEL) + data)

    def recv(self):
        """The terminal bytes of every whole binary frame received so far (control frames skipped)."""
        self.buf += self.s.recv(65536)
        out = b""
        while len(self.buf) >= 2:
            n, off = self.buf[1] & 0x7F, 2
            if n == 126:
                n, off = struct.unpack(">H", self.buf[2:4])[0], 4
            elif n == 127:
                n, off = struct.unpack(">Q", self.buf[2:10])[0], 10
            if len(self.buf) < off + n:
                break
            opcode, payload, self.buf = self.buf[0] & 0x0F, self.buf[off:off + n], self.buf[off + n:]
            if opcode == 0x2:
                out += payload[4:]
            elif opcode == 0x1 and b'"error"' in payload:
                raise RuntimeError(payload.decode())
        return out

    def close(self):
        self.s.close()


def read_until(term, pred, timeout):
    buf = b""
    deadline = time.monotonic() + timeout
    while not pred(buf):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no match in {buf[-200:]!r}")
        if select.select([term], [], [], left)[0]:
            buf += term.recv()
    return buf


def drain_quiet(term, quiet):
    while select.select([term], [], [], quiet)[0]:
        term.recv()


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "cli":
        term, (count, gap) = Pty(args[0]), args[1:]
    elif mode == "engine":
        term, (count, gap) = Engine(args[0], args[1]), args[2:]
    elif mode == "tcp":
        term, (count, gap) = Tcp(args[0]), args[1:]
    elif mode == "dockside":
        term, (count, gap) = Dockside(args[0], args[1], args[2]), args[3:]
    else:
        raise SystemExit(f"unknown mode {mode}")
    count, gap = int(count), float(gap) / 1000
    read_until(term, at_prompt, 20)
    drain_quiet(term, 0.3)
    times = []
    for i in range(count):
        key = KEYS[i % len(KEYS): i % len(KEYS) + 1]
        t0 = time.perf_counter()
        term.send(key)
        read_until(term, lambda b: key in b, 10)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(gap)
        if i % 50 == 49:
            term.send(b"\x15")  # ^U: clear the line, untimed
            drain_quiet(term, 0.1)
    term.send(b"\x15exit\r")
    try:
        read_until(term, lambda b: False, 2)
    except (TimeoutError, OSError, RuntimeError):
        pass
    term.close()
    print(json.dumps(times))


if __name__ == "__main__":
    main()
