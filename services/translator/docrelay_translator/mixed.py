"""Blocks in another language than their document's: an English abstract in a Spanish paper.

The extractor marks a block with its own language when detection is confident of it. Such a block
is translated from its own language when some route leads from there to the target, and kept as it
is otherwise (or when it is already in the target language); the job's info counts them.
"""

from collections import Counter
from collections.abc import Iterable

from docrelay_common.document import Document
from docrelay_common.errors import PermanentError
from docrelay_common.language_routes import RouteRules, engine_path
from docrelay_translator.routing import EngineRoute, plan_route


def other_languages(documents: Iterable[Document], source: str) -> Counter[str]:
    """Blocks to translate whose detected language is not `source`, counted by language."""
    return Counter(
        block.lang
        for document in documents
        for block in document.blocks()
        if block.translatable and block.lang is not None and block.lang != source
    )


def other_language_routes(
    languages: Iterable[str], requested: str | None, target: str, rules: RouteRules
) -> dict[str, EngineRoute | None]:
    """The route of each language to the target; None where the blocks are to be kept as they are."""
    return {language: _route(language, requested, target, rules) for language in languages}


def _route(language: str, requested: str | None, target: str, rules: RouteRules) -> EngineRoute | None:
    if language == target:
        return None
    try:
        return plan_route(requested, language, target, rules)
    except PermanentError:
        return None


def mixed_notices(counts: Counter[str], routes: dict[str, EngineRoute | None], target: str) -> list[str]:
    """What happened to the blocks in other languages, one notice per language."""
    notices = []
    for language, blocks in sorted(counts.items()):
        route, some = routes[language], f"{blocks} block{'s' if blocks > 1 else ''} in {language}"
        if route is not None:
            notices.append(f"{some} translated from {language} ({' > '.join(engine_path(route.hops))})")
        elif language == target:
            notices.append(f"{some}, already the target language, kept as written")
        else:
            notices.append(f"{some} kept as written: no engine translates {language} -> {target}")
    return notices
