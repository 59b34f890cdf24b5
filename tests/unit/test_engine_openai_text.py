"""The prompt sent to a chat model and the reading of its answers, tidy and messy."""

import json

import pytest

from docrelay_common.chat_segments import clean_answer, parse_segments
from docrelay_translator.engines.openai import is_language
from docrelay_translator.engines.openai_text import prompt

HOLA = ["Hola", "el mundo"]


def test_prompt_numbers_the_segments_and_names_the_languages_and_the_count() -> None:
    system, user = prompt(["Hello", 'a "quoted" {0} <b>x</b>', "\u00e9t\u00e9\nline"], "en", "pt-BR")
    assert system["role"] == "system" and user["role"] == "user"
    assert "from English to Portuguese (Brazil)" in system["content"]
    assert "JSON array of 3 strings" in system["content"]
    assert "placeholders" in system["content"] and "numbers" in system["content"]
    assert json.loads(user["content"]) == {
        "1": "Hello",
        "2": 'a "quoted" {0} <b>x</b>',
        "3": "\u00e9t\u00e9\nline",
    }
    assert "\u00e9t\u00e9" in user["content"]


@pytest.mark.parametrize(
    "answer",
    [
        '["Hola", "el mundo"]',
        '```json\n["Hola", "el mundo"]\n```',
        '```\n["Hola", "el mundo"]```',
        'Here are the 2 translations [as requested]:\n["Hola", "el mundo"]\nLet me know if you need more.',
        '<think>They want ["json"] and {braces}.</think>\n["Hola", "el mundo"]',
        '{"translations": ["Hola", "el mundo"]}',
        'Sure: {"1": "Hola", "2": "el mundo"}',
        '{"2": "el mundo", "1": "Hola"}',
        "1. Hola\n2. el mundo",
        'Translations:\n[1] "Hola"\n[2] "el mundo"\nDone.',
        "1) Hola\n2) el mundo",
    ],
)
def test_messy_answers_give_the_translations(answer: str) -> None:
    assert parse_segments(answer) == HOLA


def test_brackets_inside_translations_are_kept() -> None:
    answer = 'Result: ["See [1] and {x}", "a ] b"] trailing [chatter]'
    assert parse_segments(answer) == ["See [1] and {x}", "a ] b"]


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "I cannot help with that.",
        '["Hola", "el mun',  # cut off by the output limit
        "[1, 2]",
        '{"1": "Hola", "3": "el mundo"}',
        "1. Hola\n3. el mundo",
        "[]",
    ],
)
def test_answers_without_readable_translations_give_none(answer: str) -> None:
    assert parse_segments(answer) is None


def test_a_wrong_count_is_returned_as_it_is_for_the_engine_to_judge() -> None:
    assert parse_segments('["Hola"]') == ["Hola"]


def test_clean_answer_drops_reasoning_and_fences() -> None:
    assert clean_answer("<think>hmm</think>\n```text\nHola mundo\n```\nchatter") == "Hola mundo"
    assert clean_answer("  Hola mundo ") == "Hola mundo"


def test_models_write_any_real_language_but_no_pseudo_locale() -> None:
    assert is_language("en") and is_language("pt-BR") and is_language("zh-Hant")
    assert not is_language("en-XA") and not is_language("ar-XB") and not is_language("xx-invalid-tag")
