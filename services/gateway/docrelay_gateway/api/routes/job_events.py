"""Live job updates as Server-Sent Events: one `job` event per change, until the job ends."""

from collections.abc import AsyncIterator

import anyio
from fastapi import APIRouter
from sse_starlette import EventSourceResponse, ServerSentEvent

from docrelay_common.constants import FINAL_STATUSES
from docrelay_gateway.api.deps import EtaDep, JobStoreDep, SettingsDep
from docrelay_gateway.api.routes.jobs import find_job
from docrelay_gateway.api.routes.jobs import router as jobs_router
from docrelay_gateway.auth import CallerDep
from docrelay_jobs.views import JobView

router = APIRouter(prefix=jobs_router.prefix, tags=["jobs"])

# Comment lines keep proxies from closing a quiet stream.
KEEPALIVE_SECONDS = 15


def _fingerprint(job: JobView) -> tuple[object, ...]:
    stages = tuple((stage.stage, stage.state, stage.done, stage.attempts) for stage in job.stages)
    return (job.status, job.stage, job.progress, job.eta_seconds, job.error, stages)


@router.get("/{job_id}/events", response_class=EventSourceResponse)
def job_events(
    job_id: str, jobs: JobStoreDep, caller: CallerDep, eta: EtaDep, settings: SettingsDep
) -> EventSourceResponse:
    """`event: job` with the job as JSON whenever its status, stage, progress or ETA changes."""
    find_job(jobs, job_id, caller)

    async def changes() -> AsyncIterator[ServerSentEvent]:
        last: tuple[object, ...] | None = None
        while True:
            job = await anyio.to_thread.run_sync(lambda: find_job(jobs, job_id, caller))
            job = eta.with_eta(job)
            if _fingerprint(job) != last:
                last = _fingerprint(job)
                yield ServerSentEvent(data=job.model_dump_json(), event="job", id=str(job.progress))
            if job.status in FINAL_STATUSES:
                return
            await anyio.sleep(settings.events_poll_interval)

    return EventSourceResponse(changes(), ping=KEEPALIVE_SECONDS)
