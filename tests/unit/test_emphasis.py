"""Emphasis marks: a block's runs of bold, italic or underlined words as marks around each word, and back."""

import itertools

from docrelay_common.document import Emphasis
from docrelay_common.emphasis import (
    CLOSE,
    MARKED_WORD,
    Face,
    balanced,
    faced_parts,
    marked,
    opening,
    unmarked,
    without_marks,
)
from docrelay_common.line_joins import join_lines
from docrelay_common.sentence_chains import words

BOLD, ITALIC = Face(True, False), Face(False, True)
TEXT = "See the red car for all the details."
# "red" in bold, "for all" in italics.
RUNS = [
    Emphasis(start=8, end=11, bold=True, italic=False),
    Emphasis(start=16, end=23, bold=False, italic=True),
]


def test_each_word_of_a_run_is_marked_and_the_marks_give_the_runs_back() -> None:
    text = marked(TEXT, RUNS)

    assert text == (
        f"See the {opening(BOLD)}red{CLOSE} car {opening(ITALIC)}for{CLOSE} {opening(ITALIC)}all{CLOSE} "
        "the details."
    )
    assert unmarked(text) == (TEXT, RUNS)
    assert without_marks(text) == TEXT


def test_underlined_words_have_marks_of_their_own_whatever_their_weight() -> None:
    # "red" bold and underlined, "for all" underlined (a link), "the" bold.
    runs = [
        Emphasis(start=8, end=11, bold=True, italic=False, underline=True),
        Emphasis(start=16, end=23, bold=False, italic=False, underline=True),
        Emphasis(start=24, end=27, bold=True, italic=False),
    ]
    text = marked(TEXT, runs)

    underlined, bold_underlined = opening(Face(False, False, True)), opening(Face(True, False, True))
    assert text == (
        f"See the {bold_underlined}red{CLOSE} car {underlined}for{CLOSE} {underlined}all{CLOSE} "
        f"{opening(BOLD)}the{CLOSE} details."
    )
    assert len({opening(Face(*bits)) for bits in itertools.product((False, True), repeat=3)}) == 8
    assert unmarked(text) == (TEXT, runs)
    assert [face for face, _ in faced_parts(text) if face] == [
        Face(True, False, True),
        Face(False, False, True),
        Face(False, False, True),
        BOLD,
    ]


def test_runs_follow_their_words_through_a_rewrite() -> None:
    # As Apertium gives "the red car" back: the word bound to its style moves.
    rewrite = f"Ver el coche {opening(BOLD)}rojo{CLOSE} para {opening(ITALIC)}todos{CLOSE} los detalles."

    text, runs = unmarked(rewrite)

    assert text == "Ver el coche rojo para todos los detalles."
    assert [(text[run.start : run.end], run.bold, run.italic) for run in runs] == [
        ("rojo", True, False),
        ("todos", False, True),
    ]


def test_a_mark_whose_pair_was_lost_makes_no_run() -> None:
    for lost in (f"a {opening(BOLD)}b c", f"a b{CLOSE} c", f"a {opening(BOLD)}b {opening(ITALIC)}c{CLOSE} d"):
        text, runs = unmarked(lost)
        assert text == without_marks(lost)
        assert all(not run.bold for run in runs)


def test_runs_of_one_face_only_spaces_part_become_one_and_white_space_is_no_part_of_a_run() -> None:
    text, runs = unmarked(
        f"x {opening(BOLD)} Form{CLOSE} {opening(BOLD)}1040{CLOSE}{opening(BOLD)}-NR {CLOSE}, y"
    )

    assert text == "x  Form 1040-NR , y"
    assert [text[run.start : run.end] for run in runs] == ["Form 1040-NR"]


def test_runs_past_the_text_or_overlapping_are_left_out() -> None:
    runs = [
        *RUNS,
        Emphasis(start=9, end=14, bold=True, italic=True),
        Emphasis(start=30, end=99, bold=True, italic=False),
    ]
    assert marked(TEXT, runs) == marked(TEXT, RUNS)


def test_a_line_broken_inside_a_run_closes_it_and_the_next_opens_it_again() -> None:
    lines = [f"See {opening(BOLD)}wonder", f"ful{CLOSE} cars"]

    assert balanced(lines) == [f"See {opening(BOLD)}wonder{CLOSE}", f"{opening(BOLD)}ful{CLOSE} cars"]
    assert list(faced_parts(balanced(lines)[1])) == [(BOLD, "ful"), (None, " cars")]
    # Read alone, a part left open keeps its face to the end; a closing mark alone ends nothing.
    assert list(faced_parts(lines[0])) == [(None, "See "), (BOLD, "wonder")]
    assert list(faced_parts(lines[1])) == [(None, "ful"), (None, " cars")]


def test_a_hyphenated_word_emphasised_on_both_sides_of_a_break_is_joined_whole() -> None:
    # A sentence cut by a column's end, translated whole (continued.py): "specif-" / "ically".
    italic = opening(ITALIC)
    text, runs = unmarked(join_lines([f"the {italic}specif-{CLOSE}", f"{italic}ically{CLOSE} done"]))

    assert text == "the specifically done"
    assert [text[run.start : run.end] for run in runs] == ["specifically"]
    assert join_lines(["non-", f"{italic}English{CLOSE}"]) == f"non-{italic}English{CLOSE}"


def test_marks_stay_with_the_characters_they_mark_where_each_character_is_a_word() -> None:
    bold = opening(BOLD)

    assert words(f"{bold}漢字{CLOSE} です") == [f"{bold}漢", f"字{CLOSE} ", "で", "す"]
    # Beside a CJK character no space is put, marks or not.
    assert join_lines([f"{bold}東京{CLOSE}", f"{bold}に{CLOSE}"]) == f"{bold}東京{CLOSE}{bold}に{CLOSE}"


def test_a_marked_word_is_an_opening_mark_a_word_and_the_closing_mark() -> None:
    bold = opening(BOLD)
    text = f"x{CLOSE}y{CLOSE} {bold}Form,{CLOSE} {bold}a b{CLOSE}"

    assert [match.group(1, 2) for match in MARKED_WORD.finditer(text)] == [(bold, "Form,")]
