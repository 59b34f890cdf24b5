"""The translate stage's Celery task: extracted.json in, translated.json out."""

from docrelay_common.artifacts import job_key
from docrelay_common.constants import Stage
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.languages import normalize_language
from docrelay_common.messages import StageMessage
from docrelay_common.stage import StageContext, create_stage_app
from docrelay_translator.engines.registry import select_engine
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import open_memory
from docrelay_translator.settings import translator_settings
from docrelay_translator.translate import translate_document

# A JSON object source term -> target term, written by the gateway when the job has a glossary.
GLOSSARY_ARTIFACT = "glossary"


def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
    document = ctx.store.read_document(message.artifacts["extracted"])
    detected = message.options.source_lang or document.source_lang
    if detected is None:
        raise PermanentError(
            ErrorCode.LANGUAGE_UNDETECTED, "could not detect the document's language; pass source_lang"
        )
    source, target = _language(detected), _language(message.options.target_lang)
    engine = select_engine(message.options.engine, source, target)
    ctx.info(engine=engine.name, source_lang=source)
    glossary = _glossary(message, ctx)
    with open_memory(translator_settings()) as memory:
        translated = translate_document(
            document,
            engine,
            source,
            target,
            ctx.progress,
            tone=message.options.tone,
            glossary=glossary,
            memory=memory,
            on_lookup=lambda hits, misses: ctx.info(cache_hits=hits, cache_misses=misses),
        )
    key = job_key(message.job_id, "translated.json")
    ctx.store.write_document(key, translated)
    return message.with_artifact("translated", key)


def _glossary(message: StageMessage, ctx: StageContext) -> Glossary | None:
    # Until JobOptions carries a glossary, the gateway hands it over as an optional artifact.
    key = message.artifacts.get(GLOSSARY_ARTIFACT)
    return Glossary.from_json(ctx.store.read_bytes(key)) if key else None


def _language(tag: str) -> str:
    try:
        return normalize_language(tag)
    except ValueError as exc:
        raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, str(exc)) from exc


app = create_stage_app(Stage.TRANSLATE, handle)
