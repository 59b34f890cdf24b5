"""English: formal text spells contractions out, informal text contracts where that is safe."""

from docrelay_common.constants import Tone
from docrelay_toner.rules.rewrite import Rewrite, phrase_rewrite

NEGATIONS = {
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "wouldn't": "would not",
    "couldn't": "could not",
    "shouldn't": "should not",
    "mustn't": "must not",
}

# Questions and tags put the subject between verb and "not": "Won't you?" -> "Will you not?".
INVERTED_NEGATIONS = {
    **{
        f"{contracted} {pronoun}": f"{expanded.removesuffix('not').strip()} {pronoun} not"
        for contracted, expanded in NEGATIONS.items()
        for pronoun in ("I", "you", "we", "they", "he", "she", "it")
        if (contracted, pronoun) != ("aren't", "I")
    },
    "aren't I": "am I not",
}

# Only pronouns: the 's of a noun ("the author's") is a possessive, never "is".
PRONOUN_VERBS = {
    "I'm": "I am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "it's": "it is",
    "he's": "he is",
    "she's": "she is",
    "that's": "that is",
    "there's": "there is",
    "what's": "what is",
    "I'll": "I will",
    "you'll": "you will",
    "he'll": "he will",
    "she'll": "she will",
    "it'll": "it will",
    "we'll": "we will",
    "they'll": "they will",
}

# Expanded in formal text only: informal text cannot tell "I have seen" (contractible) from
# "I have a car", and 's before "been"/"got" stands for "has", not "is".
FORMAL_ONLY = {
    "I've": "I have",
    "you've": "you have",
    "we've": "we have",
    "they've": "they have",
    "let's": "let us",
    "who's": "who is",
    "here's": "here is",
    "where's": "where is",
    **{
        f"{pronoun}'s {participle}": f"{pronoun} has {participle}"
        for pronoun in ("it", "he", "she", "that", "there", "what", "who")
        for participle in ("been", "got")
    },
}


def _inverted(table: dict[str, str]) -> dict[str, str]:
    return {expanded: contracted for contracted, expanded in table.items()}


RULES: dict[Tone, tuple[Rewrite, ...]] = {
    Tone.FORMAL: (phrase_rewrite({**NEGATIONS, **INVERTED_NEGATIONS, **PRONOUN_VERBS, **FORMAL_ONLY}),),
    Tone.INFORMAL: (
        phrase_rewrite(_inverted({**NEGATIONS, **INVERTED_NEGATIONS})),
        # A contraction cannot end a clause: "I know who you are." must not become "who you're.".
        phrase_rewrite(_inverted(PRONOUN_VERBS), before_word=True),
    ),
}
