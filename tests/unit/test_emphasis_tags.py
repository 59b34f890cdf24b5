"""Emphasis marks as XML tags for engines that keep tags on their words (DeepL's tag_handling): bold,
italic and underlined words."""

from docrelay_common.emphasis import CLOSE, Face, opening, unmarked
from docrelay_translator.engines.emphasis_tags import as_xml, from_xml

BOLD, BOTH = opening(Face(True, False)), opening(Face(True, True))


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
    italic = opening(Face(False, True))

    assert as_xml(f"\ue000{CLOSE} and {italic}more{CLOSE}") == "\ue000 and <e1>more</e1>"


def test_underlined_words_go_and_come_back_in_tags_of_their_own() -> None:
    link, bold_link = opening(Face(False, False, True)), opening(Face(True, False, True))

    assert as_xml(f"the {link}help{CLOSE} {bold_link}desk{CLOSE}") == "the <e4>help</e4> <e6>desk</e6>"
    text, runs = unmarked(from_xml("el <e6>escritorio</e6> de <e4>ayuda</e4>"))
    assert [(text[run.start : run.end], run.bold, run.underline) for run in runs] == [
        ("escritorio", True, True),
        ("ayuda", False, True),
    ]
