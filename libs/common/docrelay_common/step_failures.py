"""Failures that are not a step's own doing: it ran out of memory, or its process keeps dying."""

import gc
import traceback

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.stages import Stage

# A step (plan, a page range, finish) whose process died this often without returning is given up:
# a redelivered task of a killed pool process would otherwise run, and die, forever.
MAX_STEP_RUNS = 3


def out_of_memory(stage: Stage, cap_mb: int) -> PermanentError:
    limit = f"its {cap_mb} MB limit (DOCRELAY_WORKER_MAX_MEMORY_MB)" if cap_mb else "the memory it has"
    return PermanentError(
        ErrorCode.MEMORY_LIMIT_EXCEEDED,
        f"the {stage} stage needed more memory than {limit}; the document is too complex for this "
        "server: split it, or simplify its pages (huge images, very many objects)",
    )


def died_too_often(stage: Stage, step: str, deaths: int) -> PermanentError:
    return PermanentError(
        ErrorCode.WORKER_LOST,
        f"the {stage} worker's process died {deaths} times while running {step} of this job (killed, "
        "or out of memory): it is not tried again; split the document or simplify it",
    )


def release_frames(exc: BaseException) -> None:
    """Clear the locals of the finished frames of `exc` and of the exceptions it was chained to, so the
    objects of a step that ran out of memory are freed before its failure is recorded."""
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in chain:
        chain.append(link)
        traceback.clear_frames(link.__traceback__)
        link = link.__cause__ or link.__context__
    gc.collect()
