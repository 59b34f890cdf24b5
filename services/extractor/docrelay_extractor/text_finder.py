"""pdfplumber's table finder with its `text` strategy: a second opinion on where a table's columns part.

The text strategy lines up the edges of words (left, right, centre) that at least three words share and
reads them as column borders (`words_to_edges_v`, the part of pdfplumber's finder that finds columns; it
is given the words of one table region rather than a whole page, which pdfplumber would first convert
object by object). It sees the columns under a header cell spanning two of them, where our own rivers
stop, but on mixed text it also finds columns in prose: its borders count only where a table region's
rows leave them free (table_regions.with_separators).
"""

from pdfplumber.table import DEFAULT_MIN_WORDS_VERTICAL, words_to_edges_v

from docrelay_extractor.table_bands import Region


def column_borders(region: Region) -> list[float]:
    """The x of every column border the text strategy finds among the region's words."""
    words = [
        {"x0": word.x0, "x1": word.x1, "top": line.bbox.top, "bottom": line.bbox.bottom}
        for line in region.lines
        for word in line.words
    ]
    edges = words_to_edges_v(words, word_threshold=DEFAULT_MIN_WORDS_VERTICAL)
    return sorted({float(edge["x0"]) for edge in edges})
