"""apply_tone and tone_document: language lookup, neutral identity, pass-through without rules."""

from docrelay_common.constants import Tone
from docrelay_common.document import BBox, Document, Emphasis, Page, TextBlock
from docrelay_toner.tone import apply_tone, rules_language, supported_languages, tone_document

TEXTS = ["Don't stop.", "It's fine.", "Tú puedes venir contigo."]


def test_supported_languages() -> None:
    assert supported_languages() == ["en", "es"]


def test_neutral_is_the_identity() -> None:
    for lang in ("en", "es", "fr"):
        for text in TEXTS:
            assert apply_tone(text, lang, Tone.NEUTRAL) == text


def test_languages_without_rules_pass_through() -> None:
    for tone in Tone:
        for text in TEXTS:
            assert apply_tone(text, "fr", tone) == text
            assert apply_tone(text, "en-XA", tone) == text
    assert (
        rules_language("fr") is None and rules_language("en-XA") is None and rules_language("ar-XB") is None
    )


def test_regional_tags_use_the_language_rules() -> None:
    assert rules_language("es-MX") == "es" and rules_language("en-US") == "en"
    assert apply_tone("Don't.", "en-GB", Tone.FORMAL) == "Do not."


def block(block_id: str, text: str, translatable: bool = True) -> TextBlock:
    box = BBox(x0=0, top=0, x1=100, bottom=20)
    return TextBlock(id=block_id, bbox=box, text=text, source_text="original", translatable=translatable)


def test_tone_document_rewrites_translatable_blocks_and_reports_pages() -> None:
    pages = [
        Page(number=1, width=612, height=792, blocks=[block("a", "No puedes."), block("b", "tus 3", False)]),
        Page(number=2, width=612, height=792, blocks=[block("c", "Voy contigo.")]),
    ]
    document = Document(source_lang="en", target_lang="es", engine="apertium", pages=pages)
    calls: list[tuple[int, int]] = []
    toned = tone_document(document, "es", Tone.FORMAL, lambda done, total: calls.append((done, total)))
    assert [b.text for b in toned.blocks()] == ["No puede.", "tus 3", "Voy con usted."]
    assert [b.source_text for b in toned.blocks()] == ["original"] * 3
    assert [b.text for b in document.blocks()] == ["No puedes.", "tus 3", "Voy contigo."]
    assert calls == [(1, 2), (2, 2)]
    assert (toned.target_lang, toned.engine) == ("es", "apertium")


def test_emphasised_words_keep_their_emphasis_through_the_rewrite() -> None:
    # "venir" in italics; the rule rewrites the words before it, which shifts its offsets.
    text = "Tú puedes venir contigo."
    italic = Emphasis(start=text.index("venir"), end=text.index("venir") + 5, bold=False, italic=True)
    source = block("a", text).model_copy(update={"emphasis": [italic]})
    document = Document(
        source_lang="en", target_lang="es", pages=[Page(number=1, width=612, height=792, blocks=[source])]
    )

    [toned] = tone_document(document, "es", Tone.FORMAL, lambda done, total: None).blocks()

    assert toned.text == "Usted puede venir con usted."
    assert [(toned.text[run.start : run.end], run.italic) for run in toned.emphasis] == [("venir", True)]
