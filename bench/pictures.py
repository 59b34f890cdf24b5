"""Source and output first pages side by side in one PNG, to see at a glance what the numbers mean."""

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

RESOLUTION_DPI = 50
GAP_PX = 12
BACKGROUND = (128, 128, 128)


def side_by_side(source_pdf: Path, output_pdf: Path, destination: Path) -> None:
    """Write destination (PNG): the first page of source_pdf on the left, of output_pdf on the right."""
    with tempfile.TemporaryDirectory(prefix="docrelay-pictures-") as tmp:
        left = first_page_png(source_pdf, Path(tmp) / "source")
        right = first_page_png(output_pdf, Path(tmp) / "output")
        with Image.open(left) as source, Image.open(right) as output:
            width = source.width + GAP_PX + output.width
            canvas = Image.new("RGB", (width, max(source.height, output.height)), BACKGROUND)
            canvas.paste(source, (0, 0))
            canvas.paste(output, (source.width + GAP_PX, 0))
            canvas.save(destination)


def first_page_png(pdf: Path, prefix: Path) -> Path:
    """Render page 1 with poppler's pdftoppm; -singlefile keeps page numbers out of the file name."""
    command = ["pdftoppm", "-r", str(RESOLUTION_DPI), "-png", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(prefix)], check=True, capture_output=True, timeout=120)
    return prefix.with_suffix(".png")
