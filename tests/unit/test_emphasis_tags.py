"""Emphasis marks as XML tags for engines that keep tags on their words (DeepL's tag_handling)."""

from docrelay_common.emphasis import CLOSE, opening, unmarked
from docrelay_translator.engines.emphasis_tags import as_xml, from_xml

BOLD, BOTH = opening((True, False)), opening((True, True))


def test_marked_words_become_tags_of_their_faces_and_the_text_is_escaped() -> None:
    text = f"Use {BOLD}Form{CLOSE} {BOTH}1040{CLOSE} & <this>, not {BOLD}lost"

    assert as_xml(text) == "Use <e2>Form</e2> <e3>1040</e3> &amp; &lt;this&gt;, not lost"


def test_an_answer_comes_back_as_marks_and_characters() -> None:
    answer = "Utilice el <e3>1040</e3> del <e2>Formulario</e2> &amp; &lt;e2&gt; literal"

    text, runs = unmarked(from_xml(answer))

    assert text == "Utilice el 1040 del Formulario & <e2> literal"
    assert [(text[run.start : run.end], run.bold, run.italic) for run in runs] == [
        ("1040", True, True),
        ("Formulario", True, False),
    ]


def test_a_closing_mark_left_alone_by_a_protected_span_is_left_out() -> None:
    # A glossary term taking an emphasised word's opening mark leaves its closing one after the placeholder.
    italic = opening((False, True))

    assert as_xml(f"\ue000{CLOSE} and {italic}more{CLOSE}") == "\ue000 and <e1>more</e1>"
