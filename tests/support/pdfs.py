"""PDFs assembled in tests from pages of real PDFs, for cases the corpus has no single file for."""

from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pikepdf


def pages_of(*pages: tuple[Path, int]) -> bytes:
    """A PDF made of these pages, each given as (file, 0-based page index), in this order."""
    buffer = BytesIO()
    # Copied page data is read from its source when saving: every source stays open until then.
    with ExitStack() as sources, pikepdf.new() as combined:
        for path, index in pages:
            combined.pages.append(sources.enter_context(pikepdf.open(path)).pages[index])
        combined.save(buffer)
    return buffer.getvalue()
