"""Waiting until a started service really answers."""

import random
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import redis


class NotReady(Exception):
    pass


# Ports the kernel does not hand out as the source port of outgoing connections: a port picked here and
# bound a moment later by the service cannot meanwhile be taken by some client's connection.
LISTEN_PORTS = range(10_000, 32_768)
_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def free_port() -> int:
    """A port free on 127.0.0.1 now, outside the kernel's range for outgoing connections."""
    low = int(_EPHEMERAL_RANGE.read_text().split()[0]) if _EPHEMERAL_RANGE.exists() else LISTEN_PORTS.stop
    candidates = range(LISTEN_PORTS.start, min(low, LISTEN_PORTS.stop))
    for port in random.sample(candidates, k=min(50, len(candidates))):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check: Callable[[], bool], what: str, timeout: float, alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise NotReady(f"{what} exited while starting")
        try:
            if check():
                return
        except (OSError, httpx.HTTPError, redis.RedisError):
            pass
        time.sleep(0.2)
    raise NotReady(f"{what} did not become ready within {timeout:.0f}s")


def http_ok(url: str) -> Callable[[], bool]:
    return lambda: httpx.get(url, timeout=2).status_code == 200


def redis_ok(url: str) -> Callable[[], bool]:
    return lambda: bool(redis.Redis.from_url(url, socket_timeout=2).ping())
