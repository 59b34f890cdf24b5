"""Serif, sans-serif or monospace, as a font's name tells.

The extractor asks first and falls back on the font's descriptor and widths when the name says nothing;
the reconstructor asks for documents extracted before the extractor stored the class.
"""

import re

from docrelay_common.document import Typeface

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# Checked in this order: "Sans Mono" names are monospace, "Sans Serif" names are sans. TeX's fonts carry
# their face in a short code: CMTT10, SFTT1000, ectt1000 and cmctt10 (Cyrillic) are typewriter, CMSS10
# and SFSS1000 sans, CMR10, CMBX12, SFRM1000 roman; LM and CM-Unicode spell it out. "Code" names a
# programmer's font (Source Code Pro, Fira Code), but not inside "Unicode" or "Barcode"; "Monotype" is a
# foundry (Monotype Corsiva).
_RULES: tuple[tuple[Typeface, re.Pattern[str]], ...] = (
    (
        "mono",
        re.compile(
            r"mono(?!type)|courier|typewriter|consol|menlo|monaco|(?<!uni)(?<!bar)code|nimbusmon|andale|fixedsys"
            r"|lucidatypewriter"
            r"|^(?:cm|sf|ec|tc|la|lh|cmu)[a-z]*tt\d|^lmtt|^cmuntt"
        ),
    ),
    (
        "sans",
        re.compile(
            r"sans|helvet|arial|gothic|kaku|^hei|kufi|verdana|tahoma|calibri|segoe|frutiger|univers|futura"
            r"|myriad|avenir|trebuchet|gillsans|franklin|roboto|opensans|lato\b|candara|corbel|^(?:cm|sf|ec|lm)ss"
        ),
    ),
    (
        "serif",
        re.compile(
            r"serif|times|roman|nimbusrom|garamond|georgia|palatino|century|mincho|ryumin|song|ming|batang"
            r"|naskh|scheherazade|amiri|cambria|minion|baskerville|bodoni|caslon|charter|utopia|bembo|sabon"
            r"|didot|goudy|constantia|libertin|bookman|antiqua|schoolbook|lucidabright|termes|pagella|bonum"
            r"|^(?:cm|sf|ec|tc|lm|cmu)[a-z]+\d|^cmu ?serif|^lmr"
        ),
    ),
)


def font_name(raw: str) -> str:
    """The font's name without the subset tag ("ABCDEF+Times-Roman" -> "Times-Roman")."""
    return _SUBSET_TAG.sub("", raw)


def typeface_from_name(name: str) -> Typeface | None:
    """The class a PDF font name such as 'ABCDEF+Times-Roman' says it is; None when it says nothing."""
    base = font_name(name).lower()
    return next((typeface for typeface, rule in _RULES if rule.search(base)), None)
