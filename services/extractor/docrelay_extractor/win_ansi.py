"""WinAnsiEncoding's unused codes are bullets, as the PDF specification says and pdfminer does not.

PDF 32000-1, Annex D.2, note 6: "In WinAnsiEncoding, all unused codes greater than 40 (octal) map to
the bullet character." pdfminer leaves them unmapped, so the bullets ReportLab sets before list items
(code 127 in Helvetica) read as "(cid:127)": dropped from the text, while the reconstructor removed
their glyphs with the rest, so the translated list had none.
"""

from pdfminer.encodingdb import EncodingDB

BULLET = "\u2022"
# The codes above 40 octal that WinAnsiEncoding leaves unused.
UNUSED_CODES = (0o177, 0o201, 0o215, 0o217, 0o220, 0o235)


def map_unused_codes_to_bullets() -> None:
    """Complete pdfminer's WinAnsiEncoding (shared by every font that uses it, and by those with
    differences from it, which copy it)."""
    for code in UNUSED_CODES:
        EncodingDB.win2unicode.setdefault(code, BULLET)
