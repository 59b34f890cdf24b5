"""Routes through bridge languages, the languages catalog built from them, and detection candidates."""

from datetime import UTC, datetime

from lingua import Language

from docrelay_common.detection_languages import COMMON_LANGUAGES, DETECTOR_LANGUAGES, detection_candidates
from docrelay_common.engine_catalog import CatalogEntry, EngineInfo, LanguagePair
from docrelay_common.language_catalog import catalog_routes, translatable_sources
from docrelay_common.language_routes import (
    EnginePairs,
    RouteRules,
    engine_path,
    find_route,
    nearest_targets,
    routes_from,
)

RULES = RouteRules(max_hops=2, bridges=("es", "ca"))
APERTIUM = EnginePairs(
    "apertium",
    frozenset({("fr", "es"), ("es", "en"), ("fr", "ca"), ("ca", "en"), ("es", "ca"), ("pt", "es")}),
)
SERVER = EnginePairs("libretranslate", frozenset({("fr", "it"), ("it", "en"), ("pt", "en")}))
PSEUDO = EnginePairs("pseudo", frozenset({("*", "en-XA")}))


def path(source: str, target: str, *engines: EnginePairs, rules: RouteRules = RULES) -> list[str] | None:
    route = find_route(engines, source, target, rules)
    return None if route is None else engine_path(route)


def test_a_direct_pair_wins_over_any_pivot() -> None:
    assert path("pt", "en", APERTIUM, SERVER) == ["libretranslate:pt-en"]
    assert path("fr", "es", APERTIUM, SERVER) == ["apertium:fr-es"]


def test_fewest_hops_then_engine_order_then_bridge_order() -> None:
    # Three two-hop routes to English: through es and ca (apertium) and it (libretranslate, later).
    assert path("fr", "en", APERTIUM, SERVER) == ["apertium:fr-es", "apertium:es-en"]
    assert path("fr", "en", SERVER, APERTIUM) == ["libretranslate:fr-it", "libretranslate:it-en"]
    catalan_first = RouteRules(max_hops=2, bridges=("ca",))
    assert path("fr", "en", APERTIUM, rules=catalan_first) == ["apertium:fr-ca", "apertium:ca-en"]
    # Unlisted bridges come after the listed ones, alphabetically.
    assert path("fr", "en", APERTIUM, rules=RouteRules(bridges=("de",))) == [
        "apertium:fr-ca",
        "apertium:ca-en",
    ]


def test_max_hops_bounds_the_routes() -> None:
    assert path("pt", "ca", APERTIUM) == ["apertium:pt-es", "apertium:es-ca"]
    assert path("pt", "ca", APERTIUM, rules=RouteRules(max_hops=1)) is None
    assert path("pt", "en", APERTIUM) == ["apertium:pt-es", "apertium:es-en"]
    three = RouteRules(max_hops=3)
    assert set(routes_from([APERTIUM], "pt", three)) == {"es", "en", "ca"}
    assert routes_from([APERTIUM], "en", RULES) == {}


def test_a_source_with_a_region_uses_its_language_and_wildcards_take_any_source() -> None:
    assert path("pt-BR", "es", APERTIUM) == ["apertium:pt-es"]
    assert path("de", "en-XA", APERTIUM, PSEUDO) == ["pseudo:de-en-XA"]


def test_nearest_targets_put_the_closest_language_first_and_pseudo_locales_last() -> None:
    routes = routes_from([APERTIUM, PSEUDO], "fr", RULES)
    assert nearest_targets(routes, "en-GB") == ["en", "ca", "es", "en-XA"]
    assert nearest_targets(routes, "ca-valencia", count=1) == ["ca"]


def entry(worker: str, *engines: EngineInfo, rules: RouteRules = RULES) -> CatalogEntry:
    return CatalogEntry(worker=worker, published_at=datetime.now(UTC), engines=list(engines), routing=rules)


def info(name: str, pairs: set[tuple[str, str]], kind: str = "offline", available: bool = True) -> EngineInfo:
    listed = [LanguagePair(source=source, target=target) for source, target in sorted(pairs)]
    return EngineInfo(name=name, available=available, pairs=listed, kind=kind, description=name)  # type: ignore[arg-type]


def test_the_catalog_lists_every_pair_with_its_shortest_route_and_wildcards_as_they_are() -> None:
    first = entry("a", info("apertium", set(APERTIUM.pairs)), info("pseudo", {("*", "en-XA")}, kind="test"))
    second = entry("b", info("libretranslate", {("fr", "en")}, kind="server"))
    routes = {(route.source, route.target): route for route in catalog_routes([first, second])}
    assert routes["fr", "en"].engine_path == ["libretranslate:fr-en"] and routes["fr", "en"].hops == 1
    assert routes["pt", "ca"].engine_path == ["apertium:pt-es", "apertium:es-ca"]
    assert routes["pt", "ca"].engine == "apertium" and routes["pt", "ca"].hops == 2
    assert routes["*", "en-XA"].engine_path == ["pseudo:*-en-XA"]
    assert ("de", "en-XA") not in routes
    assert translatable_sources([first, second]) == {"fr", "es", "ca", "pt"}


def test_unavailable_engines_reach_nothing() -> None:
    assert catalog_routes([entry("a", info("apertium", {("fr", "es")}, available=False))]) == []


def test_detection_candidates_are_the_translatable_sources_plus_the_common_languages() -> None:
    assert {language.iso_code_639_1.name.lower() for language in Language.all()} == DETECTOR_LANGUAGES
    assert detection_candidates({"pt-BR", "sr-Latn", "oc", "ca"}) == COMMON_LANGUAGES | {"sr", "ca"}
    assert "vi" not in detection_candidates({"en", "es"}) and "la" not in detection_candidates({"es"})
    assert detection_candidates({"*"}) == detection_candidates(set()) == DETECTOR_LANGUAGES
