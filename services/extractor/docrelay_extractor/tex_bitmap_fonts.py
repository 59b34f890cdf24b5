# TeX's encoding holds accents and quotes that look like ASCII to ruff's confusables check.
# ruff: noqa: RUF001, RUF003
"""TeX's bitmap fonts read as text: pdfTeX's Type 3 fonts get the ToUnicode map they lack.

Where a font has no outline version installed (LaTeX's T1-encoded EC fonts without cm-super), pdfTeX
embeds METAFONT's bitmaps as a Type 3 font whose glyphs it names "a" and their code ("/a28") and which
maps nothing to Unicode. pdfminer then reads the codes as Adobe's standard encoding: T1's ligatures
(ﬁ at code 28) are unmapped glyphs dropped from the text ("benets", "ve times" for "five times"), its
accented letters ("ó" at 243) too ("Regin"), its quotes come back as ASCII. The encoding is T1's, the
only one pdfTeX meets without outlines in practice; its lower half is that of the Cyrillic T2 encodings
as well, whose upper half holds Cyrillic where T1 has Latin letters: a font with more letters there than
in ASCII's place is left with its lower half mapped (Cyrillic's text was no better read before). Their
face is Computer Modern's roman in most documents: they are serif (typefaces), where a nameless font is
otherwise sans.
"""

from collections.abc import Iterable, Mapping

import pikepdf
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import LIT, literal_name

# T1 (Cork) where it differs from Latin-1: 0x00-0x16 accents, quotes, guillemets and dashes; the dotless
# letters and ligatures; the quotes in ASCII's apostrophe and grave places; the second hyphen; 0x80-0xBF
# Central European letters and Spanish marks; Œ, œ and ß in Latin-1's ×, ÷ and ÿ places.
T1_LOW = "`´ˆ˜¨˝˚ˇ˘¯˙¸˛‚‹›“”„«»–—"
T1_LETTERS = {0x19: "ı", 0x1A: "ȷ", 0x1B: "ff", 0x1C: "fi", 0x1D: "fl", 0x1E: "ffi", 0x1F: "ffl"}
T1_ASCII = {0x20: "\u2423", 0x27: "’", 0x60: "‘", 0x7F: "-"}
T1_HIGH = "ĂĄĆČĎĚĘĞĹĽŁŃŇŊŐŔŘŚŠŞŤŢŰŮŸŹŽŻĲİđ§ăąćčďěęğĺľłńňŋőŕřśšşťţűůÿźžżĳ¡¿£"
T1_LATIN = {0xD7: "Œ", 0xDF: "SS", 0xF7: "œ", 0xFF: "ß"}
# A bfchar block holds at most this many entries (PDF 32000-1, 9.10.3).
BFCHAR_BLOCK = 100
CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
"""
CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def map_bitmap_fonts(pdf: pikepdf.Pdf) -> int:
    """Give every pdfTeX bitmap font on the pages a ToUnicode map; how many were given one (a font met
    again on a later page has its map by then)."""
    mapped = 0
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(fonts, pikepdf.Dictionary):
            continue
        for font in fonts.values():
            differences = _bitmap_differences(font)
            if differences is None:
                continue
            codes = [code for code, _ in _named_codes(differences) if 0 <= code <= 0xFF]
            font.ToUnicode = pdf.make_stream(_to_unicode(codes, latin=_latin(codes)))
            mapped += 1
    return mapped


def t1_text(code: int, latin: bool = True) -> str | None:
    """What a code of the T1 encoding reads as (its lower half alone unless `latin`); None: nothing."""
    if code < len(T1_LOW):
        return T1_LOW[code]
    if code in T1_LETTERS:
        return T1_LETTERS[code]
    if code < 0x80:
        return T1_ASCII.get(code, chr(code)) if code >= 0x20 else None
    if not latin:
        return None
    if code < 0xC0:
        return T1_HIGH[code - 0x80]
    return T1_LATIN.get(code, chr(code))


def _bitmap_differences(font: pikepdf.Object) -> pikepdf.Array | None:
    """The Differences of a Type 3 font without a ToUnicode map whose every glyph pdfTeX named after its
    code; None for any other font."""
    if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") != "/Type3" or "/ToUnicode" in font:
        return None
    encoding = font.get("/Encoding")
    differences = encoding.get("/Differences") if isinstance(encoding, pikepdf.Dictionary) else None
    if not isinstance(differences, pikepdf.Array):
        return None
    return differences if _named_by_code(_named_codes(differences)) else None


def is_bitmap_font(spec: Mapping[str, object]) -> bool:
    """Is the font dictionary, as pdfminer reads it, one of pdfTeX's bitmap fonts (mapped or not)?"""
    if resolve1(spec.get("Subtype")) != LIT("Type3"):
        return False
    encoding = resolve1(spec.get("Encoding"))
    differences = resolve1(encoding.get("Differences")) if isinstance(encoding, dict) else None
    if not isinstance(differences, list):
        return False
    items = [
        item if isinstance(item, int) else f"/{literal_name(item)}" for item in map(resolve1, differences)
    ]
    return _named_by_code(_named_codes(items))


def _named_by_code(named: list[tuple[int, str]]) -> bool:
    return bool(named) and all(name == f"/a{code}" for code, name in named)


def _named_codes(differences: Iterable[object]) -> list[tuple[int, str]]:
    """The (code, glyph name) pairs of a Differences array, .notdef left out."""
    pairs, code = [], 0
    for item in differences:
        if isinstance(item, int):
            code = int(item)
            continue
        name = str(item)
        if name != "/.notdef":
            pairs.append((code, name))
        code += 1
    return pairs


def _latin(codes: list[int]) -> bool:
    """Are the font's letters mostly in ASCII's places (T1), not in the upper quarter (Cyrillic's)?"""
    ascii_letters = sum(chr(code).isalpha() for code in codes if code < 0x80)
    return sum(code >= 0xC0 for code in codes) <= ascii_letters


def _to_unicode(codes: list[int], latin: bool) -> bytes:
    entries = []
    for code in codes:
        text = t1_text(code, latin)
        if text:
            entries.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>".encode())
    blocks = [entries[start : start + BFCHAR_BLOCK] for start in range(0, len(entries), BFCHAR_BLOCK)]
    body = b"".join(
        f"{len(block)} beginbfchar\n".encode() + b"\n".join(block) + b"\nendbfchar\n" for block in blocks
    )
    return CMAP_HEAD + body + CMAP_TAIL
