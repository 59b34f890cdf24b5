"""Text in capitals is told apart from acronyms and names, and put in title case for the engine."""

from docrelay_translator.capitals import in_capitals, one_word_in_capitals, title_case


def test_two_words_in_capitals_are_text_in_capitals_one_is_an_acronym() -> None:
    assert in_capitals("GENERAL INSTRUCTIONS")
    assert in_capitals("TITLE I: WIPO TREATIES, 1998")
    assert in_capitals("ÉTAT CIVIL")
    assert not in_capitals("WIPO")
    assert not in_capitals("Member states of the WIPO")
    assert not in_capitals("1998 2001")
    # Scripts without case have no capitals.
    assert not in_capitals("日本語 の 文章")


def test_title_case_keeps_short_words_that_are_no_common_word_in_capitals() -> None:
    assert title_case("GENERAL INSTRUCTIONS FOR FORMS") == "General Instructions For Forms"
    assert title_case("THE US GOVERNMENT, MADE IN CHINA") == "The US Government, Made In China"
    assert title_case("TITLE IV: WIPO, 1998") == "Title IV: Wipo, 1998"


def test_one_word_in_capitals_longer_than_an_acronym_of_two_letters() -> None:
    assert one_word_in_capitals("INVOICE")
    assert one_word_in_capitals("TOTAL:")
    assert not one_word_in_capitals("US")
    assert not one_word_in_capitals("Invoice")
    assert not one_word_in_capitals("GENERAL INSTRUCTIONS")
