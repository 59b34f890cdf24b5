"""Very short texts that are plainly English: "Hello World", "Page 1", "Total", "Potato"; and documents
of labels most of which are.

Character statistics cannot tell a word or two apart ("Potato" is also Italian for "pruned"), but
English is by far the likeliest language of a short label in a PDF. So a short text in Latin script
all of whose words are English words (lower-case entries of a dictionary word list, so no names)
is taken for English before the statistics are asked. A document made mostly of such short texts (a
table's heads and cells, a form's fields) gives the statistics little but labels and names to go by:
"Name Role Engineer Designer Analyst Manager Support Office Berlin Paris London Lisbon Oslo" was
Latin to them, a contact list Tagalog, a purchase order to a Swiss steelworks no language at all.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from docrelay_extractor.text import is_latin
from docrelay_extractor.word_list import common_words, only_a_name

_WORD = re.compile(r"[^\W\d_]+")
# More words than this is a sentence, which lingua judges well by itself.
MAX_WORDS = 6
# A document of labels with this many plainly English ones or more, as many as the others, is English.
MIN_ENGLISH_LABELS = 3


def plainly_english(text: str, word_list: Path) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS or not all(is_latin(char) for word in words for char in word):
        return False
    vocabulary = common_words(word_list)
    return all(word.lower() in vocabulary for word in words)


def labelled_in_english(texts: Sequence[str], word_list: Path) -> bool:
    """Are most of the texts short (MAX_WORDS words or fewer), and of those labels at least
    MIN_ENGLISH_LABELS plainly English, as many as the others? Labels that are only names the word
    list knows ("Berlin", "Oslo") say nothing of a language. French, German and Spanish invoices,
    forms and staff lists here have a fifth of their labels plainly English at most ("Client",
    "Date"), English ones half or more."""
    worded = [words for text in texts if (words := _WORD.findall(text))]
    short = [words for words in worded if len(words) <= MAX_WORDS]
    labels = [words for words in short if not all(only_a_name(word, word_list) for word in words)]
    english = sum(plainly_english(" ".join(words), word_list) for words in labels)
    return 2 * len(short) >= len(worded) and english >= MIN_ENGLISH_LABELS and 2 * english >= len(labels)
