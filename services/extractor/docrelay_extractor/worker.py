"""The extract stage's Celery tasks: uploaded PDF -> normalized base.pdf + the extracted document.

Planning normalizes the upload and counts its pages; each part extracts one page range; the finish
looks at the whole document (is there any text? which language?) one part at a time.
"""

import pikepdf

from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange, StageMessage, page_ranges
from docrelay_common.metrics import count_pages
from docrelay_common.settings import common_settings
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_common.telemetry import set_span_attributes
from docrelay_extractor.extract import extract_pages, require_text
from docrelay_extractor.language import texts_language
from docrelay_extractor.normalize import normalize_pdf


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    """Normalize the upload into `base` and cut its pages into ranges."""
    source_key = message.artifacts[Artifact.SOURCE]
    if not ctx.store.exists(source_key):
        raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"the uploaded PDF ({source_key}) is missing")
    base_key = artifact_key(message.job_id, Artifact.BASE)
    with ctx.store.local_file(source_key) as source_pdf:
        normalized = normalize_pdf(source_pdf)
    ctx.store.write_bytes(base_key, normalized.pdf)
    for notice in normalized.notices:
        ctx.notice(notice)
    with ctx.store.local_file(base_key) as base_pdf, pikepdf.open(base_pdf) as pdf:
        pages = len(pdf.pages)
    ctx.info(pages=pages)
    parts = page_ranges(pages, common_settings().pages_per_part)
    planned = ctx.name_output(message.with_artifact(Artifact.BASE, base_key)).model_copy(
        update={"parts": parts}
    )
    return StagePlan(planned, parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    # Extracted from the stored base.pdf, the very file the reconstructor will lay the translation over.
    with ctx.store.local_file(message.artifacts[Artifact.BASE]) as base_pdf:
        document = extract_pages(base_pdf, part, on_page=ctx.progress)
    document.target_lang = message.options.target_lang
    ctx.write_output_part(message, part, document)
    count_pages(Stage.EXTRACT, part.pages)


def finish(message: StageMessage, ctx: StageContext) -> StageMessage:
    """Check the document has text, and settle its language (asked for, or detected from all parts)."""
    texts: list[str] = []
    pages_without_text: list[int] = []
    cells_kept_verbatim = 0
    for part in message.parts:
        document = ctx.store.read_document(message.part_key(ctx.output, part))
        texts += [block.text for block in document.blocks() if block.translatable]
        pages_without_text += [page.number for page in document.pages if not page.has_text]
        cells_kept_verbatim += sum(1 for block in document.blocks() if block.cell and not block.translatable)
    require_text(bool(texts))
    source_lang = message.options.source_lang or texts_language(texts)
    # Kept as they are (scans, pictures, table cells that are data): the user should know.
    ctx.info(
        source_lang=source_lang,
        pages_without_text=pages_without_text,
        cells_kept_verbatim=cells_kept_verbatim,
    )
    set_span_attributes(pages=message.pages, source_lang=source_lang or "")
    options = message.options.model_copy(update={"source_lang": source_lang})
    return message.model_copy(update={"options": options})


work = StageWork(plan=plan, run_part=run_part, finish=finish)
app = create_stage_app(Stage.EXTRACT, work)
