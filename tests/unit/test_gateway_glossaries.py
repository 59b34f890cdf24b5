"""Glossary uploads: every format the gateway accepts, and an error naming the place of every mistake."""

import json

import pytest

from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError
from docrelay_gateway.glossaries import MAX_GLOSSARY_BYTES, MAX_GLOSSARY_ENTRIES, parse_glossary
from docrelay_translator.glossary import Glossary

TERMS = {"machine learning": "aprendizaje automático", "library": "mediateca"}
BOM = "\ufeff".encode()


def refused(text: str | None, upload: bytes | None = None, filename: str | None = None) -> str:
    """The message of the 422 invalid_glossary the input gets."""
    with pytest.raises(ApiError) as failure:
        parse_glossary(text, upload, filename)
    assert (failure.value.status_code, failure.value.code) == (422, ErrorCode.INVALID_GLOSSARY)
    return failure.value.message


# --- accepted -----------------------------------------------------------------------------------------


def test_the_form_field_takes_a_json_object() -> None:
    assert parse_glossary(json.dumps(TERMS), None, None) == TERMS


def test_the_form_field_takes_csv_and_tsv_lines() -> None:
    assert parse_glossary("machine learning,aprendizaje automático\nlibrary,mediateca", None, None) == TERMS
    assert (
        parse_glossary("machine learning\taprendizaje automático\nlibrary\tmediateca\n", None, None) == TERMS
    )


def test_a_csv_file_may_have_a_header_row_crlf_lines_and_blank_lines() -> None:
    upload = "source,target\r\nmachine learning,aprendizaje automático\r\n\r\nlibrary,mediateca\r\n".encode()
    assert parse_glossary(None, upload, "terms.csv") == TERMS


def test_a_tsv_file_with_a_byte_order_mark_and_commas_inside_its_terms() -> None:
    upload = BOM + b"Source\tTarget\nhello, world\thola, mundo\nlibrary\tmediateca\n"
    assert parse_glossary(None, upload, "terms.tsv") == {
        "hello, world": "hola, mundo",
        "library": "mediateca",
    }


def test_a_tsv_file_of_any_name_is_recognised_by_its_content() -> None:
    upload = "hello, world\thola, mundo\ngood day\tbuen día\n".encode()
    assert parse_glossary(None, upload, "terms.txt") == {
        "hello, world": "hola, mundo",
        "good day": "buen día",
    }


def test_a_spreadsheets_semicolon_csv_with_quoted_terms() -> None:
    upload = (
        BOM + 'source;target\r\n"data; analysis";"análisis; de datos"\r\n"say ""hi""";saludar\r\n'.encode()
    )
    assert parse_glossary(None, upload, "export.csv") == {
        "data; analysis": "análisis; de datos",
        'say "hi"': "saludar",
    }


def test_a_json_file_with_a_byte_order_mark() -> None:
    assert parse_glossary(None, BOM + json.dumps(TERMS).encode(), "terms.json") == TERMS


def test_whitespace_inside_terms_is_collapsed_and_a_repeated_entry_is_kept_once() -> None:
    text = "  machine   learning ,  aprendizaje automático\nlibrary,mediateca\nLibrary,mediateca\n"
    assert parse_glossary(text, None, None) == TERMS


def test_no_glossary_or_blank_form_parts_mean_no_glossary() -> None:
    assert parse_glossary(None, None, None) is None
    # What an HTML form sends for an untouched textarea and file input.
    assert parse_glossary("  \n", b"", "") is None


def test_the_result_is_what_the_translate_stage_reads_as_its_glossary_artifact() -> None:
    parsed = parse_glossary(None, "Machine Learning,aprendizaje automático\n".encode(), "terms.csv")
    glossary = Glossary.from_json(json.dumps(parsed).encode())
    assert glossary.entries == {"machine learning": "aprendizaje automático"}


# --- refused ------------------------------------------------------------------------------------------


def test_a_row_without_exactly_two_columns_is_named_by_its_first_line() -> None:
    assert refused("a,b\nc,d,e\n") == "glossary, line 2: has 3 columns; write 'source term,target term'"
    message = refused(None, b"source,target\na,b\n\nlonely\n", "terms.csv")
    assert message == "glossary_file terms.csv, line 4: has 1 column; write 'source term,target term'"
    message = refused('"two\nlines",x\n"three\nmore\nlines",y,z\n')
    assert message == "glossary, line 3: has 3 columns; write 'source term,target term'"


def test_empty_terms_are_named_by_their_line_or_entry() -> None:
    assert refused("a,b\n ,c\n") == "glossary, line 2: the source term is empty"
    assert refused("a,b\nc,\n") == "glossary, line 2: the target term is empty"
    assert refused('{"a": "b", "c": "  "}') == "glossary, entry 'c': the target term is empty"
    assert refused('{"": "b"}') == "glossary, entry '': the source term is empty"


def test_a_term_given_two_different_targets_names_both_places() -> None:
    message = refused("cat,gato\ndog,perro\nCat,felino\n")
    assert message == "glossary, line 3: 'Cat' is already translated as 'gato' at line 1"
    message = refused('{"cat": "gato", "cat": "felino"}')
    assert message == "glossary, entry 'cat': 'cat' is already translated as 'gato' at entry 'cat'"


def test_text_that_is_not_utf8_is_named_by_its_line() -> None:
    upload = "a,b\nc,d\nniño,boy\n".encode("latin-1")
    message = refused(None, upload, "terms.csv")
    assert message == "glossary_file terms.csv, line 3: is not UTF-8 text; save the glossary as UTF-8"


def test_malformed_json_and_csv_are_named_by_their_line() -> None:
    assert refused('{"a": "b",\n "c" "d"}') == "glossary, line 2: is not valid JSON: Expecting ':' delimiter"
    assert refused('{"a": {"b": "c"}}') == "glossary, entry 'a': the target term must be text"
    message = refused('a,b\nc,"d\ne,f\n')
    assert message == "glossary, line 2: cannot be read as CSV: unexpected end of data"


def test_more_entries_than_the_limit_are_refused() -> None:
    lines = "\n".join(f"term{n},término{n}" for n in range(MAX_GLOSSARY_ENTRIES))
    assert len(parse_glossary(lines, None, None) or {}) == MAX_GLOSSARY_ENTRIES
    message = refused(f"{lines}\none more,uno más")
    assert message == f"glossary, line {MAX_GLOSSARY_ENTRIES + 1}: the glossary has more than 5000 entries"


def test_more_bytes_than_the_limit_are_refused_before_parsing() -> None:
    upload = b"a," + b"b" * MAX_GLOSSARY_BYTES
    message = refused(None, upload, "big.csv")
    assert message == "glossary_file big.csv is larger than 256 KiB; keep the terms this document needs"


def test_a_glossary_without_entries_or_given_twice_is_refused() -> None:
    message = refused(None, BOM + b"source,target\r\n", "terms.csv")
    assert (
        message == "glossary_file terms.csv has no entries; write one 'source term,target term' pair per line"
    )
    assert refused("{}") == "glossary has no entries; write one 'source term,target term' pair per line"
    message = refused("a,b", b"c,d", "terms.csv")
    assert message == "send the glossary either as the glossary field or as glossary_file, not both"
