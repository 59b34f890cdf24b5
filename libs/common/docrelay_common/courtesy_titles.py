"""Courtesy titles before a person's name, in the languages of our engines' pairs: English, French,
German, Spanish, Italian, Portuguese, Catalan, Dutch.

The extractor keeps a cell that is such a name ("Mrs Okafor"); the translator hides the name after a
title in running text from the engine, which read surnames as words ("Ms Fox" -> "Señora Zorro",
"Mr Day" -> "Señor Día") and translates the title itself well ("Mr" -> "Señor").
"""

import re

# Written as here ("Mr", "Mme", not "MS" nor "DR", an acronym), with or without their full stop. Those
# that are words or abbreviations of their own ("Sr Engineer", "Rev Growth", "ING Bank", "Fr 9:00")
# count only with their full stop.
COURTESY_TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Revd Mme Mlle Herr Frau Sra Srta Dra Dña Dª Sig.ra Sig.na Dott.ssa "  # noqa: SIM905
    "Prof.ssa Dhr Mevr Mw".split()
)
DOTTED_TITLES = frozenset("M. Pr. Me. Hr. Fr. D. Sr. Rev. Sig. Dott. Avv. Ing.".split())  # noqa: SIM905

# The capitals of Latin-1 and Latin Extended-A ("Č", "Ł", "Ž"), for a character class.
_CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    chr(code) for code in range(0x100, 0x180) if chr(code).isupper()
)
# A capitalised word of a name, or an initial: "Fox", "Okafor-Smith", "O'Neill", "J.".
_NAME_WORD = rf"[{_CAPITALS}](?:\.|[\w-]*(?:['\u2019](?!s\b)[\w-]+)*)"
# In running text a letter and a full stop is an initial as often ("D. M. Smith"), or a variable ending a
# sentence ("the inverse of M. This is"): "M." and "D." are no titles there.
_TITLES = sorted(
    {
        *COURTESY_TITLES,
        *(f"{title}." for title in COURTESY_TITLES),
        *(title for title in DOTTED_TITLES if len(title) > 2),
    }
)
_AFTER_A_TITLE = "|".join(rf"(?<=\b{re.escape(title)}[ \u00a0])" for title in _TITLES)
# One to three such words after a title and a space (the title itself is left to the engine); the first
# capital is looked for before the titles, which are many. Case-sensitive inside a pattern that is not.
# Not a name with a possessive's "'s": hidden, it is no possessive to the engine ("Mr Day's class" had
# come back "Señor Day's inicios de clase"), so the engine gets it, words and all.
TITLED_NAME = (
    rf"(?-i:(?=[{_CAPITALS}])(?:{_AFTER_A_TITLE})"
    rf"(?>{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,2}})(?!['\u2019]s\b))"
)


def is_courtesy_title(word: str) -> bool:
    return word in DOTTED_TITLES or word.removesuffix(".") in COURTESY_TITLES
