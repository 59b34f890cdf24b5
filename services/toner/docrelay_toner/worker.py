"""The tone stage's Celery tasks: the translated document in, the toned one out.

Nothing is left to do for the neutral tone, or for a tone the translation engine already wrote: the
toned document is then the translated one, and no part runs.
"""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage, Tone
from docrelay_common.document import Document
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_toner.chat import ChatModel
from docrelay_toner.llm import LlmToner
from docrelay_toner.method import ToneMethod, tone_method
from docrelay_toner.settings import toner_settings
from docrelay_toner.tone import tone_document


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    untouched = StagePlan(message.with_artifact("toned", message.artifacts["translated"]), [])
    if message.options.tone == Tone.NEUTRAL or not message.parts:
        return untouched
    # Every part was translated alike: the first tells whether the engine already applied the tone.
    first = ctx.store.read_document(message.part_key("translated", message.parts[0]))
    method = _method(message, first, llm=toner_settings().chat_server() is not None)
    ctx.info(tone_method=method.value)
    if method == ToneMethod.NATIVE:
        return untouched
    planned = message.with_artifact("toned", job_key(message.job_id, "toned"))
    return StagePlan(planned, planned.parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    document = ctx.store.read_document(message.part_key("translated", part))
    lang, tone = _language(message, document), message.options.tone
    settings = toner_settings()
    server = settings.chat_server()
    if server is not None and _method(message, document, llm=True) == ToneMethod.LLM:
        toner = LlmToner(ChatModel(server, timeout=settings.engine_timeout))
        toned = toner.tone_document(document, lang, tone, ctx.progress)
    else:
        toned = tone_document(document, lang, tone, ctx.progress)
    ctx.store.write_document(message.part_key("toned", part), toned)


def _method(message: StageMessage, document: Document, llm: bool) -> ToneMethod:
    return tone_method(document, _language(message, document), message.options.tone, llm=llm)


def _language(message: StageMessage, document: Document) -> str:
    return document.target_lang or message.options.target_lang


work = StageWork(plan=plan, run_part=run_part)
app = create_stage_app(Stage.TONE, work)
