"""Tell scanned pages apart: their text is an image, with an invisible OCR text layer over it.

Stripping the invisible layer leaves the pictured text in place, so the translation must cover it.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from docrelay_reconstructor.strip_text import TEXT_SHOWING_OPERATORS

# Text render mode 3 neither fills nor strokes: OCR tools draw their text layer with it.
INVISIBLE = 3


def is_scanned(page: pikepdf.Page) -> bool:
    """Whether the page shows text, all of it invisible (in its forms too)."""
    modes = list(_render_modes(page, page.obj.get(Name.Resources), mode=0, open_forms=frozenset()))
    return bool(modes) and all(mode == INVISIBLE for mode in modes)


def _render_modes(
    content: pikepdf.Object | pikepdf.Page,
    resources: pikepdf.Object | None,
    mode: int,
    open_forms: frozenset[tuple[int, int]],
) -> Iterator[int]:
    """The render mode of each text-showing operator; q/Q save and restore it, forms inherit it."""
    saved: list[int] = []
    for instruction in pikepdf.parse_content_stream(content):
        operator = str(instruction.operator)
        if operator == "q":
            saved.append(mode)
        elif operator == "Q" and saved:
            mode = saved.pop()
        elif operator == "Tr":
            mode = _render_mode(instruction, mode)
        elif operator in TEXT_SHOWING_OPERATORS:
            yield mode
        elif operator == "Do" and len(instruction.operands) == 1:
            form = _form(resources, instruction.operands[0])
            if form is not None and form.objgen not in open_forms:
                form_resources = form.get(Name.Resources, resources)
                yield from _render_modes(form, form_resources, mode, open_forms | {form.objgen})


def _render_mode(instruction: Any, current: int) -> int:
    """The mode a `Tr` sets; a malformed one (damaged file) is ignored, as viewers do."""
    operands = instruction.operands
    if len(operands) == 1 and isinstance(operands[0], int | float | Decimal):
        return int(operands[0])
    return current


def _form(resources: pikepdf.Object | None, name: pikepdf.Object) -> pikepdf.Stream | None:
    xobjects = resources.get(Name.XObject) if isinstance(resources, Dictionary) else None
    xobject = xobjects.get(str(name)) if isinstance(xobjects, Dictionary) else None
    if isinstance(xobject, pikepdf.Stream) and xobject.get(Name.Subtype) == Name.Form:
        return xobject
    return None
