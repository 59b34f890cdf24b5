"""Run a benchmark step in a fresh process: its crash, memory and time are its own, not the next step's."""

import importlib
import multiprocessing
import resource
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

Result = TypeVar("Result")

# A spawned child imports everything afresh: no state (caches, fonts, leaked memory) is inherited.
_SPAWN = multiprocessing.get_context("spawn")


class ChildFailed(Exception):
    """The child raised, died or ran out of time; `reason` says which, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ChildTimedOut(ChildFailed):
    """The child was still running when its time was up, and has been killed."""


def in_fresh_process(function: Callable[..., Result], *args: Any, timeout: float | None = None) -> Result:
    """function(*args) in a new spawned process; ChildFailed if it raises or dies, ChildTimedOut if slow.

    The child imports `function` by its name itself: code that cannot be imported (a module being edited
    while a long benchmark runs) fails as that exception, not as a bare "exited with code 1".
    """
    receiver, sender = _SPAWN.Pipe(duplex=False)
    named = (function.__module__, function.__qualname__)
    child = _SPAWN.Process(target=_call_and_send, args=(sender, named, args), daemon=True)
    child.start()
    # Only the child may hold the sending end, so that its death reads as end-of-file here.
    sender.close()
    try:
        if not receiver.poll(timeout):
            child.kill()
            raise ChildTimedOut(f"timeout after {timeout:.0f} s")
        return _received(receiver, child)
    finally:
        _stop(child)
        receiver.close()


def peak_rss_mb() -> float:
    """The largest resident set this process has had so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ignore_progress(done: int, total: int) -> None:
    """Progress callbacks go nowhere in a benchmark."""


def _call_and_send(sender: Connection, named: tuple[str, str], args: tuple[Any, ...]) -> None:
    try:
        outcome = ("returned", _imported(*named)(*args))
    except Exception as exc:
        # Exceptions may not survive pickling (custom __init__ signatures): send their description.
        outcome = ("raised", f"{type(exc).__name__}: {exc}")
    sender.send(outcome)
    sender.close()


def _imported(module: str, qualname: str) -> Callable[..., Any]:
    found: Any = importlib.import_module(module)
    for name in qualname.split("."):
        found = getattr(found, name)
    return cast(Callable[..., Any], found)


def _received(receiver: Connection, child: multiprocessing.process.BaseProcess) -> Any:
    try:
        kind, value = receiver.recv()
    except EOFError:
        child.join()
        raise ChildFailed(_death(child.exitcode)) from None
    if kind == "raised":
        raise ChildFailed(value)
    return value


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exited with code {exitcode}"


def _stop(child: multiprocessing.process.BaseProcess) -> None:
    child.join(timeout=5)
    if child.is_alive():
        child.kill()
        child.join()
