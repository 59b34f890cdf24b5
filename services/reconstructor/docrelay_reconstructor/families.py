"""The font families a block is set in: serif, sans or monospace like its source font, in the family made
for its script (for Latin, Greek and Cyrillic a family with the source font's metrics when there is one,
then Noto and DejaVu; Noto for Arabic, Hebrew and CJK), followed by an installed family for every
character the others lack, so that no glyph is missing when one exists.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from docrelay_common.document import TextStyle, Typeface
from docrelay_common.typeface import typeface_from_name
from docrelay_reconstructor.fontconfig import family_with_glyph, installed_families
from docrelay_reconstructor.fonts import Face, missing_glyphs
from docrelay_reconstructor.metric_families import metric_family
from docrelay_reconstructor.scripts import Script, scripts_by_use


class Generic(StrEnum):
    """The CSS generic family, named last in every list."""

    SERIF = "serif"
    SANS = "sans-serif"
    MONO = "monospace"


# Latin, Greek and Cyrillic text. After a family with the source font's metrics (metric_family) comes the
# nearest in width, Noto, for the letters it lacks; without one, DejaVu comes first, whose widths the rest
# of the layout was tuned with (Noto first set dmca.pdf's running heads on one line where DejaVu fills the
# box's two: block IoU 0.84 -> 0.79).
NOTO_FAMILIES = {
    Generic.SERIF: ("Noto Serif", "DejaVu Serif"),
    Generic.SANS: ("Noto Sans", "DejaVu Sans"),
    Generic.MONO: ("Noto Sans Mono", "DejaVu Sans Mono"),
}
DEJAVU_FAMILIES = {generic: families[::-1] for generic, families in NOTO_FAMILIES.items()}
_GENERICS: dict[Typeface, Generic] = {"serif": Generic.SERIF, "sans": Generic.SANS, "mono": Generic.MONO}
_SCRIPT_FAMILIES = {
    Script.ARABIC: {Generic.SERIF: "Noto Naskh Arabic", Generic.SANS: "Noto Sans Arabic"},
    Script.HEBREW: {Generic.SERIF: "Noto Serif Hebrew", Generic.SANS: "Noto Sans Hebrew"},
}
# {region}: JP, KR, SC or TC; the regions draw the same characters in their own national forms.
_CJK_FAMILIES = {
    Generic.SERIF: "Noto Serif CJK {region}",
    Generic.SANS: "Noto Sans CJK {region}",
    Generic.MONO: "Noto Sans Mono CJK {region}",
}
_CJK_SCRIPTS = frozenset({Script.HAN, Script.KANA, Script.HANGUL})
_TRADITIONAL_CHINESE = re.compile(r"zh-(hant|tw|hk|mo)\b")
# Family names fontconfig reports go into a CSS string: only plain names are taken.
_SAFE_FAMILY = re.compile(r"[\w .\-]+")


@dataclass(frozen=True)
class FontChoice:
    """A block's font: installed families in CSS order, then the generic family."""

    families: tuple[str, ...]
    generic: Generic
    bold: bool
    italic: bool

    @property
    def faces(self) -> tuple[Face, ...]:
        """The faces Pango will look in, in its order; the generic family's default when none is installed."""
        names = self.families or (self.generic.value,)
        return tuple(Face(name, self.bold, self.italic) for name in names)

    @property
    def css_family(self) -> str:
        return ", ".join([*(f"'{family}'" for family in self.families), self.generic.value])


def generic_for(font_name: str) -> Generic:
    """Serif, sans or monospace from a PDF font name such as 'ABCDEF+Times-Roman'; sans if it says nothing."""
    return _GENERICS[typeface_from_name(font_name) or "sans"]


def typeface_of(style: TextStyle) -> Typeface:
    """The class the extractor found for the style's font, or else the one its name tells."""
    return style.typeface or typeface_from_name(style.font) or "sans"


def choose_font(style: TextStyle, text: str, lang: str | None = None, twin: str | None = None) -> FontChoice:
    """The families for the text: its scripts' (most used first), Latin, then fallbacks for what is left.

    Latin is the family with the source font's metrics when one is installed, else `twin` (the family
    nearest its widths, width_twins) when there is one, then the default ones.
    `lang` (a BCP 47 tag such as "ja" or "zh-TW") picks the national forms of Han characters.
    """
    typeface = typeface_of(style)
    generic = _GENERICS[typeface]
    metric = metric_family(style, typeface) or twin
    latin = _installed([metric, *NOTO_FAMILIES[generic]] if metric else DEJAVU_FAMILIES[generic])
    scripts = scripts_by_use(text)
    ordered: list[str] = []
    for script in scripts:
        family = _script_family(script, generic, scripts, lang)
        ordered += [family] if family is not None else latin
    families = _installed(dict.fromkeys([*ordered, *latin]))
    choice = FontChoice(families, generic, style.bold, style.italic)
    return _with_fallbacks(choice, text)


def _script_family(
    script: Script, generic: Generic, scripts: Iterable[Script], lang: str | None
) -> str | None:
    """The family made for the script; None for the Latin family (Greek and Cyrillic included)."""
    if script in _CJK_SCRIPTS:
        return _CJK_FAMILIES[generic].format(region=_cjk_region(set(scripts), lang))
    by_generic = _SCRIPT_FAMILIES.get(script)
    if by_generic is None:
        return None
    return by_generic.get(generic, by_generic[Generic.SANS])


def _cjk_region(scripts: set[Script], lang: str | None) -> str:
    """Kana is Japanese and Hangul Korean; Han characters alone follow the language, Chinese by default."""
    tag = (lang or "").lower()
    if Script.KANA in scripts or tag.startswith("ja"):
        return "JP"
    if Script.HANGUL in scripts or tag.startswith("ko"):
        return "KR"
    return "TC" if _TRADITIONAL_CHINESE.match(tag) else "SC"


def _installed(families: Iterable[str]) -> tuple[str, ...]:
    known = installed_families()
    return tuple(family for family in families if family in known)


def _with_fallbacks(choice: FontChoice, text: str) -> FontChoice:
    """Add, for each character no family of the choice has, the family fontconfig finds a glyph in."""
    missing = _uncovered(text, choice.faces)
    generic_face = Face(choice.generic.value, choice.bold, choice.italic)
    while missing:
        char = min(missing)
        family = family_with_glyph(char, generic_face.fontconfig_pattern)
        covered = missing - missing_glyphs("".join(missing), Face(family, choice.bold, choice.italic))
        if char not in covered or not _SAFE_FAMILY.fullmatch(family):
            missing.discard(char)  # no installed font draws it: Pango will show a box whatever we do
            continue
        choice = FontChoice((*choice.families, family), choice.generic, choice.bold, choice.italic)
        missing -= covered
    return choice


def _uncovered(text: str, faces: Iterable[Face]) -> set[str]:
    missing = set(text)
    for face in faces:
        missing &= missing_glyphs("".join(missing), face)
    return missing
