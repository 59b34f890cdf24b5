"""Scans made from known PDFs: a page rasterised, on tinted paper, turned, noisy, saved as a JPEG in a PDF.

The text the scan shows is known (the source page's), so OCR can be measured against it.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import numpy
import pypdfium2
from PIL import Image

# Sensor noise (standard deviation, grey levels), dust (share of pixels) and JPEG quality of a cheap scan.
NOISE = 10.0
DUST = 0.0005
JPEG_QUALITY = 75


@dataclass(frozen=True)
class ScanOptions:
    dpi: float = 300
    # Degrees the sheet lay turned on the glass, counter-clockwise (a crooked scan).
    skew: float = 0.0
    # Degrees the page is turned counter-clockwise as a whole (a page scanned sideways), a multiple of 90.
    turn: int = 0
    # Grey level of the paper; `tint` makes it yellowish and keeps the page's colours.
    paper: int = 255
    tint: bool = False


def scanned_page(source: Path, index: int, options: ScanOptions = ScanOptions()) -> bytes:
    """An image-only PDF of page `index` (0-based) of `source`, as a scanner would have made it."""
    document = pypdfium2.PdfDocument(source)
    try:
        image = document[index].render(scale=options.dpi / 72, grayscale=not options.tint).to_pil()
    finally:
        document.close()
    return image_pdf(_scanned(image.convert("RGB" if options.tint else "L"), options), options.dpi)


def image_pdf(image: Image.Image, dpi: float) -> bytes:
    """A one-page PDF showing `image` (as a JPEG) at `dpi`, nothing else."""
    encoded = io.BytesIO()
    image.save(encoded, format="JPEG", quality=JPEG_QUALITY)
    pdf = io.BytesIO()
    Image.open(io.BytesIO(encoded.getvalue())).save(pdf, format="PDF", resolution=dpi)
    return pdf.getvalue()


def _scanned(image: Image.Image, options: ScanOptions) -> Image.Image:
    random = numpy.random.default_rng(16)
    tint = numpy.array([1.0, 1.0, 0.93]) if options.tint else 1.0
    pixels = numpy.asarray(image, dtype=numpy.float64) * (options.paper / 255.0) * tint
    paper = tuple(int(options.paper * t) for t in (1.0, 1.0, 0.93)) if options.tint else options.paper
    turned = Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8)).rotate(
        options.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=paper
    )
    if options.turn:
        turned = turned.rotate(options.turn, expand=True)
    pixels = numpy.asarray(turned, dtype=numpy.float64) + random.normal(
        0, NOISE, turned.size[::-1] + _bands(turned)
    )
    pixels[random.random(pixels.shape) < DUST] = 40
    return Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8))


def _bands(image: Image.Image) -> tuple[int, ...]:
    return (3,) if image.mode == "RGB" else ()
