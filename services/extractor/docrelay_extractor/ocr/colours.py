"""The colour of scanned text: the median of a word's darkest pixels, measured against its paper."""

import numpy

from docrelay_extractor.ocr.hocr import PixelBox

# Pixels this far from the darkest towards the paper are ink; the rest is the anti-aliased edge (half
# way would turn #222222 text into #272727).
INK_CUT = 0.35
_LUMA = numpy.array([0.299, 0.587, 0.114])


def ink_colour(rgb: numpy.ndarray, box: PixelBox, ring: int) -> str:
    """`#rrggbb` of the text in `box` of an RGB image; the paper is a ring of `ring` pixels around it."""
    height, width = rgb.shape[:2]
    x0, y0 = max(0, round(box[0])), max(0, round(box[1]))
    x1, y1 = min(width, max(x0 + 1, round(box[2]))), min(height, max(y0 + 1, round(box[3])))
    inside = rgb[y0:y1, x0:x1].reshape(-1, 3).astype(numpy.float64)
    if inside.size == 0:
        return "#000000"
    luma = inside @ _LUMA
    darkest = float(luma.min())
    cut = darkest + INK_CUT * (_paper_luma(rgb, (x0, y0, x1, y1), ring) - darkest)
    ink = inside[luma <= cut]
    return "#" + "".join(f"{round(value):02x}" for value in numpy.median(ink, axis=0).clip(0, 255))


def _paper_luma(rgb: numpy.ndarray, box: tuple[int, int, int, int], ring: int) -> float:
    height, width = rgb.shape[:2]
    x0, y0, x1, y1 = box
    left, top = max(0, x0 - ring), max(0, y0 - ring)
    outer = rgb[top : min(height, y1 + ring), left : min(width, x1 + ring)]
    mask = numpy.ones(outer.shape[:2], dtype=bool)
    mask[y0 - top : y1 - top, x0 - left : x1 - left] = False
    around = outer[mask]
    return float(numpy.median(around @ _LUMA)) if len(around) else 255.0
