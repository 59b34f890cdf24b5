"""A sentence cut by the end of a column is extracted as two blocks, the second marked as going on with
the first, and translated whole by the real Apertium: the two blocks share the translation of the whole
sentence, where one by one they gave two fragments. On a PDF drawn line by line."""

from pathlib import Path

import pikepdf

from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_translator.engines.base import Engine
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document
from tests.support.pdfs import add_page, shown_text

LEADING = 13.0
# The foot of the left column, and the head of the right one.
LEFT_COLUMN = (72.0, 110.0)
RIGHT_COLUMN = (320.0, 700.0)
FOOT = [
    "Existing systems require a lot of time and",
    "human effort to tune for a new scenario, so",
    "the user has to repeat the process: read docu-",
]
HEAD = [
    "ments and adjust the patterns by hand for",
    "each new kind of event in the news.",
]


def lines_at(column: tuple[float, float], lines: list[str]) -> bytes:
    x, y = column
    return b"".join(shown_text(x, y - row * LEADING, text) for row, text in enumerate(lines))


def two_columns(tmp_path: Path) -> Document:
    source = tmp_path / "columns.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, lines_at(LEFT_COLUMN, FOOT) + lines_at(RIGHT_COLUMN, HEAD))
        pdf.save(source)
    return extract_document(source)


def to_spanish(engine: Engine, document: Document) -> list[str]:
    translated = translate_document(document, direct_route(engine, "en", "es"), lambda *_: None)
    return [block.text for block in translated.blocks()]


def test_a_sentence_cut_by_a_column_is_translated_whole_and_shared_out(
    tmp_path: Path, apertium: Engine
) -> None:
    document = two_columns(tmp_path)
    foot, head = document.blocks()
    assert (foot.text, head.text) == (" ".join(FOOT), " ".join(HEAD))
    assert head.continues == foot.id

    shared = to_spanish(apertium, document)

    [whole] = to_spanish(apertium, text_document([f"{' '.join(FOOT)[:-1]}{' '.join(HEAD)}"]))
    assert all(shared) and " ".join(shared) == whole
    assert "documentos" in whole
    # One by one, the pieces are two fragments: the cut word is lost.
    unlinked = document.model_copy(deep=True)
    unlinked.pages[0].blocks[1].continues = None
    assert "documentos" not in " ".join(to_spanish(apertium, unlinked))
