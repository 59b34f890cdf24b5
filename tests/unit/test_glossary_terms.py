"""Glossaries: parsing, whole-word matching, the case of the target term, and enforcement in a document."""

import pytest

from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_common.emphasis import CLOSE, Face, opening, unmarked
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.engines.passthrough import PassThroughEngine
from docrelay_translator.engines.pseudo import PseudoEngine, accent
from docrelay_translator.glossary import Glossary
from docrelay_translator.protect import Protector, restore
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document


def spans(glossary: Glossary, text: str) -> tuple[str, ...]:
    return Protector(glossary).protect(text).spans


def test_terms_match_whole_words_in_any_case() -> None:
    glossary = Glossary({"library": "mediateca"})
    assert spans(glossary, "The library, the Library and the LIBRARY.") == (
        "mediateca",
        "Mediateca",
        "MEDIATECA",
    )
    assert spans(glossary, "A library's books.") == ("mediateca",)
    assert spans(glossary, "Libraryman and sublibrary and my_library.") == ("my_library",)


def test_longer_terms_win_and_words_of_a_term_match_across_any_whitespace() -> None:
    glossary = Glossary({"machine": "máquina", "Machine   Learning": "aprendizaje automático"})
    assert spans(glossary, "Machine learning on one machine.") == ("Aprendizaje automático", "máquina")
    assert spans(glossary, "machine\tlearning") == ("aprendizaje automático",)


def test_a_target_term_with_capitals_is_kept_as_written() -> None:
    glossary = Glossary({"phone": "iPhone", "docs": "DocRelay"})
    assert spans(glossary, "Phone and docs and DOCS.") == ("iPhone", "DocRelay", "DocRelay")


def test_terms_with_symbols_are_literal() -> None:
    glossary = Glossary({"C++": "C más más", "a.b": "a-b"})
    assert spans(glossary, "I like C++. And axb.") == ("C más más",)


def test_a_term_inside_a_url_stays_part_of_the_url() -> None:
    protected = Protector(Glossary({"library": "mediateca"})).protect("See https://library.example.com now.")
    assert protected.spans == ("https://library.example.com",)


def test_restoring_puts_the_target_term_where_the_source_term_was() -> None:
    protected = Protector(Glossary({"library": "mediateca"})).protect("The library is open.")
    assert restore(protected, protected.line.replace("The", "La").replace("is open", "abre")) == (
        "La mediateca abre."
    )


def test_an_empty_glossary_protects_nothing_more() -> None:
    text = "The library is open."
    assert Protector(Glossary({})).protect(text) == Protector().protect(text)


def test_glossary_is_read_from_a_json_object() -> None:
    glossary = Glossary.from_json('{"library": "mediateca", " open  source ": "código abierto"}'.encode())
    assert glossary.entries == {"library": "mediateca", "open source": "código abierto"}


@pytest.mark.parametrize(
    "data", [b"not json", b'["library"]', b'{"library": 3}', b'{"": "x"}', b'{"library": "  "}']
)
def test_a_malformed_glossary_fails_the_job_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(PermanentError) as failure:
        Glossary.from_json(data)
    assert failure.value.code == ErrorCode.INVALID_REQUEST and "glossary" in failure.value.message


def document(*texts: str) -> Document:
    box = BBox(x0=0, top=0, x1=100, bottom=20)
    blocks = [
        TextBlock(id=str(index), bbox=box, text=text, source_text=text) for index, text in enumerate(texts)
    ]
    return Document(pages=[Page(number=1, width=200, height=200, blocks=blocks)])


def test_every_engine_respects_the_glossary() -> None:
    glossary = Glossary({"library": "mediateca"})
    source = document("The library is open.", "Library rules")
    pseudo = translate_document(
        source, direct_route(PseudoEngine(), "en", "en-XA"), lambda *_: None, glossary=glossary
    )
    first, second = (block.text for block in pseudo.blocks())
    assert first.startswith(f"[{accent('The')} mediateca {accent('is open.')}")
    assert second.startswith(f"[Mediateca {accent('rules')}")
    same = translate_document(
        source, direct_route(PassThroughEngine(), "en", "en"), lambda *_: None, glossary=glossary
    )
    assert [block.text for block in same.blocks()] == ["The mediateca is open.", "Mediateca rules"]


def test_a_term_and_a_formula_of_emphasised_words_are_still_found_and_the_marks_stay_around_them() -> None:
    # Defined terms are often set in bold: the marks around each of their words must not part them.
    bold, italic = opening(Face(True, False)), opening(Face(False, True))
    text = f"File your {bold}tax{CLOSE} {bold}return{CLOSE} when {italic}x{CLOSE} + {italic}y{CLOSE} = 3."
    protected = Protector(Glossary({"tax return": "declaración"})).protect(text)

    assert protected.spans == ("declaración", "x + y = 3")
    # The formula's marks inside it go with it; the one before it, left alone, makes no run.
    assert protected.line == f"File your {bold}\ue000{CLOSE} when {italic}\ue001."
    translated, runs = unmarked(restore(protected, protected.line))
    assert translated == "File your declaración when x + y = 3."
    assert [translated[run.start : run.end] for run in runs] == ["declaración"]
