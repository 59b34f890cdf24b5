"""English tone rules: formal spells contractions out, informal contracts where it is safe."""

import pytest

from docrelay_common.constants import Tone
from docrelay_toner.rules.en import INVERTED_NEGATIONS, NEGATIONS, PRONOUN_VERBS
from docrelay_toner.tone import apply_tone


def formal(text: str) -> str:
    return apply_tone(text, "en", Tone.FORMAL)


def informal(text: str) -> str:
    return apply_tone(text, "en", Tone.INFORMAL)


@pytest.mark.parametrize(
    ("contracted", "expanded"),
    [
        ("I don't know.", "I do not know."),
        ("They can't see it.", "They cannot see it."),
        ("We won't stop.", "We will not stop."),
        ("I'm sure.", "I am sure."),
        ("You're right about it.", "You are right about it."),
        ("It's late now.", "It is late now."),
        ("She isn't here today.", "She is not here today."),
        ("We'll see them soon.", "We will see them soon."),
        ("Won't you come?", "Will you not come?"),
        ("It works, doesn't it?", "It works, does it not?"),
    ],
)
def test_contractions_round_trip(contracted: str, expanded: str) -> None:
    assert formal(contracted) == expanded
    assert informal(expanded) == contracted


@pytest.mark.parametrize(("contracted", "expanded"), sorted({**NEGATIONS, **PRONOUN_VERBS}.items()))
def test_every_table_entry_in_both_directions(contracted: str, expanded: str) -> None:
    assert formal(f"So {contracted} that") == f"So {expanded} that"
    assert informal(f"So {expanded} that") == f"So {contracted} that"


def test_every_inverted_negation_expands() -> None:
    for contracted, expanded in INVERTED_NEGATIONS.items():
        assert formal(f"Why {contracted}?") == f"Why {expanded}?"


def test_formal_only_expansions() -> None:
    assert formal("It's been a year and he's got a car.") == "It has been a year and he has got a car."
    assert formal("I've seen it. Let's go.") == "I have seen it. Let us go."
    assert informal("I have seen it. Let us go.") == "I have seen it. Let us go."


def test_case_of_the_first_letter_and_capitals_are_kept() -> None:
    assert formal("Don't go. don't go. DON'T GO.") == "Do not go. do not go. DO NOT GO."
    assert informal("Do not go. IT IS NOT OVER.") == "Don't go. IT ISN'T OVER."
    assert formal("i'm here") == "I am here"


def test_typographic_apostrophes_are_read_and_written() -> None:
    assert formal("It\u2019s what they don\u2019t say.") == "It is what they do not say."
    assert informal("It is done, as \u2018quoted\u2019.") == "It\u2019s done, as \u2018quoted\u2019."
    assert informal("It is done.") == "It's done."


def test_possessives_and_look_alike_words_are_untouched() -> None:
    text = "The author's book, its cover, the company's results and John's idea; well, shell, hell, wont."
    assert formal(text) == text
    assert formal("The cat's toy and it's mine.") == "The cat's toy and it is mine."


def test_informal_does_not_contract_at_the_end_of_a_clause() -> None:
    assert informal("I know who you are.") == "I know who you are."
    assert informal("Yes, it is. That is, the end.") == "Yes, it is. That is, the end."
    assert informal("Whatever it is not.") == "Whatever it isn't."


def test_whole_words_only() -> None:
    assert informal("Visit is nothing; this is notable.") == "Visit is nothing; this is notable."
    assert formal("Dont and cant and wont stay.") == "Dont and cant and wont stay."
