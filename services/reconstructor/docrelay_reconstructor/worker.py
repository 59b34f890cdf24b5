"""The reconstruct stage's Celery tasks: the toned document laid over the normalized source PDF.

Each part rewrites its page range into a PDF of those pages; the finish puts them back into the source
PDF, which becomes result.pdf. In the bilingual output modes result.pdf also holds the original pages,
next to their translation.
"""

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.metrics import count_pages
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_reconstructor.bilingual import arrange_output
from docrelay_reconstructor.forms import translated_tooltips
from docrelay_reconstructor.kept_math import KEPT_FOR_FORMULAS, formulas_notice
from docrelay_reconstructor.page_ranges import put_pages_back, write_page_range
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.warm_up import warm_up


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    base_key = message.artifacts[Artifact.BASE]
    if not ctx.store.exists(base_key):
        raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"artifact {base_key} is missing")
    planned = message.with_artifact(Artifact.PAGES, artifact_key(message.job_id, Artifact.PAGES))
    return StagePlan(planned, planned.parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    document = ctx.read_input_part(message, part)
    damaged: list[int] = []
    kept: list[int] = []
    with _range_pdf(message, part, ctx) as part_pdf:
        # WeasyPrint may read the files next to the range's PDF: this job's, nothing else.
        rewritten = reconstruct(
            part_pdf,
            document,
            part_pdf.parent,
            on_page=ctx.progress,
            on_damaged=damaged.append,
            on_kept=kept.extend,
        )
    ctx.store.write_bytes(message.part_key(Artifact.PAGES, part, ".pdf"), rewritten)
    ctx.notice(*(damaged_page_notice(number) for number in damaged))
    # Parts run side by side: each records its own, the finish tells the user once.
    ctx.info(**{f"{KEPT_FOR_FORMULAS}.{part.label}": kept})
    count_pages(Stage.RECONSTRUCT, part.pages)


def damaged_page_notice(number: int) -> str:
    return (
        f"page {number} is damaged (its content cannot be parsed to take the text out): it is kept as "
        "it was, untranslated; re-export the PDF from the program that made it to translate that page"
    )


@contextmanager
def _range_pdf(message: StageMessage, part: PageRange, ctx: StageContext) -> Iterator[Path]:
    """The range's pages as the extractor cut them; cut here from base.pdf for a job planned before
    the extractor cut ranges (one queued across an upgrade)."""
    if Artifact.RANGES in message.artifacts:
        with ctx.store.local_file(message.part_key(Artifact.RANGES, part, ".pdf")) as range_pdf:
            yield range_pdf
        return
    with (
        ctx.store.local_file(message.artifacts[Artifact.BASE]) as base_pdf,
        tempfile.TemporaryDirectory() as scratch,
    ):
        range_pdf = Path(scratch) / "pages.pdf"
        write_page_range(base_pdf, part, range_pdf)
        yield range_pdf


def finish(message: StageMessage, ctx: StageContext) -> StageMessage:
    tooltips = translated_tooltips(ctx.read_input_part(message, part) for part in message.parts)
    with ExitStack() as files, ctx.store.local_file(message.artifacts[Artifact.BASE]) as base_pdf:
        rewritten = [
            (part, files.enter_context(ctx.store.local_file(message.part_key(Artifact.PAGES, part, ".pdf"))))
            for part in message.parts
        ]
        translated = put_pages_back(base_pdf, rewritten, tooltips)
        result = arrange_output(base_pdf, translated, message.options.output)
    finished = ctx.name_output(message)
    ctx.store.write_bytes(finished.artifacts[ctx.output], result)
    _delete_ranges(message, ctx)
    kept = _kept_for_formulas(ctx)
    if kept:
        ctx.notice(formulas_notice(kept))
    return finished


def _kept_for_formulas(ctx: StageContext) -> list[int]:
    """The page numbers the parts recorded, once per block kept untranslated for its formulas."""
    info = ctx.ledger.info_of(ctx.job_id) if ctx.ledger is not None else {}
    return sorted(
        page for name, pages in info.items() if name.startswith(f"{KEPT_FOR_FORMULAS}.") for page in pages
    )


def _delete_ranges(message: StageMessage, ctx: StageContext) -> None:
    """The ranges' own PDFs served the parts of both stages; the result no longer needs them."""
    if Artifact.RANGES in message.artifacts:
        for part in message.parts:
            ctx.store.delete(message.part_key(Artifact.RANGES, part, ".pdf"))


work = StageWork(plan=plan, run_part=run_part, finish=finish, warm_up=warm_up)
app = create_stage_app(Stage.RECONSTRUCT, work)
