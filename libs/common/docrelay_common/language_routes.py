"""Routes from one language to another through the engines' pairs: direct, or through bridge languages.

When no engine translates A -> B, the text can go A -> C -> B. Of all routes of at most `max_hops`
hops the best is the one with the fewest hops; among those, the one whose engines come first in
the engines' order of preference (hop by hop); then the one whose bridge languages come first in
`bridges` (languages not listed after them, alphabetically). The translator plans its jobs with
these rules and the gateway lists what they reach (`GET /v1/languages`), so both always agree.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import langcodes
from pydantic import BaseModel, ConfigDict, Field

from docrelay_common.languages import PSEUDO_LOCALES

# Source wildcard of an engine's pairs: it accepts text in any language.
ANY_LANGUAGE = "*"


class Hop(BaseModel):
    """One engine call of a route: `engine` translates `source` -> `target`."""

    model_config = ConfigDict(frozen=True)

    engine: str
    source: str
    target: str

    @property
    def label(self) -> str:
        return f"{self.engine}:{self.source}-{self.target}"


Route = tuple[Hop, ...]


class RouteRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    # 1: direct pairs only.
    max_hops: int = Field(default=2, ge=1)
    bridges: tuple[str, ...] = ()


@dataclass(frozen=True)
class EnginePairs:
    """An engine's name and the (source, target) pairs it translates; the order of a list of these is
    the order of preference."""

    name: str
    pairs: frozenset[tuple[str, str]]


def engine_path(route: Route) -> list[str]:
    """How a job shows its route: ["apertium:fr-es", "apertium:es-en"]."""
    return [hop.label for hop in route]


def route_engine(route: Route) -> str:
    """The engine of a route, or the engines of its hops joined by "+" when they differ."""
    return "+".join(dict.fromkeys(hop.engine for hop in route))


def routes_from(engines: Sequence[EnginePairs], source: str, rules: RouteRules) -> dict[str, Route]:
    """The best route to every language reachable from `source`, by target."""
    edges = _edges(engines)
    best: dict[str, tuple[tuple[object, ...], Route]] = {}
    for route in _walk(edges, source, rules.max_hops):
        target, rank = route[-1].target, _rank(route, engines, rules)
        if target != source and (target not in best or rank < best[target][0]):
            best[target] = (rank, route)
    return {target: route for target, (_, route) in sorted(best.items())}


def find_route(engines: Sequence[EnginePairs], source: str, target: str, rules: RouteRules) -> Route | None:
    """The best route source -> target; a source with a region or variant ("pt-BR") may use its language's."""
    for tag in dict.fromkeys([source, langcodes.Language.get(source).language or source]):
        route = routes_from(engines, tag, rules).get(target)
        if route is not None:
            return route
    return None


def nearest_targets(routes: dict[str, Route], wanted: str, count: int = 5) -> list[str]:
    """The reachable targets closest to `wanted` ("en" for "en-GB"), then the ones of fewest hops;
    pseudo-locales last, since they are no translation."""

    def closeness(target: str) -> tuple[bool, int, int, str]:
        return target in PSEUDO_LOCALES, langcodes.tag_distance(wanted, target), len(routes[target]), target

    return sorted(routes, key=closeness)[:count]


def _edges(engines: Sequence[EnginePairs]) -> dict[str, list[Hop]]:
    """Hops by source language, in engine order; wildcard sources are listed under ANY_LANGUAGE."""
    edges: dict[str, list[Hop]] = {}
    for engine in engines:
        for source, target in sorted(engine.pairs):
            edges.setdefault(source, []).append(Hop(engine=engine.name, source=source, target=target))
    return edges


def _walk(edges: dict[str, list[Hop]], source: str, hops_left: int, seen: Route = ()) -> Iterator[Route]:
    """Every route from `source` of at most `hops_left` hops that visits no language twice."""
    visited = {seen[0].source if seen else source, *(hop.target for hop in seen)}
    wildcard = [hop.model_copy(update={"source": source}) for hop in edges.get(ANY_LANGUAGE, [])]
    for hop in [*edges.get(source, []), *wildcard]:
        if hop.target in visited:
            continue
        route = (*seen, hop)
        yield route
        if hops_left > 1:
            yield from _walk(edges, hop.target, hops_left - 1, route)


def _rank(route: Route, engines: Sequence[EnginePairs], rules: RouteRules) -> tuple[object, ...]:
    order = {engine.name: index for index, engine in enumerate(engines)}
    bridges = [hop.target for hop in route[:-1]]
    bridge_order = [
        (rules.bridges.index(tag), "") if tag in rules.bridges else (len(rules.bridges), tag)
        for tag in bridges
    ]
    return len(route), [order[hop.engine] for hop in route], bridge_order
