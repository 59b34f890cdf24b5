"""Language detection on short, one-word, numbers-only and mixed texts, with lingua's real models."""

from pathlib import Path

import pytest

from docrelay_common.detection_languages import detection_candidates
from docrelay_extractor import detector
from docrelay_extractor.language import block_language, detect, detect_document, differs, text_sample

# The languages the default install's Apertium pairs translate from.
SOURCES = {
    "af", "be", "bg", "br", "bs", "ca", "da", "en", "eo", "es", "eu", "fr", "gl", "hr", "is", "it",
    "mk", "nb", "nl", "nn", "oc", "pt", "ro", "ru", "sr-Latn", "sv", "uk",
}  # fmt: skip
CANDIDATES = detection_candidates(SOURCES)
UDHR = Path(__file__).parents[2] / "bench" / "data" / "udhr"


def udhr(tag: str, article: str) -> str:
    lines = (UDHR / f"{tag}.tsv").read_text(encoding="utf-8").splitlines()
    return next(text for key, text in (line.split("\t") for line in lines) if key == article)


@pytest.mark.parametrize("text", ["Hello World", "Potato", "Page 1", "Page1", "Total", "Invoice", "Summary"])
def test_plainly_english_short_texts_are_english(text: str) -> None:
    assert detect(text, CANDIDATES).language == "en"


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        # Names the word list knows say nothing; three labels plainly English, none not.
        (["Name", "Role", "Office", "Berlin", "Paris", "London", "Oslo"], "en"),
        # Two plainly English labels are too few; three of nine too few a share.
        (["Total", "Facture", "Date", "Montant"], None),
        (
            [
                "Client",
                "Date",
                "Total",
                "Désignation",
                "Quantité",
                "Montant",
                "Livraison",
                "Échéance",
                "Virement",
            ],
            None,
        ),
    ],
)
def test_a_document_of_labels_is_english_when_most_of_them_plainly_are(
    texts: list[str], language: str | None
) -> None:
    detected = detect_document(texts, [], CANDIDATES).language
    assert detected == language if language else detected != "en"


def test_a_document_mostly_of_sentences_is_told_by_them_though_its_labels_are_english() -> None:
    sentences = [udhr("fr", article) for article in ("1.1", "2.1", "3.1", "4.1", "5.1")]
    assert detect_document([*sentences, "Total", "Date", "Menu", "Service"], [], CANDIDATES).language == "fr"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Apellido Nombre Matricula Cuit", "es"),
        ("Factura número 12 del cliente", "es"),
        ("Relatório anual de actividades", "pt"),
        ("Bonjour le monde", "fr"),
        ("Relazione annuale", "it"),
        ("Годовой отчёт", "ru"),
        ("Rechnung", "de"),
    ],
)
def test_short_texts_in_other_languages(text: str, language: str) -> None:
    assert detect(text, CANDIDATES).language == language


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("Factura", "too short to tell"),
        ("Nombre", "too short to tell"),
        ("12 34 56", "no words, only numbers"),
        ("3.14 - 2,718 = 0.42 %", "no words, only numbers"),
        ("", "no words"),
    ],
)
def test_one_word_in_several_languages_and_numbers_only_are_undetected(text: str, doubt: str) -> None:
    detection = detect(text, CANDIDATES)
    assert detection.language is None and doubt in detection.doubt


def test_languages_outside_the_candidates_are_never_the_answer() -> None:
    assert detect("Apellido Nombre Matricula Cuit", CANDIDATES | {"la"}).language != "la"
    assert "vi" not in CANDIDATES and detect("Hello World", CANDIDATES | {"vi"}).language == "en"


@pytest.mark.parametrize("tag", ["ca", "da", "es", "fr", "it", "nb", "nl", "pt", "ro", "ru", "sv", "uk"])
def test_paragraphs_are_detected_in_their_language(tag: str) -> None:
    assert detect(udhr(tag, "2.1"), CANDIDATES).language == tag


def test_serbo_croatian_in_latin_script_is_the_tag_apertium_reads() -> None:
    assert detect(udhr("sr-Latn", "2.1"), CANDIDATES).language in {"sr-Latn", "hr", "bs"}


def test_a_mixed_document_is_detected_by_its_main_language() -> None:
    texts = [udhr("es", f"{n}.1") for n in range(1, 12)] + [udhr("en", "1.1")]
    assert detect(text_sample(texts), CANDIDATES).language == "es"


def test_a_block_in_another_language_is_confidently_different() -> None:
    english = udhr("en", "2.1")
    assert block_language(english, CANDIDATES) == "en"
    assert differs(english, "en", "es")
    # Too short for a language of its own: the block follows its document.
    assert block_language("Abstract", CANDIDATES) is None
    # Close languages that the block does not beat clearly: not different.
    assert not differs(udhr("es", "3.1"), "pt", "es")
    assert not differs(udhr("hr", "3.1"), "bs", "hr")
    # The document's language is one the detector does not know: nothing to compare with.
    assert not differs(english, "en", "gl")


def test_a_block_of_names_has_no_language_of_its_own() -> None:
    # A reference of naacl06-shinyama.pdf (an English paper) that was translated from Esperanto.
    reference = (
        "Adam Meyers, Michiko Kosaka, Satoshi Sekine, Ralph Grishman, and Shubin Zhao. 2001b. Parsing "
        "and GLARFing. In Proceedings of RANLP-2001, Tzigov Chark, Bulgaria."
    )
    assert block_language(reference, CANDIDATES) is None
    # German capitalizes its nouns; its other words still make a paragraph long enough.
    german = (
        "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und "
        "Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen."
    )
    assert block_language(german, CANDIDATES) == "de"


def test_high_accuracy_models_of_the_last_languages_used_stay_loaded_within_a_bound() -> None:
    short_texts = [
        "Ein kurzer Hinweis zum Hafen.",
        "Krótka notatka o porcie.",
        "Une note brève sur le port.",
    ]
    for text in short_texts:
        detect(text, CANDIDATES)
    assert len(detector._loaded_accurate) <= detector.KEPT_ACCURATE
    # The last text's shortlist is the most recently used, so it stays for the next short French text.
    assert "fr" in list(detector._loaded_accurate)[-detector.SHORTLIST :]
