import pytest

from docrelay_common.line_joins import join_lines
from docrelay_extractor.language import text_sample
from docrelay_extractor.text import clean_line, is_translatable, strip_cids


def test_strip_cids_drops_markers_and_counts_them():
    assert strip_cids("Copyright (cid:13) 2022 (cid:104)x(cid:105)") == ("Copyright  2022 x", 3)


def test_strip_cids_leaves_ordinary_parentheses():
    assert strip_cids("f(x) (cid) (cid:)") == ("f(x) (cid) (cid:)", 0)


def test_clean_line_normalizes_ligatures_and_whitespace():
    assert clean_line("  de\ufb01ned \ufb02ow\u00a0 and\t  more ") == "defined flow and more"


def test_clean_line_drops_control_characters():
    assert clean_line("a\x00b\x07c") == "abc"


def test_clean_line_removes_spaces_inside_cjk_text_only():
    assert clean_line("和 文 ス ケ ー ル の 値 in LaTeX 文書") == "和文スケールの値 in LaTeX 文書"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Ex-", "isting systems"], "Existing systems"),
        (["the non-", "English text"], "the non-English text"),
        (["COVID-", "19 cases"], "COVID-19 cases"),
        (["hyphen\u00ad", "Ation"], "hyphenAtion"),
        (["ends with a dash -", "next"], "ends with a dash - next"),
        (["第一号の", "六とし"], "第一号の六とし"),
        (["plain", "", "lines"], "plain lines"),
    ],
)
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "unmapped", "translatable"),
    [
        ("A sentence.", 0, True),
        ("Привет", 0, True),
        ("42", 0, False),
        ("3.14 (2) - 7%", 0, False),
        ("", 0, False),
        ("x", 5, False),
        ("Words here", 2, True),
        ("\ue000\ue001\ue002a", 0, False),
        # An item's or a form line's label alone; ordinals and two-letter words are words.
        ("a", 0, False),
        ("(b)", 0, False),
        ("9a", 0, False),
        ("77c.", 0, False),
        ("iv)", 0, False),
        ("XII", 0, False),
        ("\u0431)", 0, False),  # Cyrillic be
        ("\u0432", 0, True),  # Cyrillic ve alone: "in", a word
        ("1st", 0, True),
        ("in", 0, True),
        ("vi a", 0, True),
        ("Mix", 0, True),
        ("表", 0, True),
    ],
)
def test_is_translatable(text, unmapped, translatable):
    assert is_translatable(text, unmapped) is translatable


def test_text_sample_spans_the_whole_document():
    texts = [f"block{index:03d}" for index in range(1000)]
    sample = text_sample(texts, limit=500)
    assert len(sample) <= 500
    assert "block000" in sample
    assert any(f"block{index}" in sample for index in range(900, 1000))


def test_text_sample_keeps_short_documents_whole():
    assert text_sample(["one", "two"]) == "one two"
