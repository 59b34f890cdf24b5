"""The translate stage's Celery tasks: the extracted document in, the translated one out, range by range."""

from collections.abc import Iterable
from functools import cache

from redis import Redis

from docrelay_common.artifacts import Artifact
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.languages import normalize_language
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.metrics import count_segments, engines_start_at_zero, record_cache_lookup
from docrelay_common.redis_client import connect_redis
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app
from docrelay_common.stages import Stage
from docrelay_common.telemetry import set_span_attributes
from docrelay_translator.budget import require_within_budget
from docrelay_translator.capabilities import publish_capabilities
from docrelay_translator.engine_limits import RequestSlot, request_slots
from docrelay_translator.engines.registry import registered_engines
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import open_memory
from docrelay_translator.mixed import mixed_notices, other_language_routes, other_languages
from docrelay_translator.routing import EngineRoute, bind_route, plan_route
from docrelay_translator.settings import translator_settings
from docrelay_translator.translate import translate_document


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    """Settle the language pair and the route once, before any part: a bad pair fails the job at once."""
    source, target = _pair(message)
    route = plan_route(message.options.engine, source, target, translator_settings().route_rules())
    ctx.info(engine=route.engine_name, engine_path=route.path, source_lang=source)
    parts = (ctx.read_input_part(message, part) for part in message.parts)
    require_within_budget([leg.engine for leg in route.legs], parts, translator_settings().max_chars_per_job)
    # Named for the parts: every replica then takes this route, whatever else it has installed.
    options = message.options.model_copy(update={"route": route.hops})
    planned = ctx.name_output(message.model_copy(update={"options": options}))
    return StagePlan(planned, planned.parts)


def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
    document = ctx.read_input_part(message, part)
    source, target = _pair(message)
    route = _route(message, source, target)
    others = _other_routes(other_languages([document], source), message, target)
    lookups = _LookupRecorder(ctx, route.engine_name)
    with open_memory(translator_settings()) as memory:
        translated = translate_document(
            document,
            route,
            ctx.progress,
            tone=message.options.tone,
            glossary=_glossary(message, ctx),
            memory=memory,
            on_lookup=lookups.record,
            request_slot=_request_slots,
            other_languages=others,
        )
    count_segments(Stage.TRANSLATE, sum(1 for block in translated.blocks() if block.translatable))
    ctx.write_output_part(message, part, translated)


def finish(message: StageMessage, ctx: StageContext) -> StageMessage:
    """Tell the user what was not translated as a whole: a document already in the target language,
    blocks in other languages."""
    source, target = _pair(message)
    notices = []
    if source == target:
        # Not an error: the user may not have known. The result is the document with its tone applied.
        notices.append(f"the document is already in {target}: its text was not translated")
    documents = (ctx.store.read_document(message.part_key(ctx.output, part)) for part in message.parts)
    counts = other_languages(documents, source)
    notices += mixed_notices(counts, _other_routes(counts, message, target), target)
    if notices:
        ctx.notice(*notices, other_language_blocks=dict(counts))
    return message


def _pair(message: StageMessage) -> tuple[str, str]:
    if message.options.source_lang is None:
        reason = "the document's language was not detected: pass source_lang (e.g. source_lang=fr)"
        raise PermanentError(ErrorCode.LANGUAGE_UNDETECTED, reason)
    return _language(message.options.source_lang), _language(message.options.target_lang)


def _route(message: StageMessage, source: str, target: str) -> EngineRoute:
    """The route the plan settled; a message planned before routes existed names only its engine."""
    if message.options.route:
        return bind_route(message.options.route)
    return plan_route(message.options.engine, source, target, translator_settings().route_rules())


def _other_routes(
    languages: Iterable[str], message: StageMessage, target: str
) -> dict[str, EngineRoute | None]:
    rules = translator_settings().route_rules()
    return other_language_routes(languages, message.options.engine, target, rules)


class _LookupRecorder:
    """Memory hits and misses of a part: each lookup counted in the metrics, their sum in the job's info
    (a part looks up once per language its blocks are in)."""

    def __init__(self, ctx: StageContext, engine: str) -> None:
        self.ctx, self.engine = ctx, engine
        self.hits = self.misses = 0

    def record(self, hits: int, misses: int) -> None:
        self.hits, self.misses = self.hits + hits, self.misses + misses
        self.ctx.info(cache_hits=self.hits, cache_misses=self.misses)
        record_cache_lookup(self.engine, hits, misses)
        set_span_attributes(engine=self.engine, **{"cache.hits": self.hits, "cache.misses": self.misses})


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


def _language(tag: str) -> str:
    try:
        return normalize_language(tag)
    except ValueError as exc:
        raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, str(exc)) from exc


work = StageWork(plan=plan, run_part=run_part, finish=finish)
app = create_stage_app(Stage.TRANSLATE, work)
publish_capabilities(app)
engines_start_at_zero(engine.name for engine in registered_engines())
