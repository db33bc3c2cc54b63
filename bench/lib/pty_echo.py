"""Keystroke -> echo round trips of `docker exec -it <id> sh`, driven through a local pty.

Usage: pty_echo.py <container> <count> <gap_ms>   (DOCKER_HOST from the environment)
Prints one JSON list of round-trip times in ms. The pty is sized like the Dockside side (200x50)
so the shell's line editor behaves the same way on both.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

COLS, ROWS = 200, 50
KEYS = b"abcdefghijklmnopqrstuvwxyz"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def at_prompt(buf):
    return ANSI.sub(b"", buf).rstrip().endswith((b"#", b"$"))


def read_until(fd, pred, timeout):
    buf = b""
    deadline = time.monotonic() + timeout
    while not pred(buf):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no match in {buf[-200:]!r}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            buf += os.read(fd, 65536)
    return buf


def drain_quiet(fd, quiet):
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 65536)


def main():
    container, count, gap = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) / 1000
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvp("docker", ["docker", "exec", "-it", container, "sh"])
    read_until(fd, at_prompt, 20)
    drain_quiet(fd, 0.3)
    times = []
    for i in range(count):
        key = KEYS[i % len(KEYS) : i % len(KEYS) + 1]
        t0 = time.perf_counter()
        os.write(fd, key)
        read_until(fd, lambda b: key in b, 10)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(gap)
        if i % 50 == 49:
            os.write(fd, b"\x15")  # ^U: clear the line, untimed
            drain_quiet(fd, 0.1)
    os.write(fd, b"\x15exit\r")
    try:
        read_until(fd, lambda b: False, 2)
    except (TimeoutError, OSError):
        pass
    os.waitpid(pid, 0)
    print(json.dumps(times))


if __name__ == "__main__":
    main()
