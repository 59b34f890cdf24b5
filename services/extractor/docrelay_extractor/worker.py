"""The extract stage's Celery tasks: uploaded PDF -> normalized base.pdf + the extracted document.

Planning normalizes the upload and counts its pages; each part extracts one page range; the finish
looks at the whole document (is there any text? which language?) one part at a time.
"""

from pathlib import Path

import pikepdf

from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange, StageMessage, weighted_page_ranges
from docrelay_common.metrics import count_pages, observe_ocr
from docrelay_common.settings import common_settings
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_common.telemetry import set_span_attributes
from docrelay_extractor.candidates import current_candidates
from docrelay_extractor.extract import extract_pages, require_text
from docrelay_extractor.language import block_language, detect_document, detection_sample, differs
from docrelay_extractor.normalize import normalize_pdf
from docrelay_extractor.ocr.planning import page_costs
from docrelay_extractor.ocr.reader import OcrRequest
from docrelay_extractor.ocr.summary import OcrSummary
from docrelay_extractor.ranges import range_pdfs
from docrelay_extractor.settings import extractor_settings
from docrelay_extractor.warm_up import warm_up


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    """Normalize the upload into `base` and cut its pages into ranges."""
    source_key = message.artifacts[Artifact.SOURCE]
    if not ctx.store.exists(source_key):
        raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"the uploaded PDF ({source_key}) is missing")
    base_key = artifact_key(message.job_id, Artifact.BASE)
    with ctx.store.local_file(source_key) as source_pdf:
        normalized = normalize_pdf(source_pdf, max_pages=common_settings().max_pages)
    ctx.store.write_bytes(base_key, normalized.pdf)
    ctx.notice(*normalized.notices)
    with ctx.store.local_file(base_key) as base_pdf:
        with pikepdf.open(base_pdf) as pdf:
            pages = len(pdf.pages)
        costs = _page_costs(base_pdf, pages, message)
        parts = weighted_page_ranges(costs, common_settings().pages_per_part)
        planned = ctx.name_output(message.with_artifact(Artifact.BASE, base_key)).model_copy(
            update={"parts": parts}
        )
        planned = _cut_ranges(base_pdf, planned, ctx)
    ctx.info(pages=pages)
    return StagePlan(planned, parts)


def _cut_ranges(base_pdf: Path, message: StageMessage, ctx: StageContext) -> StageMessage:
    """Store each range's pages as a PDF of their own (deleted with the job's other files)."""
    cut = message.with_artifact(Artifact.RANGES, artifact_key(message.job_id, Artifact.RANGES))
    for part, pdf in range_pdfs(base_pdf, message.parts):
        ctx.store.write_bytes(cut.part_key(Artifact.RANGES, part, ".pdf"), pdf)
    return cut


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    # Extracted from the range's own cut of base.pdf, the file the reconstructor lays the translation over.
    ocr = OcrRequest(message.options.ocr, message.options.source_lang)
    with ctx.store.local_file(message.part_key(Artifact.RANGES, part, ".pdf")) as range_pdf:
        document = extract_pages(range_pdf, None, on_page=ctx.progress, ocr=ocr, first_page=part.first)
    document.target_lang = message.options.target_lang
    candidates = current_candidates()
    for block in document.blocks():
        if block.translatable:
            block.lang = block_language(block.text, candidates)
    ctx.write_output_part(message, part, document)
    count_pages(Stage.EXTRACT, part.pages)
    scanned = [page.ocr for page in document.pages if page.ocr is not None]
    if scanned:
        observe_ocr(sum(info.seconds for info in scanned), len(scanned))


def _page_costs(base_pdf: Path, pages: int, message: StageMessage) -> list[float]:
    """1 per page read from its text layer; a page OCR will read costs as much as a range holds of them."""
    # The range size is common_settings()'s, as in `plan`: one source for it, read afresh.
    ocr_cost = common_settings().pages_per_part / extractor_settings().ocr_pages_per_part
    return page_costs(base_pdf, pages, message.options.ocr, ocr_cost)


def finish(message: StageMessage, ctx: StageContext) -> StageMessage:
    """Check the document has text, and settle its language (asked for, or detected from all parts)."""
    texts: list[str] = []
    kept: list[str] = []
    pages_without_text: list[int] = []
    block_languages: set[str] = set()
    ocr = OcrSummary(message.options.ocr)
    cells_kept_verbatim = 0
    for part in message.parts:
        document = ctx.store.read_document(message.part_key(ctx.output, part))
        texts += [block.text for block in document.blocks() if block.translatable]
        kept += [block.text for block in document.blocks() if not block.translatable]
        pages_without_text += [page.number for page in document.pages if not page.has_text]
        block_languages.update(block.lang for block in document.blocks() if block.lang)
        ocr.add(document)
        cells_kept_verbatim += document.cells_kept_verbatim()
    require_text(bool(texts), ocr)
    source_lang = message.options.source_lang or _detected_language(texts, kept, ctx)
    if block_languages - {source_lang}:
        _confirm_block_languages(message, source_lang, ctx)
    # Kept as they are (blank pages, pictures, scans OCR could not read, table cells that are data): the
    # user should know.
    ctx.info(
        source_lang=source_lang,
        pages_without_text=pages_without_text,
        ocr=ocr.facts(),
        cells_kept_verbatim=cells_kept_verbatim,
    )
    ctx.notice(*ocr.notices())
    set_span_attributes(pages=message.pages, source_lang=source_lang)
    options = message.options.model_copy(update={"source_lang": source_lang})
    return message.model_copy(update={"options": options})


def _detected_language(texts: list[str], kept: list[str], ctx: StageContext) -> str:
    """The detected language, or the configured default; language_undetected when there is neither."""
    detection = detect_document(texts, kept, current_candidates())
    if detection.language is not None:
        return detection.language
    default = extractor_settings().default_source_lang
    if default:
        ctx.notice(f"the language was not detected ({detection.doubt}): taken to be {default}")
        return default
    sample = detection_sample(texts, kept)
    quoted = sample if len(sample) <= 60 else f"{sample[:57]}..."
    message = (
        f"could not tell the document's language: {detection.doubt} ({quoted!r}); pass source_lang "
        "(e.g. source_lang=en), or set DOCRELAY_DEFAULT_SOURCE_LANG on the extractor"
    )
    raise PermanentError(ErrorCode.LANGUAGE_UNDETECTED, message)


def _confirm_block_languages(message: StageMessage, source_lang: str, ctx: StageContext) -> None:
    """Keep a block's own language only where it beats the document's in high accuracy."""
    for part in message.parts:
        key = message.part_key(ctx.output, part)
        document = ctx.store.read_document(key)
        doubtful = [
            block
            for block in document.blocks()
            if block.lang and block.lang != source_lang and not differs(block.text, block.lang, source_lang)
        ]
        for block in doubtful:
            block.lang = None
        if doubtful:
            ctx.store.write_document(key, document)


work = StageWork(plan=plan, run_part=run_part, finish=finish, warm_up=warm_up)
app = create_stage_app(Stage.EXTRACT, work)
