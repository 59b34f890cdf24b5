"""Words in another weight or slant than their block, or underlined (`TextBlock.emphasis`), set as the
source set them.

The block's text is fitted marked (docrelay_common.emphasis), so that each emphasised word is measured
in its own face, bold being wider, and each line of the fit knows which of its words to set in it.
"""

import html
from collections.abc import Callable
from dataclasses import replace

from docrelay_common.document import TextBlock
from docrelay_common.emphasis import Face, face_of_run, faced_parts
from docrelay_reconstructor.families import FontChoice
from docrelay_reconstructor.fit import Measure
from docrelay_reconstructor.fonts import metrics


def emphasis_measure(block: TextBlock, font_choice: FontChoice, measure: Measure) -> Measure:
    """How wide a line of the block's marked text is (ems): its emphasised words in their faces of the
    block's families, the rest by `measure`."""
    if not block.emphasis:
        return measure
    widths = {face: metrics(_in_face(font_choice, face).faces).width for face in _faces(block)}

    def width(text: str) -> float:
        return sum(
            measure(part) if face is None else widths.get(face, measure)(part) for face, part in _spans(text)
        )

    return width


def emphasis_markup(block: TextBlock, markup: Callable[[str], str]) -> Callable[[str], str]:
    """A line of the block's marked text as HTML: its emphasised words in spans of their weight, slant and
    underline, each part by `markup`."""
    if not block.emphasis:
        return markup

    def line_html(line: str) -> str:
        return "".join(
            markup(part) if face is None else f'<span style="{_face_style(face)}">{markup(part)}</span>'
            for face, part in _spans(line)
        )

    return line_html


def _spans(text: str) -> list[tuple[Face | None, str]]:
    """The text's parts in their faces, the white space between two words of one face in theirs: an
    underline runs on under it to the next word, as the source's did."""
    spans: list[tuple[Face | None, str]] = []
    for face, part in faced_parts(text):
        gap = spans[-1] if len(spans) >= 2 and spans[-2][0] == face else None
        if face is not None and gap is not None and gap[0] is None and not gap[1].strip():
            spans[-2:] = [(face, spans[-2][1] + spans[-1][1] + part)]
        else:
            spans.append((face, part))
    return spans


def _faces(block: TextBlock) -> set[Face]:
    return {face_of_run(run) for run in block.emphasis}


def _in_face(font_choice: FontChoice, face: Face) -> FontChoice:
    return replace(font_choice, bold=face.bold, italic=face.italic)


def _face_style(face: Face) -> str:
    weight, slant = "bold" if face.bold else "normal", "italic" if face.italic else "normal"
    line = "; text-decoration: underline" if face.underline else ""
    return html.escape(f"font-weight: {weight}; font-style: {slant}{line}")
