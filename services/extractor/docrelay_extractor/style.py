"""Font and colour facts of a glyph, in the form TextStyle stores them."""

import re
from functools import lru_cache

from docrelay_common.typeface import typeface_from_name

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|[-,]medi(?!um)", re.IGNORECASE)
# "-It" and "-BoldIt" are Adobe's short names for italic faces.
ITALIC_NAME = re.compile(r"(?i:ital|obli|kursiv)|[-,][A-Za-z]*It(?![a-z])")
# TeX fonts put the face in a short code: CMBX10, CMTI10, CMMIB10, SFBX1000 (EC fonts), cmcbx12, ...
TEX_FACE = re.compile(r"^(?:CM|SF|EC|TC)([A-Z]+)\d", re.IGNORECASE)
# Colour spaces whose components are gray (1), RGB (3) or CMYK (4) depending on how many there are.
PLAIN_COLOR_SPACES = frozenset({"DeviceGray", "CalGray", "DeviceRGB", "CalRGB", "DeviceCMYK", "ICCBased"})
BLACK = "#000000"


def is_bold(font: str) -> bool:
    face = _tex_face(font)
    if face is not None:
        return "BX" in face or face in {"B", "BI", "MIB", "BSY"}
    return BOLD_NAME.search(font) is not None


def is_italic(font: str) -> bool:
    face = _tex_face(font)
    if face is not None:
        return any(code in face for code in ("TI", "SL", "IT")) or face.endswith(("I", "IB"))
    return ITALIC_NAME.search(font) is not None


def is_monospace(font: str) -> bool:
    return typeface_from_name(font) == "mono"


def _tex_face(font: str) -> str | None:
    match = TEX_FACE.match(font)
    return match.group(1).upper() if match else None


@lru_cache(maxsize=1024)
def color_hex(space: str, components: tuple[object, ...]) -> str:
    """ "#rrggbb" of a non-stroking colour; black when the colour space cannot be read as gray/RGB/CMYK."""
    if space not in PLAIN_COLOR_SPACES or not all(isinstance(value, int | float) for value in components):
        return BLACK
    values = [min(1.0, max(0.0, float(value))) for value in components]  # type: ignore[arg-type]
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    elif len(values) == 4:
        cyan, magenta, yellow, black = values
        rgb = [(1 - cyan) * (1 - black), (1 - magenta) * (1 - black), (1 - yellow) * (1 - black)]
    else:
        return BLACK
    return "#" + "".join(f"{round(value * 255):02x}" for value in rgb)
