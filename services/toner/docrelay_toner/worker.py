"""The tone stage's Celery task: translated.json in, toned.json out (or the same key, when nothing is
left to do: the neutral tone, or a tone the translation engine already wrote)."""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage, Tone
from docrelay_common.messages import StageMessage
from docrelay_common.stage import StageContext, create_stage_app
from docrelay_toner.chat import ChatModel
from docrelay_toner.llm import LlmToner
from docrelay_toner.method import ToneMethod, tone_method
from docrelay_toner.settings import toner_settings
from docrelay_toner.tone import tone_document


def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
    translated = message.artifacts["translated"]
    tone = message.options.tone
    if tone == Tone.NEUTRAL:
        return message.with_artifact("toned", translated)
    document = ctx.store.read_document(translated)
    lang = document.target_lang or message.options.target_lang
    settings = toner_settings()
    server = settings.chat_server()
    method = tone_method(document, lang, tone, llm=server is not None)
    ctx.info(tone_method=method.value)
    if method == ToneMethod.NATIVE:
        return message.with_artifact("toned", translated)
    if server is not None and method == ToneMethod.LLM:
        toner = LlmToner(ChatModel(server, timeout=settings.engine_timeout))
        toned = toner.tone_document(document, lang, tone, ctx.progress)
    else:
        toned = tone_document(document, lang, tone, ctx.progress)
    key = job_key(message.job_id, "toned.json")
    ctx.store.write_document(key, toned)
    return message.with_artifact("toned", key)


app = create_stage_app(Stage.TONE, handle)
