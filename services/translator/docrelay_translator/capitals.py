"""Text set in capitals goes to the engine in sentence case, and its translation comes back in capitals.

Engines read words in capitals as names or acronyms and leave them or mix them up: Apertium gives
"INSTRUCCIONES generales PARA FORMAS" for "GENERAL INSTRUCTIONS FOR FORMS", and "El COPYRIGHT de
MILENIO DIGITAL OBRA DE 1998" for dmca's title "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998"; in
sentence case they read "Instrucciones generales para formas" and "La ley de copyright de milenio digital
de 1998". A single word in capitals may be an acronym ("WIPO", "NASA") and is left as it is.
"""

import re

# Words (runs of letters) a text in capitals needs to be sent in sentence case.
MIN_WORDS = 2
_WORD = re.compile(r"[^\W\d_]+")
# A sentence starts at the text's start and after a full stop, a question or an exclamation mark.
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([^\W\d_])")


def in_capitals(text: str) -> bool:
    """Are all the cased letters of at least MIN_WORDS words capitals?"""
    words = [word for word in _WORD.findall(text) if word.lower() != word.upper()]
    return len(words) >= MIN_WORDS and all(word.isupper() for word in words)


def sentence_case(text: str) -> str:
    """The text in lower case, but the first letter of each sentence."""
    return _SENTENCE_START.sub(lambda match: match.group(1) + match.group(2).upper(), text.lower())
