"""Page images of a job, source or translated, for the web page's side-by-side preview."""

from typing import Any

from fastapi import APIRouter, Response

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.constants import JobStatus
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_gateway.api.deps import ArtifactStoreDep, JobStoreDep
from docrelay_gateway.api.routes.jobs import find_job
from docrelay_gateway.api.routes.jobs import router as jobs_router
from docrelay_gateway.auth import CallerDep
from docrelay_gateway.errors import ApiError
from docrelay_gateway.previews import Side, layout_of, preview_key, render_page
from docrelay_jobs.views import JobView

router = APIRouter(prefix=jobs_router.prefix, tags=["jobs"])

# A page image never changes once it can be drawn: the source is fixed, the result final.
CACHE_CONTROL = "private, max-age=86400"
PNG_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}}, "description": "the page as a PNG image"}
}


@router.get("/{job_id}/pages/{number}.png", response_class=Response, responses=PNG_RESPONSE)
def page_image(
    job_id: str,
    number: int,
    jobs: JobStoreDep,
    caller: CallerDep,
    store: ArtifactStoreDep,
    side: Side = Side.SOURCE,
) -> Response:
    """Page `number` (1-based) of the original (`side=source`) or its translation (`side=result`)."""
    job = find_job(jobs, job_id, caller)
    _ensure_drawable(job, side)
    key = preview_key(job_id, side, number)
    cached = _cached(store, key)
    if cached is not None:
        return _png(cached)
    png = _render(store, job, side, number)
    store.write_bytes(key, png)
    ended = jobs.get(job_id)
    # Cancel and retention set the status before deleting the job's folder: a preview written while
    # they ran is seen here and removed, so none outlives its job.
    if ended is None or ended.status in (JobStatus.CANCELLED, JobStatus.EXPIRED):
        store.delete(key)
    return _png(png)


def _ensure_drawable(job: JobView, side: Side) -> None:
    if job.status == JobStatus.EXPIRED:
        raise ApiError(410, ErrorCode.JOB_EXPIRED, f"job {job.id} has expired; its files were deleted")
    if job.status == JobStatus.CANCELLED:
        raise ApiError(410, ErrorCode.JOB_EXPIRED, f"job {job.id} was cancelled; its files were deleted")
    if side == Side.RESULT and job.status != JobStatus.SUCCEEDED:
        detail = f" ({job.error.code}: {job.error.message})" if job.error else ""
        raise ApiError(
            409, ErrorCode.RESULT_NOT_READY, f"job {job.id} is {job.status}{detail}; no translated pages yet"
        )


def _cached(store: ArtifactStore, key: str) -> bytes | None:
    try:
        return store.read_bytes(key)
    except PermanentError:
        return None


def _render(store: ArtifactStore, job: JobView, side: Side, number: int) -> bytes:
    layout = layout_of(job.id, side, job.output)
    try:
        with store.local_file(layout.pdf_key) as pdf:
            return render_page(pdf, layout, number)
    except PermanentError as exc:
        raise ApiError(410, ErrorCode.JOB_EXPIRED, f"the files of job {job.id} are no longer stored") from exc


def _png(data: bytes) -> Response:
    return Response(data, media_type="image/png", headers={"Cache-Control": CACHE_CONTROL})
