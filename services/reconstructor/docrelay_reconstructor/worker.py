"""The reconstruct stage: the toned document laid over the normalized source PDF becomes result.pdf.

In the bilingual output modes result.pdf also holds the original pages, next to their translation.
"""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import StageMessage
from docrelay_common.metrics import count_pages
from docrelay_common.stage import StageContext, create_stage_app
from docrelay_reconstructor.bilingual import arrange_output
from docrelay_reconstructor.reconstruct import reconstruct


def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
    base_key = message.artifacts["base"]
    if not ctx.store.exists(base_key):
        raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"artifact {base_key} is missing")
    document = ctx.store.read_document(message.artifacts["toned"])
    with ctx.store.local_file(base_key) as base_pdf:
        # WeasyPrint may read the files next to the base PDF: this job's artifacts, nothing else.
        translated = reconstruct(base_pdf, document, base_pdf.parent, on_page=ctx.progress)
        result = arrange_output(base_pdf, translated, message.options.output)
    count_pages(Stage.RECONSTRUCT, len(document.pages))
    key = job_key(message.job_id, "result.pdf")
    ctx.store.write_bytes(key, result)
    return message.with_artifact("result", key)


app = create_stage_app(Stage.RECONSTRUCT, handle)
