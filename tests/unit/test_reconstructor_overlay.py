"""The rendered page laid over the source page keeps out of the display formulas' boxes."""

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from docrelay_common.document import BBox
from docrelay_reconstructor.overlay import overlay_page

# A 200 x 100 pt page; the rendered page paints it all black.
WIDTH, HEIGHT = 200, 100


def _page(pdf: pikepdf.Pdf, content: bytes) -> pikepdf.Page:
    pdf.add_blank_page(page_size=(WIDTH, HEIGHT))
    page = pdf.pages[-1]
    page.obj.Contents = pdf.make_stream(content)
    return page


def _laid_over(tmp_path: Path, keep_out: list[BBox]) -> Image.Image:
    source, rendered = pikepdf.new(), pikepdf.new()
    target = _page(source, b"")
    painted = _page(rendered, f"0 g 0 0 {WIDTH} {HEIGHT} re f".encode())
    overlay_page(source, target, painted, keep_out)
    path = tmp_path / "out.pdf"
    source.save(path)
    return pdfium.PdfDocument(path)[0].render(scale=1).to_pil().convert("L")


def test_the_overlay_paints_nothing_inside_the_kept_boxes_even_where_they_overlap(tmp_path: Path) -> None:
    # Boxes from the top-left, as the document's: two that overlap, one apart.
    boxes = [BBox(x0=10, top=10, x1=50, bottom=40), BBox(x0=40, top=30, x1=80, bottom=60)]
    boxes.append(BBox(x0=150, top=70, x1=190, bottom=90))
    image = _laid_over(tmp_path, boxes)

    for x, y in [(30, 20), (45, 35), (70, 50), (170, 80)]:
        assert image.getpixel((x, y)) == 255, (x, y)
    for x, y in [(5, 5), (100, 50), (30, 50), (170, 60), (195, 95)]:
        assert image.getpixel((x, y)) == 0, (x, y)


def test_without_boxes_the_overlay_covers_the_page(tmp_path: Path) -> None:
    image = _laid_over(tmp_path, [])

    assert image.getextrema() == (0, 0)
