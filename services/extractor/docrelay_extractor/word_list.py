"""A dictionary's word list (Debian's wamerican, one word a line), read once: its lower-case entries are
common English words, its capitalised ones names ("Tom", "Baker", "Lopez", and places: "Austria").
A missing list holds nothing, and the rules built on it are off."""

import logging
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)


def common_words(word_list: Path) -> frozenset[str]:
    return _entries(word_list)[0]


def proper_names(word_list: Path) -> frozenset[str]:
    return _entries(word_list)[1]


def only_a_name(word: str, word_list: Path) -> bool:
    """Does the list know the word as a name and not as a common word ("Leeds", "Jordan"; not "Bath")?"""
    return word in proper_names(word_list) and word.lower() not in common_words(word_list)


@cache
def _entries(word_list: Path) -> tuple[frozenset[str], frozenset[str]]:
    try:
        words = [
            word
            for word in word_list.read_text(encoding="utf-8", errors="replace").split()
            if "'" not in word
        ]
    except OSError as exc:
        logger.warning("no word list at %s (%s): rules on English words and names are off", word_list, exc)
        return frozenset(), frozenset()
    return frozenset(word for word in words if word.islower()), frozenset(
        word for word in words if word.istitle()
    )
