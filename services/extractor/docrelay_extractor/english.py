"""Very short texts that are plainly English: "Hello World", "Page 1", "Total", "Potato".

Character statistics cannot tell a word or two apart ("Potato" is also Italian for "pruned"), but
English is by far the likeliest language of a short label in a PDF. So a short text in Latin script
all of whose words are English words (lower-case entries of a dictionary word list, so no names)
is taken for English before the statistics are asked.
"""

import re
from pathlib import Path

from docrelay_extractor.text import is_latin
from docrelay_extractor.word_list import common_words

_WORD = re.compile(r"[^\W\d_]+")
# More words than this is a sentence, which lingua judges well by itself.
MAX_WORDS = 6


def plainly_english(text: str, word_list: Path) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS or not all(is_latin(char) for word in words for char in word):
        return False
    vocabulary = common_words(word_list)
    return all(word.lower() in vocabulary for word in words)
