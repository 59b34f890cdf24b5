"""How far a scan's lines climb, by projection profile, and a straightened copy to OCR.

Straightening is for geometry, not accuracy (Tesseract reads a 1.5-degree page as well either way): on
a skewed page its line boxes grow taller by the climb of each line, which spoils sizes and paragraphs.
"""

import numpy
from PIL import Image

# Angles searched (degrees): scanners and phone apps rarely leave more than this.
MAX_SKEW = 3.0
COARSE_STEP = 0.5
FINE_STEP = 0.1
# Below this the line boxes are tight enough: no straightened copy is made.
MIN_SKEW = 0.2
# The estimate works on a thumbnail this large (pixels on its longer side).
THUMBNAIL = 1000


def skew_angle(gray: Image.Image) -> float:
    """Degrees the text lines climb (counter-clockwise); the angle whose row sums change most sharply.

    Turned back by the right angle, text lines and the gaps between them make rows of ink and rows of
    paper, and the squared differences between neighbouring row sums peak.
    """
    ink = _ink(_thumbnail(gray))
    coarse: float = max(_angles(-MAX_SKEW, MAX_SKEW, COARSE_STEP), key=lambda angle: _sharpness(ink, angle))
    fine = _angles(coarse - COARSE_STEP, coarse + COARSE_STEP, FINE_STEP)
    best: float = max(fine, key=lambda angle: _sharpness(ink, angle))
    return best


def straightened(gray: Image.Image, angle: float) -> Image.Image:
    """`gray` turned back by `angle`, the same size, the corners filled with white."""
    if abs(angle) < MIN_SKEW:
        return gray
    return gray.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def _thumbnail(gray: Image.Image) -> Image.Image:
    scale = THUMBNAIL / max(gray.size)
    if scale >= 1:
        return gray
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    return gray.resize(size, Image.Resampling.BILINEAR)


def _ink(gray: Image.Image) -> Image.Image:
    pixels = numpy.asarray(gray)
    return Image.fromarray(((pixels < ink_threshold(pixels)) * 255).astype(numpy.uint8))


def ink_threshold(pixels: numpy.ndarray) -> float:
    """The grey level that best splits the pixels into ink and paper (Otsu's method)."""
    histogram = numpy.bincount(pixels.ravel(), minlength=256).astype(numpy.float64)
    levels = numpy.arange(256)
    below = numpy.cumsum(histogram)
    above = below[-1] - below
    mean_below = numpy.cumsum(histogram * levels) / numpy.maximum(below, 1)
    mean_above = (numpy.sum(histogram * levels) - numpy.cumsum(histogram * levels)) / numpy.maximum(above, 1)
    between = below * above * (mean_below - mean_above) ** 2
    return float(numpy.argmax(between[:-1]))


def _sharpness(ink: Image.Image, angle: float) -> float:
    turned = ink.rotate(-angle, resample=Image.Resampling.NEAREST)
    rows = numpy.asarray(turned, dtype=numpy.float64).sum(axis=1)
    return float(numpy.sum(numpy.diff(rows) ** 2))


def _angles(first: float, last: float, step: float) -> list[float]:
    count = round((last - first) / step)
    return [round(first + index * step, 2) for index in range(count + 1)]
