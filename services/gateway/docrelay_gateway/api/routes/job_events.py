"""Live job updates as Server-Sent Events: one `job` event per change, until the job ends.

A stream reads the job when the status service announces a change to it (docrelay_common.job_changes)
and at least every `DOCRELAY_EVENTS_POLL_INTERVAL`, which also moves the ETA on between changes.
"""

from collections.abc import AsyncIterator

from fastapi import APIRouter
from sse_starlette import EventSourceResponse, ServerSentEvent

from docrelay_common.constants import FINAL_STATUSES
from docrelay_common.job_changes import job_changes
from docrelay_gateway.api.deps import EtaDep, JobStoreDep, SettingsDep
from docrelay_gateway.api.routes.jobs import find_job, read_job_with_eta
from docrelay_gateway.api.routes.jobs import router as jobs_router
from docrelay_gateway.auth import CallerDep
from docrelay_gateway.threads import in_read_thread
from docrelay_jobs.views import JobView

router = APIRouter(prefix=jobs_router.prefix, tags=["jobs"])

# Comment lines keep proxies from closing a quiet stream.
KEEPALIVE_SECONDS = 15


def _fingerprint(job: JobView) -> tuple[object, ...]:
    stages = tuple((stage.stage, stage.state, stage.done, stage.attempts) for stage in job.stages)
    return (job.status, job.stage, job.progress, job.eta_seconds, job.error, stages)


@router.get("/{job_id}/events", response_class=EventSourceResponse)
async def job_events(
    job_id: str, jobs: JobStoreDep, caller: CallerDep, eta: EtaDep, settings: SettingsDep
) -> EventSourceResponse:
    """`event: job` with the job as JSON whenever its status, stage, progress or ETA changes."""

    # A job that is not there (or not the caller's) is a 404 before any stream starts.
    await in_read_thread(lambda: find_job(jobs, job_id, caller))

    async def changes() -> AsyncIterator[ServerSentEvent]:
        last: tuple[object, ...] | None = None
        async with job_changes(settings.redis_url, job_id) as changed:
            while True:
                job = await read_job_with_eta(jobs, eta, job_id, caller)
                if _fingerprint(job) != last:
                    last = _fingerprint(job)
                    yield ServerSentEvent(data=job.model_dump_json(), event="job", id=str(job.progress))
                if job.status in FINAL_STATUSES:
                    return
                # The status service's word of a change, or the interval: the ETA counts down meanwhile.
                await changed.wait(settings.events_poll_interval)

    return EventSourceResponse(changes(), ping=KEEPALIVE_SECONDS)
