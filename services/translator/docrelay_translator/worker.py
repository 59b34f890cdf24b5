"""The translate stage's Celery tasks: the extracted document in, the translated one out, range by range."""

from functools import cache

from redis import Redis

from docrelay_common.artifacts import Artifact
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.languages import normalize_language
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.metrics import count_segments, record_cache_lookup
from docrelay_common.redis_client import connect_redis
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_common.telemetry import set_span_attributes
from docrelay_translator.capabilities import publish_capabilities
from docrelay_translator.engine_limits import RequestSlot, request_slots
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.registry import select_engine
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import open_memory
from docrelay_translator.settings import translator_settings
from docrelay_translator.translate import translate_document


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    """Settle the language pair and the engine once, before any part: a bad pair fails the job at once."""
    source, target, engine = _pair_and_engine(message)
    ctx.info(engine=engine.name, source_lang=source)
    if source == target:
        # Not an error: the user may not have known. The result is the document with its tone applied.
        ctx.notice(f"the document is already in {target}: its text was not translated")
    else:
        # Named for the parts: every replica then uses this engine, whatever else it has installed.
        message = message.model_copy(
            update={"options": message.options.model_copy(update={"engine": engine.name})}
        )
    planned = ctx.name_output(message)
    return StagePlan(planned, planned.parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    document = ctx.read_input_part(message, part)
    source, target, engine = _pair_and_engine(message)
    with open_memory(translator_settings()) as memory:
        translated = translate_document(
            document,
            engine,
            source,
            target,
            ctx.progress,
            tone=message.options.tone,
            glossary=_glossary(message, ctx),
            memory=memory,
            on_lookup=lambda hits, misses: _record_lookup(ctx, engine.name, hits, misses),
            request_slot=_request_slots(engine.name),
        )
    count_segments(Stage.TRANSLATE, sum(1 for block in translated.blocks() if block.translatable))
    ctx.write_output_part(message, part, translated)


def _pair_and_engine(message: StageMessage) -> tuple[str, str, Engine]:
    if message.options.source_lang is None:
        raise PermanentError(
            ErrorCode.LANGUAGE_UNDETECTED, "could not detect the document's language; pass source_lang"
        )
    source, target = _language(message.options.source_lang), _language(message.options.target_lang)
    return source, target, select_engine(message.options.engine, source, target)


def _glossary(message: StageMessage, ctx: StageContext) -> Glossary | None:
    key = message.artifacts.get(Artifact.GLOSSARY)
    return Glossary.from_json(ctx.store.read_bytes(key)) if key else None


def _request_slots(engine: str) -> RequestSlot:
    settings = translator_settings()
    return request_slots(_limits_redis(), engine, settings.engine_limits)


@cache
def _limits_redis() -> Redis:
    # Engine limits are counted in the broker's Redis: every replica of every host sees the same count.
    return connect_redis(translator_settings().redis_url)


def _record_lookup(ctx: StageContext, engine: str, hits: int, misses: int) -> None:
    ctx.info(cache_hits=hits, cache_misses=misses)
    record_cache_lookup(engine, hits, misses)
    set_span_attributes(engine=engine, **{"cache.hits": hits, "cache.misses": misses})


def _language(tag: str) -> str:
    try:
        return normalize_language(tag)
    except ValueError as exc:
        raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, str(exc)) from exc


work = StageWork(plan=plan, run_part=run_part)
app = create_stage_app(Stage.TRANSLATE, work)
publish_capabilities(app)
