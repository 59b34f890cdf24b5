"""The document model's versions: version 1 documents (before tables and form fields) and version 2 ones
(before underlines) are still read."""

import pytest
from pydantic import ValidationError

from docrelay_common.document import DOCUMENT_MODEL_VERSION, BBox, Document

# A page range as docrelay 1 stored it: no cells, tables nor form fields anywhere.
VERSION_1 = """{"version": 1, "source_lang": "en", "target_lang": "es", "engine": "apertium",
"tone_applied": null, "pages": [{"number": 1, "width": 612.0, "height": 792.0, "rotation": 0,
"blocks": [{"id": "p1-b0", "bbox": {"x0": 50.0, "top": 50.0, "x1": 300.0, "bottom": 70.0},
"text": "Hola", "source_text": "Hello", "style": {"font": "Helvetica", "size": 10.0,
"color": "#000000", "bold": false, "italic": false}, "line_count": 1, "translatable": true,
"align": "left", "rotation": 0, "vertical": false}], "images": []}]}"""


def test_a_version_1_document_is_read_as_the_current_version() -> None:
    document = Document.model_validate_json(VERSION_1)

    assert DOCUMENT_MODEL_VERSION == 3
    assert document.version == DOCUMENT_MODEL_VERSION
    (page,) = document.pages
    (block,) = page.blocks
    assert (block.text, block.source_text, block.cell) == ("Hola", "Hello", None)
    assert (page.tables, page.form_fields, document.form_fields()) == ([], [], [])
    # Written again, it is a version-3 document that reads back the same.
    assert Document.model_validate_json(document.model_dump_json()) == document


def test_a_version_2_document_reads_with_nothing_underlined() -> None:
    document = Document.model_validate_json(VERSION_1.replace('"version": 1', '"version": 2'))

    (block,) = document.blocks()
    assert (document.version, block.underlines, block.emphasis) == (DOCUMENT_MODEL_VERSION, [], [])


def test_a_document_from_a_newer_docrelay_is_refused_with_what_to_do() -> None:
    with pytest.raises(ValidationError, match="newer than this docrelay reads"):
        Document.model_validate_json(VERSION_1.replace('"version": 1', '"version": 4'))


def test_a_label_is_beside_its_field_with_no_other_text_between() -> None:
    field = BBox(x0=120, top=100, x1=200, bottom=110)
    label = BBox(x0=50, top=99, x1=110, bottom=111)
    assert label.labels(field, [label])
    # Text between them on their row: the label of something else (prose beside a table of fields).
    between = BBox(x0=112, top=100, x1=118, bottom=110)
    assert not label.labels(field, [label, between])
    # Text on another row between them does not count; text on another row is no label.
    assert label.labels(field, [label, BBox(x0=112, top=130, x1=118, bottom=140)])
    assert not BBox(x0=50, top=130, x1=110, bottom=140).labels(field, [])
