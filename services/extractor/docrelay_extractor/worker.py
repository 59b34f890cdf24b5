"""The extract stage's Celery task: uploaded PDF -> normalized base.pdf + extracted.json."""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import StageMessage
from docrelay_common.metrics import count_pages
from docrelay_common.stage import StageContext, create_stage_app
from docrelay_common.telemetry import set_span_attributes
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import document_language
from docrelay_extractor.normalize import normalize_pdf


def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
    """Normalize the upload into `base`, extract it into `extracted`, and detect its language if unknown."""
    source_key = message.artifacts["source"]
    if not ctx.store.exists(source_key):
        raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"the uploaded PDF ({source_key}) is missing")
    base_key = job_key(message.job_id, "base.pdf")
    with ctx.store.local_file(source_key) as source_pdf:
        ctx.store.write_bytes(base_key, normalize_pdf(source_pdf))
    # Extracted from the stored base.pdf, the very file the reconstructor will lay the translation over.
    with ctx.store.local_file(base_key) as base_pdf:
        document = extract_document(base_pdf, on_page=ctx.progress)
    document.source_lang = message.options.source_lang or document_language(document)
    document.target_lang = message.options.target_lang
    ctx.info(
        pages=len(document.pages),
        source_lang=document.source_lang,
        # Kept as they are (scans, pictures): the user should know these pages were not translated.
        pages_without_text=[page.number for page in document.pages if not page.has_text],
    )
    count_pages(Stage.EXTRACT, len(document.pages))
    set_span_attributes(pages=len(document.pages), source_lang=document.source_lang or "")
    extracted_key = job_key(message.job_id, "extracted.json")
    ctx.store.write_document(extracted_key, document)
    return message.with_artifact("base", base_key).with_artifact("extracted", extracted_key)


app = create_stage_app(Stage.EXTRACT, handle)
