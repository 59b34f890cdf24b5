"""Where the gateway reads a job with its ETA: on the event loop when nothing there waits, else in a lane."""

import asyncio
import threading
from collections.abc import Iterator

import pytest

from docrelay_gateway.api.routes.jobs import read_job_with_eta
from docrelay_gateway.auth import Caller
from docrelay_gateway.eta import EtaEstimator
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView
from tests.support.jobs import new_job
from tests.support.servers import postgres_server

JOB_ID = "b" * 32
ANYONE = Caller(owner=None, admin=False)


class ThreadsOfReads(JobStore):
    """The jobs store, noting the thread of each job read."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.read_in: list[int] = []

    def get(self, job_id: str, owner: str | None = None) -> JobView | None:
        self.read_in.append(threading.get_ident())
        return super().get(job_id, owner)


@pytest.fixture(params=["sqlite", "postgresql"])
def jobs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ThreadsOfReads]:
    if request.param == "sqlite":
        store = ThreadsOfReads(f"sqlite:///{tmp_path_factory.mktemp('db') / 'jobs.db'}")
        new_job(store, JOB_ID, pages=1)
        yield store
        store.close()
        return
    with postgres_server() as url:
        store = ThreadsOfReads(url)
        new_job(store, JOB_ID, pages=1)
        yield store
        store.close()


def _read_twice(jobs: ThreadsOfReads, eta: EtaEstimator) -> tuple[int, list[JobView]]:
    """Two reads from one event loop, one after the other; returns the loop's thread and the jobs read."""

    async def reads() -> list[JobView]:
        return [await read_job_with_eta(jobs, eta, JOB_ID, ANYONE) for _ in range(2)]

    return threading.get_ident(), asyncio.run(reads())


def test_a_sqlite_read_waits_for_nothing_on_the_event_loop_once_the_eta_is_at_hand(
    jobs: ThreadsOfReads,
) -> None:
    eta = EtaEstimator(jobs)
    assert not eta.answers_at_once()
    loop_thread, read = _read_twice(jobs, eta)
    assert [job.id for job in read] == [JOB_ID, JOB_ID]
    assert read[0].eta_seconds is not None and read[1].eta_seconds is not None
    # The first read made the ETA's first readings (queries) in a thread; the second had them at hand.
    assert eta.answers_at_once()
    first, second = jobs.read_in
    assert first != loop_thread
    if jobs.reads_locally:
        assert second == loop_thread
    else:
        # A server database is read over the network: never on the loop.
        assert second != loop_thread
