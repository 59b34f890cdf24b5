"""Operator endpoints: dead letters (stage messages that failed after their last retry)."""

from fastapi import APIRouter

from docrelay_common.constants import JobStatus
from docrelay_common.dead_letters import DeadLetter
from docrelay_common.errors import ErrorCode
from docrelay_common.messages import StageMessage
from docrelay_gateway.api.deps import DeadLetterDep, JobServicesDep
from docrelay_gateway.auth import AdminDep
from docrelay_gateway.errors import ApiError
from docrelay_gateway.lifecycle import restart_job

router = APIRouter(prefix="/v1/admin", tags=["admin"])


@router.get("/dead-letters", response_model=list[DeadLetter])
def list_dead_letters(_: AdminDep, dead_letters: DeadLetterDep) -> list[DeadLetter]:
    """Every dead letter, oldest first, with its error and traceback."""
    return dead_letters.all()


@router.post("/dead-letters/{letter_id}/retry", status_code=202, response_model=DeadLetter)
def retry_dead_letter(letter_id: str, _: AdminDep, services: JobServicesDep) -> DeadLetter:
    """Re-enqueue the message on its stage; the job runs on from there."""
    letter = services.dead_letters.get(letter_id)
    if letter is None:
        raise ApiError(404, ErrorCode.DEAD_LETTER_NOT_FOUND, f"no dead letter with id {letter_id}")
    job = services.jobs.get(letter.job_id)
    if job is None or job.status != JobStatus.FAILED:
        state = job.status if job else "gone"
        raise ApiError(
            409,
            ErrorCode.JOB_NOT_RETRYABLE,
            f"job {letter.job_id} is {state}; only failed jobs can be retried",
        )
    services.dead_letters.remove(letter_id)
    restart_job(letter.job_id, letter.stage, StageMessage.model_validate(letter.message), services)
    return letter
