"""Words in another weight or slant than their block (`TextBlock.emphasis`), set as the source set them.

The block's text is fitted marked (docrelay_common.emphasis), so that each emphasised word is measured
in its own face, bold being wider, and each line of the fit knows which of its words to set in it.
"""

import html
from collections.abc import Callable
from dataclasses import replace

from docrelay_common.document import TextBlock
from docrelay_common.emphasis import Face, faced_parts
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
            measure(part) if face is None else widths.get(face, measure)(part)
            for face, part in faced_parts(text)
        )

    return width


def emphasis_markup(block: TextBlock, markup: Callable[[str], str]) -> Callable[[str], str]:
    """A line of the block's marked text as HTML: its emphasised words in spans of their weight and slant,
    each part by `markup`."""
    if not block.emphasis:
        return markup

    def line_html(line: str) -> str:
        return "".join(
            markup(part) if face is None else f'<span style="{_face_style(face)}">{markup(part)}</span>'
            for face, part in faced_parts(line)
        )

    return line_html


def _faces(block: TextBlock) -> set[Face]:
    return {(run.bold, run.italic) for run in block.emphasis}


def _in_face(font_choice: FontChoice, face: Face) -> FontChoice:
    bold, italic = face
    return replace(font_choice, bold=bold, italic=italic)


def _face_style(face: Face) -> str:
    bold, italic = face
    return html.escape(
        f"font-weight: {'bold' if bold else 'normal'}; font-style: {'italic' if italic else 'normal'}"
    )
