"""Text in capitals is told apart from acronyms and names, and put in sentence case for the engine."""

from docrelay_translator.capitals import in_capitals, sentence_case


def test_two_words_in_capitals_are_text_in_capitals_one_is_an_acronym() -> None:
    assert in_capitals("GENERAL INSTRUCTIONS")
    assert in_capitals("TITLE I: WIPO TREATIES, 1998")
    assert in_capitals("ÉTAT CIVIL")
    assert not in_capitals("WIPO")
    assert not in_capitals("Member states of the WIPO")
    assert not in_capitals("1998 2001")
    # Scripts without case have no capitals.
    assert not in_capitals("日本語 の 文章")


def test_sentence_case_keeps_each_sentences_first_letter() -> None:
    assert sentence_case("GENERAL INSTRUCTIONS. SEE PAGE 2! WHO FILES?") == (
        "General instructions. See page 2! Who files?"
    )
    assert sentence_case("1. SCOPE OF THE ACT") == "1. Scope of the act"
