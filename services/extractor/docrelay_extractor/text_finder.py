"""pdfplumber's table finder with its `text` strategy: a second opinion on where a table's columns part.

The finder lines up the edges of words (left, right, centre) that at least three words share and reads
the white space between them as column borders. It sees columns under a header cell spanning two of
them, where our own rivers stop (the header's words close them), but on a page of mixed text it also
finds columns in prose: its borders only count where a table region's rows leave them free (table_regions).
"""

import pdfplumber.page

TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def column_borders(page: pdfplumber.page.Page) -> list[float]:
    """The x of every border between two columns of the tables the finder sees on the upright page."""
    borders: set[float] = set()
    for table in page.find_tables(TEXT_STRATEGY):
        for cell in table.cells:
            borders.update((cell[0], cell[2]))
    # Our boxes are relative to the page's left edge, pdfplumber's to the MediaBox origin.
    return sorted(border - float(page.bbox[0]) for border in borders)
