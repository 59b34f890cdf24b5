"""Very short texts that are plainly English: "Hello World", "Page 1", "Total", "Potato".

Character statistics cannot tell a word or two apart ("Potato" is also Italian for "pruned"), but
English is by far the likeliest language of a short label in a PDF. So a short text in Latin script
all of whose words are English words (lower-case entries of a dictionary word list, so no names)
is taken for English before the statistics are asked.
"""

import logging
import re
from functools import cache
from pathlib import Path

from docrelay_extractor.text import is_latin

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+")
# More words than this is a sentence, which lingua judges well by itself.
MAX_WORDS = 6


def plainly_english(text: str, word_list: Path) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS or not all(is_latin(char) for word in words for char in word):
        return False
    vocabulary = _vocabulary(word_list)
    return all(word.lower() in vocabulary for word in words)


@cache
def _vocabulary(word_list: Path) -> frozenset[str]:
    try:
        lines = word_list.read_text(encoding="utf-8", errors="replace").split()
    except OSError as exc:
        logger.warning("no English word list at %s (%s): short texts are left to lingua", word_list, exc)
        return frozenset()
    return frozenset(word for word in lines if word.islower() and "'" not in word)
