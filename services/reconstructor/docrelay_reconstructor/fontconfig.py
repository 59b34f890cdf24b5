"""fontconfig, asked what WeasyPrint's Pango asks it: which families exist, which file draws a face,
which family has a glyph for a character. Answers are cached: the installed fonts do not change under
a running worker.
"""

import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Characters with a meaning in fontconfig patterns ("Family-12:bold").
_PATTERN_SPECIALS = re.compile(r"([\\:,\-])")


@dataclass(frozen=True)
class FontFile:
    path: Path
    # The face's number inside a font collection (.ttc), 0 for a single font file.
    index: int


def pattern(family: str, *properties: str) -> str:
    """A fontconfig pattern for the family with properties such as "bold", "italic", "charset=0627"."""
    return ":".join([_PATTERN_SPECIALS.sub(r"\\\1", family), *properties])


@cache
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, including the localised and alternative names of a font."""
    listing = _fontconfig("fc-list", "--format=%{family}\n")
    return frozenset(
        name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()
    )


@cache
def font_file(fontconfig_pattern: str) -> FontFile:
    """The file fontconfig picks for the pattern: the one Pango will draw with."""
    path, _, index = _fontconfig("fc-match", "--format=%{file}|%{index}", fontconfig_pattern).rpartition("|")
    return FontFile(Path(path), int(index or 0))


@cache
def family_with_glyph(char: str, fontconfig_pattern: str) -> str:
    """The family fontconfig likes best for the pattern plus this character; it may still lack the glyph."""
    wanted = f"{fontconfig_pattern}:charset={ord(char):x}"
    return _fontconfig("fc-match", "--format=%{family[0]}", wanted).strip()


def _fontconfig(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout
