"""Remove the text a page shows, keeping its images, vector graphics, rules and fills.

Form XObjects are stripped as copies: a form may also be drawn by a page that keeps its text.
"""

from collections.abc import Iterable

import pikepdf
from pikepdf import Dictionary, Name, Pdf

# The operators that paint glyphs; the text state operators around them then change nothing visible.
TEXT_SHOWING_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
# Keys a stripped form copy sets itself: those describing its newly encoded data, and its resources.
_KEYS_NOT_COPIED = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL", "/Resources"})


def strip_text(pdf: Pdf, page_indices: Iterable[int]) -> None:
    """Strip the text of these pages (0-based) and of the forms they draw, in place."""
    stripper = _TextStripper(pdf)
    for index in page_indices:
        stripper.strip_page(pdf.pages[index])


def without_text(content: pikepdf.Object | pikepdf.Page) -> bytes:
    """The content stream of a page or form with its text-showing operators left out."""
    kept = [
        instruction
        for instruction in pikepdf.parse_content_stream(content)
        if str(instruction.operator) not in TEXT_SHOWING_OPERATORS
    ]
    return pikepdf.unparse_content_stream(kept)


class _TextStripper:
    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        # Stripped copies by the original form's object id: each form is copied once, cycles end.
        self.copies: dict[tuple[int, int], pikepdf.Object] = {}

    def strip_page(self, page: pikepdf.Page) -> None:
        page.obj.Contents = self.pdf.make_stream(without_text(page))
        resources = page.obj.get(Name.Resources)
        if isinstance(resources, Dictionary):
            page.obj.Resources = self._resources(resources)

    def _resources(self, resources: Dictionary) -> Dictionary:
        """A copy whose form XObjects are stripped copies; the original may be shared."""
        copy = Dictionary({key: value for key, value in resources.items()})
        xobjects = resources.get(Name.XObject)
        if isinstance(xobjects, Dictionary):
            copy.XObject = Dictionary({name: self._stripped(xobject) for name, xobject in xobjects.items()})
        return copy

    def _stripped(self, xobject: pikepdf.Object) -> pikepdf.Object:
        if not isinstance(xobject, pikepdf.Stream) or xobject.get(Name.Subtype) != Name.Form:
            return xobject
        if xobject.objgen in self.copies:
            return self.copies[xobject.objgen]
        copy = self.pdf.make_indirect(self.pdf.make_stream(without_text(xobject)))
        self.copies[xobject.objgen] = copy
        for key, value in xobject.items():
            if key not in _KEYS_NOT_COPIED:
                copy[key] = value
        resources = xobject.get(Name.Resources)
        if isinstance(resources, Dictionary):
            copy.Resources = self._resources(resources)
        return copy
