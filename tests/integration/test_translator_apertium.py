"""The Apertium engine, running the real `apertium` program with the installed eng-spa pair."""

import os
import re
import tempfile
import time
from pathlib import Path

import pytest

from docrelay_common.document import BBox, Document, Emphasis, Page, TextBlock
from docrelay_common.emphasis import CLOSE, Face, opening, unmarked, without_marks
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_translator.engines.apertium import ApertiumEngine
from docrelay_translator.engines.apertium_modes import pairs_from_mode
from docrelay_translator.engines.registry import registered_engines
from docrelay_translator.routing import direct_route
from docrelay_translator.settings import TranslatorSettings
from docrelay_translator.translate import translate_document

SETTINGS = TranslatorSettings()
SPANISH_WORDS = {"el", "la", "los", "las", "de", "que", "y", "en", "es", "un", "una"}
SENTENCES = [
    "The results of the experiment were clear.",
    "This method is faster than the old one.",
    "We describe a new system for extracting information from text.",
    "The house that we bought last year is very old.",
    "Each page of the document contains a table and a figure.",
    "You can download the software from our website.",
    "The committee will meet again next week to discuss the budget.",
    "Most programs written in this language are short.",
    "The children played in the garden until the evening.",
    "It is important to read the instructions before you start.",
]


@pytest.fixture(scope="module")
def apertium() -> ApertiumEngine:
    engine = ApertiumEngine(SETTINGS.apertium_bin, SETTINGS.apertium_data_dir, SETTINGS.apertium_timeout)
    if not engine.is_available():
        pytest.skip("apertium with a language pair is not installed")
    return engine


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_language_pairs_are_the_installed_modes(apertium: ApertiumEngine) -> None:
    modes = sorted(path.stem for path in (SETTINGS.apertium_data_dir / "modes").glob("*.mode"))
    listed = set(apertium.language_pairs())
    assert listed <= {pair for mode in modes for pair in pairs_from_mode(mode)}
    assert ("en", "es") in listed and ("es", "en") in listed
    assert apertium.supports("en", "es") and not apertium.supports("fr", "de")


def test_modes_missing_a_data_file_or_excluded_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "modes").mkdir()
    data = tmp_path / "eng-spa.bin"
    data.write_bytes(b"")
    for mode, reads in [("eng-spa", data), ("spa-eng", tmp_path / "missing.bin"), ("eng-cat", data)]:
        (tmp_path / "modes" / f"{mode}.mode").write_text(f"lt-proc '{reads}' | apertium-pretransfer\n")
    engine = ApertiumEngine(SETTINGS.apertium_bin, tmp_path, 5, exclude=frozenset({"eng-cat"}))
    assert engine.language_pairs() == [("en", "es")]


def test_a_pair_that_prints_nothing_fails_the_job_clearly(apertium: ApertiumEngine) -> None:
    if not (SETTINGS.apertium_data_dir / "modes" / "rus-bel.mode").exists():
        pytest.skip("apertium-bel-rus is not installed")
    with pytest.raises(PermanentError) as failure:
        apertium.translate_batch(["Все люди рождаются свободными."], "ru", "be")  # noqa: RUF001 (Russian)
    assert (
        failure.value.code == ErrorCode.ENGINE_ERROR
        and "the installed pair is broken" in failure.value.message
    )
    # Left out by default, so that no job is routed through it.
    assert ("ru", "be") not in registered_engines()[0].language_pairs()


def test_english_becomes_spanish(apertium: ApertiumEngine) -> None:
    translations = apertium.translate_batch(SENTENCES, "en", "es")
    assert len(translations) == len(SENTENCES)
    for source, translation in zip(SENTENCES, translations, strict=True):
        assert translation != source and translation.strip() == translation and "  " not in translation
        assert words(translation) & SPANISH_WORDS, translation
    assert {"el", "la", "de", "que"} <= set().union(*map(words, translations))


def test_spanish_becomes_english(apertium: ApertiumEngine) -> None:
    [translation] = apertium.translate_batch(["La casa es muy grande y el jardín es bonito."], "es", "en")
    assert {"the", "house", "garden"} <= words(translation)


def test_two_hundred_segments_come_back_in_order(apertium: ApertiumEngine) -> None:
    segments = [f"Item {index}: {SENTENCES[index % len(SENTENCES)]}" for index in range(200)]
    translations = apertium.translate_batch(segments, "en", "es")
    assert len(translations) == 200
    for index, translation in enumerate(translations):
        assert re.findall(r"\d+", translation) == [str(index)], translation
        assert words(translation) & SPANISH_WORDS


def test_segments_without_final_punctuation_keep_their_own_words(apertium: ApertiumEngine) -> None:
    # With plain newlines between them, Apertium moves "analysis" into the first segment.
    first, second = apertium.translate_batch(["written for a single piece of data", "analysis."], "en", "es")
    assert "análisis" not in first and "análisis" in second


@pytest.mark.parametrize(
    ("segments", "next_to_a_date"),
    [
        # An order form's cells: each date's "Jan" took the full stop closing its segment for its own
        # ("Jan."), so its sentence went on into the next cell: "14 Entrega" / "de Ene. por".
        (
            ["Customer Ref No", "C-55120", "Order date", "14 Jan", "Delivery by", "21 Jan", "Payment terms"],
            ("Delivery by", "Entrega por"),
        ),
        # A table's units and dates, "min" and "Mar" abbreviations too.
        (
            ["Heart rate, beats/min", "Body weight, kg", "03 Mar", "Description", "Sun 9 Mar", "Week 11"],
            ("Description", "Descripción"),
        ),
    ],
    ids=["order form", "units and dates"],
)
def test_a_segment_ending_in_an_abbreviation_keeps_its_words_to_itself(
    apertium: ApertiumEngine, segments: list[str], next_to_a_date: tuple[str, str]
) -> None:
    alone = [apertium.translate_batch([segment], "en", "es")[0] for segment in segments]

    together = apertium.translate_batch(segments, "en", "es")

    assert together == alone
    source, translation = next_to_a_date
    assert together[segments.index(source)] == translation


def _translated_blocks(apertium: ApertiumEngine, texts: list[str]) -> list[str]:
    """The texts, each a block of one page, translated from English to Spanish as a document."""
    blocks = [
        TextBlock(id=f"b{index}", bbox=BBox(x0=0, top=0, x1=300, bottom=20), text=text, source_text=text)
        for index, text in enumerate(texts)
    ]
    document = Document(source_lang="en", pages=[Page(number=1, width=300, height=100, blocks=blocks)])
    translated = translate_document(document, direct_route(apertium, "en", "es"), lambda d, n: None)
    return [block.text for block in translated.blocks()]


def test_a_labels_letter_a_is_no_article(apertium: ApertiumEngine) -> None:
    # "Hall A" had come back "Sala Un"; the article opening a phrase is still one.
    texts = ["Hall A", "Vitamin A", "A new beginning"]

    translated = _translated_blocks(apertium, texts)

    assert translated == ["Sala A", "Vitamina A", "Un comienzo nuevo"]


def test_names_after_courtesy_titles_and_a_grades_letter_come_back_as_written(
    apertium: ApertiumEngine,
) -> None:
    # A timetable's teachers had come back "Señora Zorro", "Señor Día", "Señora Timbre", a grade "Un*".
    texts = ["Ms Fox", "Mr Day", "Ms Bell", "Grade A*", "A+"]

    translated = _translated_blocks(apertium, texts)

    assert translated == [
        "Señora Fox",
        "Señor Day",
        "Señora Bell",
        "Nota A*",
        "A+",
    ]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("See [1] and (2) for the details.", ["[1]", "(2)"]),
        ("The path C:\\Users\\test and the value a\\b are examples.", ["C:\\Users\\test", "a\\b"]),
        ("The symbols ^ and $ and / and < and > and @ are here.", ["^", "$", "/", "<", ">", "@"]),
        ("The braces {x} and the star * and the hash # stay.", ["{x}", "*", "#"]),
        (
            "Visit https://example.com/the/file?dog=1&cat=2 for the dog.",
            ["https://example.com/the/file?dog=1&cat=2"],
        ),
        ("Write to the.file@example.com now.", ["the.file@example.com"]),
        (
            "The numbers 3.14, 1,000 and 42% of 7 are in Figure 3a at 10am.",
            ["3.14", "1,000", "42%", "7", "3a", "10am"],
        ),
        (
            "The 'single' and \u2018quoted\u2019 words, and \u201cdouble\u201d ones.",
            ["'", "\u2018", "\u201d"],
        ),
        (
            "Open ~/file.txt and call data.frame() with snake_case names.",
            ["~/file.txt", "data.frame()", "snake_case"],
        ),
        # R's formulas: a tilde joins a multiword in Apertium's stream, so it travels as a blank.
        ("Fit the model y ~ x and then z~w with the data.", ["y ~ x", "z~w"]),
    ],
)
def test_special_characters_and_tokens_survive(
    apertium: ApertiumEngine, text: str, tokens: list[str]
) -> None:
    [translation] = apertium.translate_batch([text], "en", "es")
    for char in "[](){}\\^$/<>@*#%~'\u2018\u2019\u201c\u201d":
        assert translation.count(char) == text.count(char), (char, translation)
    for token in tokens:
        assert token in translation, (token, translation)


def test_emphasised_words_keep_their_style_where_transfer_moves_them(apertium: ApertiumEngine) -> None:
    bold, italic = opening(Face(True, False)), opening(Face(False, True))
    texts = [
        f"See the {bold}red{CLOSE} car for the details.",
        f"This is a {italic}very{CLOSE} {italic}important{CLOSE} house.",
        f"You must file {bold}Form{CLOSE} {bold}1040-NR{CLOSE} now.",
    ]

    translations = [unmarked(translation) for translation in apertium.translate_batch(texts, "en", "es")]

    # Each text reads as its unmarked translation, its styles on the words their words became.
    plain = apertium.translate_batch([without_marks(text) for text in texts], "en", "es")
    assert [text for text, _ in translations] == plain
    assert [[text[run.start : run.end] for run in runs] for text, runs in translations] == [
        ["rojo"],
        ["muy importante"],
        ["Forma 1040-NR"],
    ]
    assert "coche rojo" in translations[0][0]


def test_an_emphasised_word_apertium_cuts_into_tokens_comes_back_whole(apertium: ApertiumEngine) -> None:
    # Apertium reads "192.168.1.1" as three tokens and puts each in the word's blank: the number check,
    # seeing "192.168" and "1.1", made it "192.168.1.1.1.1".
    bold = opening(Face(True, False))
    text = "Open a web browser and enter 192.168.1.1 in the address bar, then v2.1.3 of it."
    at, version = text.index("192"), text.index("v2")
    block = TextBlock(
        id="b",
        bbox=BBox(x0=0, top=0, x1=300, bottom=20),
        text=text,
        source_text=text,
        emphasis=[
            Emphasis(start=at, end=at + 11, bold=True, italic=False),
            Emphasis(start=version, end=version + 6, bold=True, italic=False),
        ],
    )
    document = Document(source_lang="en", pages=[Page(number=1, width=300, height=100, blocks=[block])])

    (marked,) = apertium.translate_batch([f"Enter {bold}192.168.1.1{CLOSE} now."], "en", "es")
    route = direct_route(apertium, "en", "es")
    (translated,) = translate_document(document, route, lambda d, n: None).blocks()

    assert f"{bold}192.168.1.1{CLOSE}" in marked
    assert "192.168.1.1 " in translated.text and "1.1.1" not in translated.text
    assert [translated.text[run.start : run.end] for run in translated.emphasis] == ["192.168.1.1", "v2.1.3"]


def test_a_protected_span_keeps_its_emphasis_with_punctuation_beside_it(apertium: ApertiumEngine) -> None:
    # Apertium drops a word-bound blank around a placeholder: the engine puts the marks back, punctuation
    # beside the span aside, and a web address does not take the closing mark in.
    link, bold = opening(Face(False, False, True)), opening(Face(True, False))
    texts = [
        f"Write to {link}jobs@example.co.uk,{CLOSE} today.",
        f"Order {bold}SO-60712,{CLOSE} shipped.",
        f"Send it to {link}www.example.com{CLOSE} now.",
    ]

    spans = [
        [(text[run.start : run.end], run.bold, run.underline) for run in runs]
        for text, runs in map(unmarked, apertium.translate_batch(texts, "en", "es"))
    ]

    assert spans == [
        [("jobs@example.co.uk", False, True)],
        [("SO-60712", True, False)],
        [("www.example.com", False, True)],
    ]


def test_blank_and_odd_segments_keep_their_places(apertium: ApertiumEngine) -> None:
    texts = ["The dog.", "   ", "*", "ctrl\x01\x02 bell", "The cat."]
    translations = apertium.translate_batch(texts, "en", "es")
    assert translations[1] == "   " and translations[2] == "*"
    assert "perro" in translations[0] and "gato" in translations[4]


def test_unsupported_pair_is_refused(apertium: ApertiumEngine) -> None:
    with pytest.raises(PermanentError) as failure:
        apertium.translate_batch(["Bonjour"], "fr", "de")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR


def test_missing_binary_or_modes_make_the_engine_unavailable(tmp_path: Path) -> None:
    assert not ApertiumEngine("/nonexistent/apertium", SETTINGS.apertium_data_dir, 5).is_available()
    assert not ApertiumEngine(SETTINGS.apertium_bin, tmp_path, 5).is_available()


def fake_apertium(tmp_path: Path, script: str) -> ApertiumEngine:
    """A stand-in `apertium` program with an eng-spa mode, to produce failures the real one does not."""
    (tmp_path / "modes").mkdir()
    (tmp_path / "modes" / "eng-spa.mode").write_text("")
    program = tmp_path / "apertium"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    return ApertiumEngine(str(program), tmp_path, timeout=1)


def test_crash_is_a_transient_engine_error(tmp_path: Path) -> None:
    engine = fake_apertium(tmp_path, "echo 'Segmentation fault' >&2; exit 139")
    with pytest.raises(TransientError) as failure:
        engine.translate_batch(["Hello."], "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_ERROR and "Segmentation fault" in failure.value.message


def live_processes_in_group(group: int) -> int:
    """How many processes of a process group are running (zombies excluded), read from /proc."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, process_group = stat.read_text().rpartition(") ")[2].split()[:3]
        except OSError:
            continue  # the process ended while we looked
        count += int(process_group) == group and state != "Z"
    return count


def test_timeout_is_a_transient_engine_error_and_kills_the_pipeline(tmp_path: Path) -> None:
    # Like the real apertium: a shell script running a pipeline of programs.
    engine = fake_apertium(tmp_path, f"echo $$ > {tmp_path}/pid; sleep 30 | cat")
    with pytest.raises(TransientError) as failure:
        engine.translate_batch(["Hello."], "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_ERROR and "1s" in failure.value.message
    group = int((tmp_path / "pid").read_text())
    deadline = time.monotonic() + 5
    while live_processes_in_group(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live_processes_in_group(group) == 0


def test_batch_that_comes_back_with_a_wrong_count_is_retried_in_halves(tmp_path: Path) -> None:
    # Echoes its input, plus a stray paragraph of the stream whenever it gets more than one segment.
    engine = fake_apertium(
        tmp_path,
        "input=$(cat); printf '%s' \"$input\"; "
        "if [ $(printf '%s' \"$input\" | grep -o '\\[\\]\\[' | wc -l) -gt 1 ]; "
        "then printf 'stray.[][\\n\\n]'; fi",
    )
    texts = [f"Segment {index}." for index in range(7)]
    assert engine.translate_batch(texts, "en", "es") == texts


def test_companies_streets_and_towns_come_back_as_written(apertium: ApertiumEngine) -> None:
    # A letterhead had come back "Greenleaf Comidas Ltd", "12 Carretera de Olmo", "Baño BA1 2AB".
    texts = [
        "Greenleaf Foods Ltd",
        "12 Elm Road",
        "Bath BA1 2AB",
        "Invoice from Greenleaf Foods Ltd",
        "Norwich NR4 7TH",
    ]

    translated = _translated_blocks(apertium, texts)

    # A postcode's letters are no ordinal either ("NR4 7.º").
    assert translated == [
        "Greenleaf Foods Ltd",
        "12 Elm Road",
        "Bath BA1 2AB",
        "Factura de Greenleaf Foods Ltd",
        "Norwich NR4 7TH",
    ]


def test_march_april_and_august_are_months_from_english_to_spanish(apertium: ApertiumEngine) -> None:
    # eng-spa lacks March ("14 Marcha 2025", "El mes de March") and takes April and August for names after
    # a preposition ("De April", "En August"). Its own rule for a date after "on" is kept ("el 3 de
    # marzo"), and so is a word that merely starts so, and a month's name before a capitalised word: a
    # person's.
    texts = [
        "Invoice date 14 March 2025",
        "The month of March",
        "Due on 3 March.",
        "MARCH 2025",
        "Marching bands",
        "Balance carried over from April",
        "Paid in August",
        "AUGUST 2024",
        "April Jones signed it",
    ]

    translated = _translated_blocks(apertium, texts)

    assert translated == [
        "Fecha de factura 14 marzo 2025",
        "El mes de marzo",
        "Previsto el 3 de marzo.",
        "MARZO 2025",
        "Marching Bandas",
        "El saldo llevó encima de abril",
        "Pagado en agosto",
        "AGOSTO 2024",
        "April Jones lo firmó",
    ]


def test_numbered_tables_and_figures_from_english_to_spanish(apertium: ApertiumEngine) -> None:
    # eng-spa knows a table as furniture and a figure as a number ("Mesa 1", "Cifra 2", "Higo. 3"); before
    # a number, a numeral or an appendix's letter and number they are the document's. Elsewhere the pair
    # is left to its own reading.
    texts = [
        "Table 1: Median latency by workload.",
        "Figure 2 shows the pipeline.",
        "As Fig. 3 shows, the cache helps.",
        "Tables 1 and 2 compare the results.",
        "TABLE IV",
        "See table A1.",
        "Put the table in the kitchen.",
        "Nearly every request is unique. Table 2 lists the hardware.",
    ]

    translated = _translated_blocks(apertium, texts)

    # The rest of each line is the pair's own (its "latencia Mediana", its "espectáculos").
    assert [text.split()[:2] for text in translated[:6]] == [
        ["Tabla", "1:"],
        ["Figura", "2"],
        ["Como", "Fig."],
        ["Tablas", "1"],
        ["TABLA", "IV"],
        ["Ve", "tabla"],
    ]
    assert not any(word in " ".join(translated) for word in ("Mesa", "Cifra", "Higo"))
    assert "mesa" in translated[6]
    # Written as the source writes it: after a full stop, "Table" is "Tabla".
    assert "Tabla 2" in translated[7]


def test_a_letters_greeting_from_english_to_spanish(apertium: ApertiumEngine) -> None:
    # eng-spa makes "Dear" an adjective after the title ("Señor querido Wood") and lacks "Madam".
    texts = ["Dear Mr Wood,", "Dear Ms Fox,", "Dear Sir or Madam,", "Dear customer,"]

    translated = _translated_blocks(apertium, texts)

    assert translated[:3] == ["Estimado Señor Wood,", "Estimada Señora Fox,", "Estimado Señor o señora,"]
    # Before no title, "Dear" is the pair's own reading.
    assert "querido" in translated[3]


def test_a_letters_closing_thanks_and_requests_from_english_to_spanish(apertium: ApertiumEngine) -> None:
    # eng-spa takes a closing word by word ("El vuestro sinceramente,", "Consideraciones amables,"),
    # capitalises the word after "Thank you" ("Gracias Para vuestro orden.") and makes a request's
    # "Please" a verb ("Complacer completar esta forma").
    texts = [
        "Yours sincerely,",
        "Yours faithfully,",
        "Kind regards,",
        "Thank you for your order.",
        "Kind regards",
    ]
    texts += ["Kind regards to your team.", "Please complete this form.", "It is late. Please pay."]

    translated = _translated_blocks(apertium, texts)

    assert translated[:5] == [
        "Atentamente,",
        "Atentamente,",
        "Un cordial saludo,",
        "Gracias por vuestro orden.",
        "Un cordial saludo",
    ]
    # Not ending its line, the words are no closing: the pair's own reading.
    assert "cordial" not in translated[5]
    assert translated[6].startswith("Por favor ")
    # Further on, the pair's own reading: a placeholder after a full stop is no sentence's start to it.
    assert "favor" not in translated[7]


def test_a_times_am_and_pm_stay_as_written(apertium: ApertiumEngine) -> None:
    # eng-spa reads "am" as the verb: "11 soy", "9soy", "10:30 soy". The verb itself stays the pair's.
    texts = ["Saturday 21 June, 11 am to 5 pm", "Open 9am to 5pm", "At 10:30 a.m.", "I am here"]

    translated = _translated_blocks(apertium, texts)

    assert translated[:3] == ["Sábado 21 junio, 11 am a 5 pm", "Abierto 9am a 5pm", "En 10:30 a.m."]
    assert translated[3] == "Soy aquí"


def test_one_word_in_capitals_comes_back_in_capitals(apertium: ApertiumEngine) -> None:
    # eng-spa gives a word it knows in title case ("INVOICE" -> "Factura", "DATE" -> "Fecha"), beside
    # heads it leaves in capitals; an acronym it does not know stays as it is.
    translated = _translated_blocks(apertium, ["INVOICE", "DATE", "NASA", "Invoice"])

    assert translated == ["FACTURA", "FECHA", "NASA", "Factura"]


def test_dates_addresses_and_references_from_english_to_spanish(apertium: ApertiumEngine) -> None:
    # eng-spa puts "cita" (an appointment), "alocución" (a speech) and "remisión" first ("Cita de
    # nacimiento", "La alocución de la oficina"): in documents they are "fecha", "dirección", "referencia".
    texts = ["Date of birth", "Invoice date", "The address of the office", "ADDRESS", "Your reference"]
    # "récord" (twice in the dictionary), "lima" (the tool), "capa", "muelle" and "fuente".
    texts += ["The record of the meeting", "Open the file", "Balance sheet", "Spring term 2025"]

    translated = _translated_blocks(apertium, texts)

    assert translated == [
        "Fecha de nacimiento",
        "Fecha de factura",
        "La dirección de la oficina",
        "DIRECCIÓN",
        "Vuestra referencia",
        "El registro de la reunión",
        "Abierto el archivo",
        "Hoja de saldo",
        "Plazo de primavera 2025",
    ]


def test_the_chosen_translations_live_in_a_directory_of_this_users_own(
    apertium: ApertiumEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chosen translations run from a copy of the mode, a shell pipeline: a directory another user
    # could write to is refused, not used.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    shared = tmp_path / f"docrelay-apertium-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)

    with pytest.raises(TransientError) as raised:
        apertium.translate_batch(["Date of birth"], "en", "es")

    assert raised.value.code == ErrorCode.ENGINE_ERROR
    assert "not a directory of this user's own" in str(raised.value)
    shared.chmod(0o700)
    assert apertium.translate_batch(["Date of birth"], "en", "es") == ["Fecha de nacimiento"]
    assert [path.name for path in shared.glob("*/modes/*")] == ["eng-spa.mode"]
