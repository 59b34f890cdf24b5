"""The tone stage's Celery tasks: the translated document in, the toned one out.

Nothing is left to do for the neutral tone, or for a tone the translation engine already wrote: the
toned document is then the translated one, and no part runs.
"""

from docrelay_common.chat import ChatClient
from docrelay_common.constants import Tone
from docrelay_common.document import Document
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_toner.llm import LlmToner
from docrelay_toner.method import ToneMethod, tone_method
from docrelay_toner.settings import toner_settings
from docrelay_toner.tone import tone_document


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    untouched = StagePlan(ctx.pass_input_on(message), [])
    if message.options.tone == Tone.NEUTRAL or not message.parts:
        return untouched
    # Every part was translated alike: the first tells whether the engine already applied the tone.
    first = ctx.read_input_part(message, message.parts[0])
    method = _method(message, first, llm=toner_settings().chat_server() is not None)
    ctx.info(tone_method=method.value)
    if method == ToneMethod.NATIVE:
        return untouched
    planned = ctx.name_output(message)
    return StagePlan(planned, planned.parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    document = ctx.read_input_part(message, part)
    lang, tone = _language(message, document), message.options.tone
    settings = toner_settings()
    server = settings.chat_server()
    if server is not None and _method(message, document, llm=True) == ToneMethod.LLM:
        described = f"the tone model {server.model} at {server.base_url}"
        chat = ChatClient(
            server,
            described=described,
            timeout=settings.engine_timeout,
            retry_after_max=settings.engine_retry_after_max,
        )
        toner = LlmToner(chat)
        toned = toner.tone_document(document, lang, tone, ctx.progress)
    else:
        toned = tone_document(document, lang, tone, ctx.progress)
    ctx.write_output_part(message, part, toned)


def _method(message: StageMessage, document: Document, llm: bool) -> ToneMethod:
    return tone_method(document, _language(message, document), message.options.tone, llm=llm)


def _language(message: StageMessage, document: Document) -> str:
    return document.target_lang or message.options.target_lang


work = StageWork(plan=plan, run_part=run_part)
app = create_stage_app(Stage.TONE, work)
