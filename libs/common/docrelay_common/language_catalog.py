"""What the running translators can translate, from their engine catalog: every source -> target they
reach, directly or through bridge languages, and the languages text can be translated from.

Each replica's view is routed with its own engines and rules; a pair several replicas reach keeps
its route of fewest hops. Test engines (pseudo-localization) take no part in routes: their wildcard
pairs are listed as they are, with source "*".
"""

from collections.abc import Sequence

from pydantic import BaseModel

from docrelay_common.engine_catalog import CatalogEntry, EngineInfo, engine_pairs
from docrelay_common.language_routes import (
    ANY_LANGUAGE,
    EnginePairs,
    Hop,
    Route,
    engine_path,
    route_engine,
    routes_from,
)


class LanguageRoute(BaseModel):
    source: str
    target: str
    engine: str
    hops: int
    engine_path: list[str]


def catalog_routes(entries: Sequence[CatalogEntry]) -> list[LanguageRoute]:
    """Every source -> target some live replica translates, with its route, by source and target."""
    found: dict[tuple[str, str], Route] = {}
    for entry in entries:
        routable = engine_pairs(_real(entry.engines))
        for source in sorted(_sources(routable)):
            for route in routes_from(routable, source, entry.routing).values():
                _keep_shorter(found, route)
        for engine in engine_pairs(entry.engines):
            for source, target in engine.pairs:
                if source == ANY_LANGUAGE:
                    _keep_shorter(found, (Hop(engine=engine.name, source=source, target=target),))
    return [_view(route) for _, route in sorted(found.items())]


def translatable_sources(entries: Sequence[CatalogEntry]) -> set[str]:
    """The languages some real engine of a live replica translates from; "*" when one takes any."""
    return _sources([engine for entry in entries for engine in engine_pairs(_real(entry.engines))], True)


def _real(engines: Sequence[EngineInfo]) -> list[EngineInfo]:
    return [engine for engine in engines if engine.kind != "test"]


def _sources(engines: Sequence[EnginePairs], wildcard: bool = False) -> set[str]:
    return {source for engine in engines for source, _ in engine.pairs if wildcard or source != ANY_LANGUAGE}


def _keep_shorter(found: dict[tuple[str, str], Route], route: Route) -> None:
    pair = route[0].source, route[-1].target
    if pair not in found or len(route) < len(found[pair]):
        found[pair] = route


def _view(route: Route) -> LanguageRoute:
    return LanguageRoute(
        source=route[0].source,
        target=route[-1].target,
        engine=route_engine(route),
        hops=len(route),
        engine_path=engine_path(route),
    )
