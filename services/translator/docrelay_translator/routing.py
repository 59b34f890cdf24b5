"""A job's route: the engines that take its text from the source language to the target, hop by hop.

A pair some engine translates directly goes to the first such engine, as it always has; any other
pair goes through bridge languages by `docrelay_common.language_routes`' rules, whose message names
the targets the source can reach when there is no route at all.
"""

import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial

from docrelay_common.constants import Tone
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.language_routes import (
    EnginePairs,
    Hop,
    Route,
    RouteRules,
    engine_path,
    find_route,
    nearest_targets,
    route_engine,
    routes_from,
)
from docrelay_common.languages import PSEUDO_LOCALES
from docrelay_common.metrics import observe_engine_request
from docrelay_translator.engine_limits import RequestSlot
from docrelay_translator.engines.base import Engine, keeps_marks, writes_tone
from docrelay_translator.engines.passthrough import PassThroughEngine
from docrelay_translator.engines.registry import registered_engines, requested_engine

# A batch of texts in, one translation per text out.
BatchTranslator = Callable[[list[str]], list[str]]
# The slot an engine's request holds while it runs, by engine name (DOCRELAY_ENGINE_LIMITS).
RequestSlots = Callable[[str], RequestSlot]


def no_limits(engine: str) -> RequestSlot:
    return nullcontext


@dataclass(frozen=True)
class Leg:
    engine: Engine
    hop: Hop

    def batch_call(self, tone: Tone) -> BatchTranslator:
        """The engine's call for its hop, with the job's tone if the engine writes it itself."""
        engine, hop = self.engine, self.hop
        if writes_tone(engine, hop.source, hop.target, tone):
            return partial(engine.translate_batch, source=hop.source, target=hop.target, tone=tone)
        return partial(engine.translate_batch, source=hop.source, target=hop.target)


@dataclass(frozen=True)
class EngineRoute:
    """A route with the engine of each hop."""

    legs: tuple[Leg, ...]

    @property
    def hops(self) -> Route:
        return tuple(leg.hop for leg in self.legs)

    @property
    def path(self) -> list[str]:
        return engine_path(self.hops)

    @property
    def engine_name(self) -> str:
        return route_engine(self.hops)

    @property
    def memory_name(self) -> str:
        """What the translation memory keys on: the engine of a direct pair, the whole path of a pivot."""
        return self.legs[0].engine.name if len(self.legs) == 1 else ",".join(self.path)

    @property
    def batch_chars(self) -> int:
        return min(leg.engine.batch_chars for leg in self.legs)

    @property
    def keeps_marks(self) -> bool:
        """Does every engine of the route give emphasis marks back on their words (engines.base)?"""
        return all(keeps_marks(leg.engine) for leg in self.legs)

    def batch_call(self, tone: Tone, request_slot: RequestSlots = no_limits) -> BatchTranslator:
        """One batch through every hop, each engine call holding that engine's request slot."""
        calls = [(leg.engine.name, leg.batch_call(tone)) for leg in self.legs]

        def translate(texts: list[str]) -> list[str]:
            for engine, call in calls:
                with request_slot(engine)():
                    started = time.perf_counter()
                    texts = call(texts)
                    observe_engine_request(engine, time.perf_counter() - started)
            return texts

        return translate


def plan_route(
    requested: str | None,
    source: str,
    target: str,
    rules: RouteRules,
    engines: Sequence[Engine] | None = None,
) -> EngineRoute:
    """The requested engine's route, or else the best of all available engines' routes.

    A document already in the target language gets the pass-through engine "none".
    """
    if source == target:
        return direct_route(PassThroughEngine(), source, target)
    engines = registered_engines() if engines is None else engines
    candidates = (
        [requested_engine(requested, engines)] if requested else [e for e in engines if e.is_available()]
    )
    direct = next((engine for engine in candidates if engine.supports(source, target)), None)
    if direct is not None:
        return direct_route(direct, source, target)
    pairs = [EnginePairs(engine.name, frozenset(engine.language_pairs())) for engine in candidates]
    route = find_route(pairs, source, target, rules)
    if route is None:
        raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, _no_route(pairs, source, target, rules))
    return bind_route(route, candidates)


def direct_route(engine: Engine, source: str, target: str) -> EngineRoute:
    """The one-hop route of an engine chosen by hand (benchmarks, tests)."""
    return EngineRoute((Leg(engine, Hop(engine=engine.name, source=source, target=target)),))


def bind_route(route: Route, engines: Sequence[Engine] | None = None) -> EngineRoute:
    """A planned route with its engines, as the parts of a job run it on whichever replica takes them."""
    engines = registered_engines() if engines is None else engines
    return EngineRoute(tuple(Leg(_engine(hop.engine, engines), hop) for hop in route))


def _engine(name: str, engines: Sequence[Engine]) -> Engine:
    return PassThroughEngine() if name == PassThroughEngine.name else requested_engine(name, engines)


def _no_route(pairs: list[EnginePairs], source: str, target: str, rules: RouteRules) -> str:
    within = "directly" if rules.max_hops == 1 else f"in up to {rules.max_hops} hops through bridge languages"
    message = f"no engine translates {source} -> {target} ({within})"
    # Pseudo-locales are no translation: they are worth naming only to whom asked for one.
    reachable = {
        tag: route
        for tag, route in routes_from(pairs, source, rules).items()
        if tag not in PSEUDO_LOCALES or target in PSEUDO_LOCALES
    }
    if not reachable:
        return f"{message}; nothing translates from {source} (GET /v1/languages lists what can be translated)"
    nearest = [
        f"{tag} ({', '.join(engine_path(reachable[tag]))})" for tag in nearest_targets(reachable, target)
    ]
    return f"{message}; the nearest targets {source} translates to: {'; '.join(nearest)}"
