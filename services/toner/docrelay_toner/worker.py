"""The tone stage's Celery task: translated.json in, toned.json out (or the same key, for neutral)."""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage, Tone
from docrelay_common.messages import StageMessage
from docrelay_common.stage import StageContext, create_stage_app
from docrelay_toner.tone import rules_language, tone_document


def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
    translated = message.artifacts["translated"]
    if message.options.tone == Tone.NEUTRAL:
        return message.with_artifact("toned", translated)
    document = ctx.store.read_document(translated)
    lang = document.target_lang or message.options.target_lang
    ctx.info(tone_rules=rules_language(lang) or "none")
    toned = tone_document(document, lang, message.options.tone, ctx.progress)
    key = job_key(message.job_id, "toned.json")
    ctx.store.write_document(key, toned)
    return message.with_artifact("toned", key)


app = create_stage_app(Stage.TONE, handle)
