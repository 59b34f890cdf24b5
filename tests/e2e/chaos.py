"""A stack whose stage workers can be slowed down, faulted, killed and restarted by a test."""

import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from docrelay_common.stages import Stage
from tests.e2e.helpers import running_stack

# Short enough that a killed worker's task comes back within seconds, long enough that no healthy
# task of these tests (a few seconds each) is delivered twice.
TEST_VISIBILITY_TIMEOUT = 12

CHAOS_ENV = {
    "DOCRELAY_VISIBILITY_TIMEOUT": str(TEST_VISIBILITY_TIMEOUT),
    "DOCRELAY_MAX_RETRIES": "2",
    "DOCRELAY_RETRY_BACKOFF_MAX": "1",
    "DOCRELAY_RECONCILE_INTERVAL": "1",
    "DOCRELAY_EVENTS_POLL_INTERVAL": "0.2",
    # Every test sends the sample PDF and needs it to run through the stages, not reuse a result.
    "DOCRELAY_REUSE_RESULTS": "false",
    # The webhook receiver of the tests listens on loopback.
    "DOCRELAY_WEBHOOK_ALLOW_PRIVATE": "true",
    "DOCRELAY_WEBHOOK_SECRET": "test-webhook-secret",
}


def chaos_worker(stage: Stage) -> list[str]:
    return [sys.executable, "-m", "tests.support.chaos_worker", stage.value]


@dataclass
class ChaosStack:
    stack: Stack
    knobs: Path

    def delay(self, stage: Stage, seconds: float) -> None:
        (self.knobs / f"{stage.value}.delay").write_text(str(seconds))

    def hold(self, stage: Stage) -> None:
        """Keep the stage's next tasks waiting at their start, until `calm`."""
        (self.knobs / f"{stage.value}.hold").touch()

    def fault(self, stage: Stage, on: bool = True, parts: Sequence[str] = ()) -> None:
        """Make the stage fail transiently: every page range, or only those labelled in `parts`."""
        path = self.knobs / f"{stage.value}.fault"
        path.write_text("\n".join(parts)) if on else path.unlink(missing_ok=True)

    def die(self, stage: Stage) -> None:
        """End the pool process of each start of the stage, as the OOM killer would, until `calm`."""
        (self.knobs / f"{stage.value}.die").touch()

    def runs(self, stage: Stage) -> list[str]:
        """The labels of the page ranges the stage's workers ran, once per run, in order."""
        path = self.knobs / f"{stage.value}.runs"
        return path.read_text().split() if path.exists() else []

    def calm(self) -> None:
        for knob in self.knobs.iterdir():
            knob.unlink()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.stack.gateway_url, timeout=30)

    def kill(self, name: str) -> None:
        """kill -9 a service's whole process group, as when its container dies."""
        process = self.stack.process(name)
        process.signal_group(signal.SIGKILL)
        assert process.popen is not None
        process.popen.wait()


@contextmanager
def chaos_stack(
    data_dir: Path, redis_url: str, extra_env: dict[str, str] | None = None, replicas: int = 1
) -> Iterator[ChaosStack]:
    knobs = data_dir / "chaos"
    knobs.mkdir(parents=True)
    config = StackConfig(
        data_dir=data_dir,
        port=free_port(),
        redis_url=redis_url,
        extra_env={**CHAOS_ENV, "CHAOS_DIR": str(knobs), **(extra_env or {})},
        worker_command=chaos_worker,
        replicas=replicas,
        # One gateway process: starting one per core costs seconds of CPU in every test stack.
        gateway_workers=1,
    )
    with running_stack(config) as stack:
        yield ChaosStack(stack, knobs)


@contextmanager
def calm_client(chaos: ChaosStack) -> Iterator[httpx.Client]:
    """A gateway client for one test; the stages run at full speed without faults before and after,
    and no job of the test is left running when it ends."""
    chaos.calm()
    with chaos.client() as client:
        yield client
        chaos.calm()
        cancel_unended_jobs(client)


def cancel_unended_jobs(client: httpx.Client) -> None:
    """Cancel every job still queued or running. A test that failed half way leaves its jobs in the
    stages; held again by the next test's knobs, they would fill the pool it waits on and fail it too."""
    for status in ("queued", "running"):
        listed = client.get("/v1/jobs", params={"status": status, "limit": 100}).json()["jobs"]
        for job in listed:
            # A job may end between the list and its cancel (409 job_already_finished): nothing to do.
            client.delete(f"/v1/jobs/{job['id']}")


def eventually(
    check: Callable[[], Any],
    timeout: float,
    what: str,
    interval: float = 0.2,
    last_seen: Callable[[], object] | None = None,
) -> Any:
    """Poll `check` until it returns something truthy; fail with `what` after `timeout` seconds, and
    with what `last_seen` tells of the last poll, so a failure says how far things got."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    seen = f"; last seen: {last_seen()}" if last_seen else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{seen}")


def stage_state(job: dict[str, Any], stage: Stage) -> str | None:
    return next((entry["state"] for entry in job["stages"] if entry["stage"] == stage.value), None)


def stage_entry(job: dict[str, Any], stage: Stage) -> dict[str, Any] | None:
    return next((entry for entry in job["stages"] if entry["stage"] == stage.value), None)
