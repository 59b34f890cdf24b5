"""Spanish: formal text addresses the reader as "usted", informal text as "tú"."""

import re

from docrelay_common.constants import Tone
from docrelay_toner.rules.rewrite import Rewrite, phrase_rewrite

# Present indicative, "tú" form -> "usted" form, of common verbs. Each "tú" form is only ever second
# person; the "usted" forms also mean he/she/it, so they change back only after an explicit "usted".
VERB_FORMS = {
    "puedes": "puede",
    "tienes": "tiene",
    "eres": "es",
    "estás": "está",
    "quieres": "quiere",
    "debes": "debe",
    "necesitas": "necesita",
    "sabes": "sabe",
    "vas": "va",
    "haces": "hace",
    "has": "ha",
    "dices": "dice",
    "ves": "ve",
    "das": "da",
    "vienes": "viene",
    "conoces": "conoce",
    "crees": "cree",
    "piensas": "piensa",
    "prefieres": "prefiere",
    "entiendes": "entiende",
    "encuentras": "encuentra",
    "usas": "usa",
    "hablas": "habla",
    "vives": "vive",
    "escribes": "escribe",
}
# Also plural nouns ("haces de luz", beams of light): changed only right after "tú".
NOUN_HOMOGRAPHS = frozenset({"haces"})
# "para ti" <-> "para usted"; not "a", whose doubled pronoun needs its clitic changed too ("a ti te").
PREPOSITIONS = ("para", "por", "sin", "sobre", "de", "en", "contra", "hacia", "desde", "ante", "tras")

_FORMAL_PHRASES = {
    "contigo": "con usted",
    **{f"{preposition} ti": f"{preposition} usted" for preposition in PREPOSITIONS},
    **{f"tú {second}": f"usted {third}" for second, third in VERB_FORMS.items()},
    **{f"tú no {second}": f"usted no {third}" for second, third in VERB_FORMS.items()},
    # Possessive "tu", never the pronoun "tú"; Apertium writes "vuestro" for any "your".
    "tu": "su",
    "tus": "sus",
    "vuestro": "su",
    "vuestra": "su",
    "vuestros": "sus",
    "vuestras": "sus",
}
_INFORMAL_PHRASES = {
    "con usted": "contigo",
    **{f"{preposition} usted": f"{preposition} ti" for preposition in PREPOSITIONS},
    **{f"usted {third}": f"tú {second}" for second, third in VERB_FORMS.items()},
    **{f"usted no {third}": f"tú no {second}" for second, third in VERB_FORMS.items()},
}

_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")
_TU_OR_TE = re.compile(r"(?<!\w)(?:tú|te)(?!\w)", re.IGNORECASE)
_unstated_subject_verbs = phrase_rewrite(
    {second: third for second, third in VERB_FORMS.items() if second not in NOUN_HOMOGRAPHS}
)


def _verbs_without_subject(text: str) -> str:
    """Second-person verbs with no "tú" before them, as Apertium writes them: "Puedes ver" -> "Puede ver"."""
    return _SENTENCE.sub(_sentence_verbs_without_subject, text)


def _sentence_verbs_without_subject(sentence: re.Match[str]) -> str:
    # A sentence that still has "tú" or "te" keeps its verbs, which would otherwise disagree with them.
    text = sentence.group()
    return text if _TU_OR_TE.search(text) else _unstated_subject_verbs(text)


RULES: dict[Tone, tuple[Rewrite, ...]] = {
    Tone.FORMAL: (phrase_rewrite(_FORMAL_PHRASES), _verbs_without_subject),
    Tone.INFORMAL: (phrase_rewrite(_INFORMAL_PHRASES),),
}
