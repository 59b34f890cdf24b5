"""Missing glyphs: characters the output PDF draws with .notdef, the empty box a font shows for what it lacks.

How: a Type0 font's /Encoding maps each character code to a CID, its /CIDToGIDMap maps the CID to a
glyph, and its /ToUnicode gives the text pdfplumber reports for the code. A code that ends at glyph 0 is
drawn with .notdef, so an output character whose text is one of its font's .notdef texts is missing.
That is how WeasyPrint writes what no installed font covers: the character stays in /ToUnicode and an
embedded encoding CMap (/WP-Encod-0) sends its code to CID 0.

Why not the other ways:
- the embedded subset's cmap: WeasyPrint subsets by glyph, so a character drawn only through shaping
  (Arabic contextual forms, ligatures) has no cmap entry although its glyph is there; on quran-test2.pdf
  that flags 85 characters that are drawn correctly;
- the DejaVu cmaps against the translated Document: fontconfig falls back to other installed fonts
  (Noto CJK, Arabic...) for what DejaVu lacks, so "not in DejaVu" does not mean "cannot be shown".

Only Type0 fonts with a /ToUnicode and an Identity or embedded two-byte encoding can be checked; the
characters of other fonts (the source's own fonts on pages kept as they were) are counted as unchecked.

pdfminer reads no embedded encoding CMap, so pdfplumber would see none of the text of a font that lacks
a glyph. `read_as_identity` rewrites such CMaps, when they send every code to itself or to CID 0, as
/Identity-H in the copy that pdfplumber reads: text and positions stay, only the glyph of the missing
characters changes.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from io import BytesIO

import pikepdf
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pikepdf import Dictionary, Name, Stream

# The texts a font draws with .notdef; None when the font cannot be checked.
Notdef = frozenset[str] | None

_IDENTITY = (Name("/Identity-H"), Name("/Identity-V"))
_CIDCHAR_BLOCK = re.compile(rb"begincidchar(.*?)endcidchar", re.DOTALL)
_CIDRANGE_BLOCK = re.compile(rb"begincidrange(.*?)endcidrange", re.DOTALL)
_CIDCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*(\d+)")
_CIDRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)")


def embedded_cids(cmap: bytes) -> dict[int, int] | None:
    """Code -> CID of an embedded two-byte encoding CMap; None for others (one-byte codes, usecmap)."""
    if b"usecmap" in cmap:
        return None
    chars = [match for block in _CIDCHAR_BLOCK.findall(cmap) for match in _CIDCHAR.findall(block)]
    ranges = [match for block in _CIDRANGE_BLOCK.findall(cmap) for match in _CIDRANGE.findall(block)]
    codes = [code for code, _ in chars] + [code for first, last, _ in ranges for code in (first, last)]
    if any(len(code) != 4 for code in codes):
        return None
    cids = {int(code, 16): int(cid) for code, cid in chars}
    for first, last, cid in ranges:
        start = int(first, 16)
        cids.update({code: int(cid) + code - start for code in range(start, int(last, 16) + 1)})
    return cids


def notdef_texts(font: Dictionary) -> Notdef:
    """The texts of the codes this font draws with glyph 0; None when that cannot be told."""
    descendants = font.get(Name.DescendantFonts)
    descendant = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None
    if font.get(Name.Subtype) != Name.Type0 or not isinstance(descendant, Dictionary):
        return None
    to_unicode, cid_of, gid_of = _to_unicode(font), _cid_of(font), _gid_of(descendant)
    if to_unicode is None or cid_of is None or gid_of is None:
        return None
    return frozenset(text for code, text in to_unicode.items() if gid_of(cid_of(code)) == 0)


def page_fonts(page: pikepdf.Page) -> dict[str, Notdef]:
    """Every font the page and its forms can draw with, by the name pdfplumber gives its characters."""
    checked: dict[str, Notdef] = {}
    for font in _fonts(page.obj.get(Name.Resources), set()):
        name, texts = _font_name(font), notdef_texts(font)
        # Two fonts of one name: their characters can be checked only if both fonts can.
        earlier = checked.get(name, frozenset())
        checked[name] = None if texts is None or earlier is None else earlier | texts
    return checked


def count_missing(chars: Iterable[tuple[str, str]], fonts: Mapping[str, Notdef]) -> tuple[int, int]:
    """(missing, unchecked) among (font name, text) characters, given each font's .notdef texts."""
    missing = unchecked = 0
    for font_name, text in chars:
        texts = fonts.get(font_name)
        if texts is None:
            unchecked += 1
        elif text in texts:
            missing += 1
    return missing, unchecked


def read_as_identity(pdf: pikepdf.Pdf) -> None:
    """Give every Type0 font whose embedded encoding is Identity but for CID 0 the /Identity-H encoding."""
    for page in pdf.pages:
        for font in _fonts(page.obj.get(Name.Resources), set()):
            encoding = font.get(Name.Encoding)
            if font.get(Name.Subtype) != Name.Type0 or not isinstance(encoding, Stream):
                continue
            cids = embedded_cids(encoding.read_bytes())
            if cids is not None and all(cid in (code, 0) for code, cid in cids.items()):
                font.Encoding = Name("/Identity-H")


def _fonts(resources: pikepdf.Object | None, seen: set[tuple[int, int]]) -> Iterator[Dictionary]:
    if not isinstance(resources, Dictionary):
        return
    fonts = resources.get(Name.Font)
    if isinstance(fonts, Dictionary):
        yield from (font for font in fonts.values() if isinstance(font, Dictionary))
    xobjects = resources.get(Name.XObject)
    for form in xobjects.values() if isinstance(xobjects, Dictionary) else ():
        if isinstance(form, Stream) and form.get(Name.Subtype) == Name.Form and form.objgen not in seen:
            seen.add(form.objgen)
            yield from _fonts(form.get(Name.Resources), seen)


def _font_name(font: Dictionary) -> str:
    """pdfminer names a character's font after its descriptor's /FontName, else its /BaseFont."""
    descendants = font.get(Name.DescendantFonts)
    described = descendants[0] if isinstance(descendants, pikepdf.Array) else font
    descriptor = described.get(Name.FontDescriptor)
    name = descriptor.get(Name.FontName) if isinstance(descriptor, Dictionary) else None
    return str(name if name is not None else font.get(Name.BaseFont, Name("/unknown")))[1:]


def _to_unicode(font: Dictionary) -> dict[int, str] | None:
    stream = font.get(Name.ToUnicode)
    if not isinstance(stream, Stream):
        return None
    # pdfminer's own parser: the texts are then exactly those pdfplumber reports.
    unicode_map = FileUnicodeMap()
    CMapParser(unicode_map, BytesIO(stream.read_bytes())).run()
    return unicode_map.cid2unichr


def _cid_of(font: Dictionary) -> Callable[[int], int] | None:
    encoding = font.get(Name.Encoding)
    if encoding in _IDENTITY:
        return lambda code: code
    cids = embedded_cids(encoding.read_bytes()) if isinstance(encoding, Stream) else None
    # A code the CMap does not map is drawn with CID 0, as the PDF specification says.
    return None if cids is None else lambda code: cids.get(code, 0)


def _gid_of(descendant: Dictionary) -> Callable[[int], int] | None:
    cid_to_gid = descendant.get(Name.CIDToGIDMap)
    # Absent means Identity; in a CFF-based font CID 0 is .notdef all the same.
    if cid_to_gid is None or cid_to_gid == Name.Identity:
        return lambda cid: cid
    if not isinstance(cid_to_gid, Stream):
        return None
    table = cid_to_gid.read_bytes()
    return lambda cid: int.from_bytes(table[2 * cid : 2 * cid + 2], "big")
