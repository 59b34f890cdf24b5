"""Waiting until a started service really answers."""

import socket
import time
from collections.abc import Callable

import httpx
import redis


class NotReady(Exception):
    pass


def free_port() -> int:
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
