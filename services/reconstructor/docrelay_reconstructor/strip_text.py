"""Remove the text a translation replaces from pages, keeping everything else they draw.

pdfminer, which the extractor reads glyphs with, tells where each text-showing operator draws its
glyphs; the reconstructor decides which operators go (reconstruct.py). What stays is drawn exactly as
before: an operator that goes is replaced by a move of the text position as wide as its glyphs, so the
text after it on the line does not shift. Operators are named by their place among the text-showing
operators of their content stream; when qpdf does not count them as pdfminer did, the page loses all its
text instead, which is always safe.

The lines under underlined words go with their words (the translation draws its own): pdfminer tells
where each path-painting operator paints, and those that go end their path unpainted (`n`). When qpdf
does not count those operators as pdfminer did, they all stay.

Form XObjects are stripped as copies: a form may also be drawn where its text stays.
"""

import logging
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import pikepdf
from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import literal_name
from pdfminer.utils import Matrix, apply_matrix_pt, apply_matrix_rect
from pikepdf import ContentStreamInstruction, Dictionary, Name, Operator, Pdf

from docrelay_common.document import BBox
from docrelay_common.glyph_turn import glyph_turn
from docrelay_reconstructor.drawings import Drawing, GlyphFacts, glyph_drawing

logger = logging.getLogger(__name__)

# The operators that paint glyphs; the text state operators around them then change nothing visible.
TEXT_SHOWING_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
# The operators that paint the path built before them.
PATH_PAINTING_OPERATORS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
# A painted piece of path is an underline's when it lies this close (points) to it.
UNDERLINE_TOLERANCE = 1.0
# Keys a stripped form copy sets itself: those describing its newly encoded data, and its resources.
_KEYS_NOT_COPIED = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL", "/Resources"})
# Content streams are named by the object number of their form; no object has number 0.
PAGE_CONTENT = 0
# Glyphs turned within this many degrees of a quarter turn count as turned by it, as in the extractor.

ShowKey = tuple[int, int]
"""A text-showing operator: its content stream, and its index among that stream's text-showing operators."""


@dataclass(frozen=True)
class Glyph:
    shown_by: ShowKey
    # Centre of the glyph's box, in the document model's coordinates (displayed page, top-left origin).
    x: float
    y: float
    # Degrees clockwise the glyph is turned, as TextBlock.rotation tells; None for glyphs no block holds.
    turn: int | None
    # What pdfminer knew when drawing it, read into a Drawing only for the few glyphs drawn again.
    facts: GlyphFacts | None = field(default=None, compare=False)

    @property
    def drawing(self) -> Drawing | None:
        """How to draw it again (formulas, display equations); None when it cannot be drawn as it was."""
        return glyph_drawing(self.facts) if self.facts is not None else None


@dataclass(frozen=True)
class PaintedPath:
    """What one path-painting operator paints: the box of each piece of its path (each starting with a
    move), in the document model's coordinates."""

    painted_by: ShowKey
    pieces: tuple[BBox, ...]

    def underlines(self, rules: Sequence[BBox]) -> bool:
        """Is each piece one of these flat boxes (a block's underlines)?"""
        return bool(self.pieces) and all(
            any(_lies_on(piece, rule) for rule in rules) for piece in self.pieces
        )


def _lies_on(piece: BBox, rule: BBox) -> bool:
    middle = (piece.top + piece.bottom) / 2
    return (
        abs(middle - rule.top) <= UNDERLINE_TOLERANCE
        and abs(piece.x0 - rule.x0) <= UNDERLINE_TOLERANCE
        and abs(piece.x1 - rule.x1) <= UNDERLINE_TOLERANCE
    )


@dataclass
class ShownText:
    """Where one page's text-showing operators draw, and its path-painting operators paint, as pdfminer
    runs them."""

    glyphs: list[Glyph] = field(default_factory=list)
    # How far each operator moves the text position, as a TJ adjustment (thousandths of the font size).
    advances: dict[ShowKey, float] = field(default_factory=dict)
    # Text-showing operators per content stream.
    operators: dict[int, int] = field(default_factory=dict)
    paths: list[PaintedPath] = field(default_factory=list)
    # Path-painting operators per content stream.
    path_operators: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Removal:
    """The text-showing operators that go from one page: those named, or all of them."""

    shown_by: frozenset[ShowKey] = frozenset()
    everything: bool = False
    # Replacement moves of the operators that go, and operators per stream as pdfminer counted them.
    advances: Mapping[ShowKey, float] = field(default_factory=dict, compare=False)
    operators: Mapping[int, int] = field(default_factory=dict, compare=False)
    # The path-painting operators that go (underlines), and those operators per stream as pdfminer
    # counted them.
    painted_by: frozenset[ShowKey] = frozenset()
    path_operators: Mapping[int, int] = field(default_factory=dict, compare=False)


ALL_TEXT = Removal(everything=True)


def shown_text(
    pdf_path: Path, page_indices: Collection[int], underlined: Collection[int] = ()
) -> Iterator[tuple[int, ShownText | None]]:
    """Where the text of each of these pages (0-based) is drawn, page by page, and on the `underlined`
    ones where their paths are painted; None where pdfminer fails."""
    pending = set(page_indices)
    manager = PDFResourceManager()
    try:
        with pdf_path.open("rb") as file:
            for index, page in enumerate(PDFPage.create_pages(PDFDocument(PDFParser(file)))):
                if index in pending:
                    pending.discard(index)
                    yield index, _page_text(manager, page, index, index in underlined)
    except Exception as exc:  # pdfminer fails in many ways on damaged files
        logger.warning("cannot read the PDF's pages to locate their text: %r", exc)
    for index in sorted(pending):
        yield index, None


def _page_text(manager: PDFResourceManager, page: PDFPage, index: int, paths: bool) -> ShownText | None:
    device = _GlyphRecorder(manager, paths)
    try:
        _CountingInterpreter(manager, device).process_page(page)
    except Exception as exc:  # pdfminer fails in many ways on damaged content
        logger.warning("page %d: cannot locate its text, removing all of it: %r", index + 1, exc)
        return None
    return device.shown


class _Miscounted(Exception):
    pass


class TextStripper:
    """Removes text from pages of one PDF, in place; a form several pages draw is copied once per removal."""

    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        # Stripped copies by the original form's object id and what goes: each made once, cycles end.
        self.copies: dict[tuple[tuple[int, int], Removal], pikepdf.Object | None] = {}

    def strip(self, removals: Mapping[int, Removal]) -> set[int]:
        """Remove text from these pages (0-based) and the forms they draw.

        Returns the pages that lost all their text because qpdf and pdfminer counted their operators apart.
        """
        all_removed: set[int] = set()
        for index, removal in removals.items():
            try:
                self.strip_page(self.pdf.pages[index], removal)
            except _Miscounted as exc:
                logger.warning("page %d: %s; removing all its text", index + 1, exc)
                self.strip_page(self.pdf.pages[index], ALL_TEXT)
                all_removed.add(index)
        return all_removed

    def strip_page(self, page: pikepdf.Page, removal: Removal) -> None:
        contents = _without_text(page, PAGE_CONTENT, removal)
        resources = page.obj.get(Name.Resources)
        stripped = self._resources(resources, removal) if isinstance(resources, Dictionary) else None
        page.obj.Contents = self.pdf.make_stream(contents)
        if stripped is not None:
            page.obj.Resources = stripped

    def _resources(self, resources: Dictionary, removal: Removal) -> Dictionary | None:
        """A copy whose form XObjects are stripped copies (the original may be shared); None if unchanged."""
        xobjects = resources.get(Name.XObject)
        if not isinstance(xobjects, Dictionary):
            return None
        stripped_forms = {name: self._stripped(form, removal) for name, form in xobjects.items()}
        copies = {name: copy for name, copy in stripped_forms.items() if copy is not None}
        if not copies:
            return None
        stripped = Dictionary({key: value for key, value in resources.items()})
        stripped.XObject = Dictionary({name: copies.get(name, form) for name, form in xobjects.items()})
        return stripped

    def _stripped(self, form: pikepdf.Object, removal: Removal) -> pikepdf.Object | None:
        """The form's stripped copy; None when it is no form or none of its text goes."""
        if not isinstance(form, pikepdf.Stream) or form.get(Name.Subtype) != Name.Form:
            return None
        stream = form.objgen[0]
        if (
            not removal.everything
            and stream not in removal.operators
            and stream not in removal.path_operators
        ):
            return None  # pdfminer never drew it
        key = (form.objgen, removal)
        if key in self.copies:
            return self.copies[key]
        self.copies[key] = None  # while it is being stripped: a cycle back to it keeps the original
        resources = form.get(Name.Resources)
        stripped = self._resources(resources, removal) if isinstance(resources, Dictionary) else None
        if stripped is None and not _removes_from(removal, stream):
            return None
        copy = self.pdf.make_indirect(self.pdf.make_stream(_without_text(form, stream, removal)))
        for name, value in form.items():
            if name not in _KEYS_NOT_COPIED:
                copy[name] = value
        if isinstance(resources, Dictionary):
            copy.Resources = resources if stripped is None else stripped
        self.copies[key] = copy
        return copy


def _removes_from(removal: Removal, stream: int) -> bool:
    return removal.everything or any(
        shown_in == stream for shown_in, _ in removal.shown_by | removal.painted_by
    )


def _without_text(content: pikepdf.Object | pikepdf.Page, stream: int, removal: Removal) -> bytes:
    """The content stream with the removed operators replaced by moves (left out if all text goes), and
    the removed paths unpainted."""
    instructions = _without_paths(pikepdf.parse_content_stream(content), stream, removal)
    if removal.everything:
        return pikepdf.unparse_content_stream(
            [instruction for instruction in instructions if not _shows_text(instruction)]
        )
    showing = sum(map(_shows_text, instructions))
    if showing != removal.operators.get(stream, showing):
        raise _Miscounted(
            f"pdfminer ran {removal.operators[stream]} text-showing operators in content stream "
            f"{stream}, qpdf finds {showing}"
        )
    kept: list[Any] = []
    for key, instruction in _keyed(instructions, stream, _shows_text):
        if key in removal.shown_by:
            kept.extend(_moves(instruction, removal.advances.get(key, 0.0)))
        else:
            kept.append(instruction)
    return pikepdf.unparse_content_stream(kept)


def _without_paths(instructions: list[Any], stream: int, removal: Removal) -> list[Any]:
    """The instructions with the removed paths ended unpainted; all of them kept when qpdf does not count
    the path-painting operators as pdfminer did."""
    if not any(painted_in == stream for painted_in, _ in removal.painted_by):
        return instructions
    painting = sum(map(_paints_path, instructions))
    if painting != removal.path_operators.get(stream):
        logger.warning(
            "content stream %d: pdfminer ran %s path-painting operators, qpdf finds %d; its underlines stay",
            stream,
            removal.path_operators.get(stream),
            painting,
        )
        return instructions
    return [
        ContentStreamInstruction([], Operator("n")) if key in removal.painted_by else instruction
        for key, instruction in _keyed(instructions, stream, _paints_path)
    ]


def _keyed(
    instructions: list[Any], stream: int, counted: Callable[[Any], bool]
) -> Iterator[tuple[ShowKey | None, Any]]:
    """Each instruction with its key among the `counted` ones of its content stream (None if not one)."""
    numbers = count()
    for instruction in instructions:
        yield ((stream, next(numbers)) if counted(instruction) else None), instruction


def _moves(instruction: Any, advance: float) -> list[ContentStreamInstruction]:
    """What is left of a text-showing operator without its glyphs: the state it sets and its advance."""
    moves: list[ContentStreamInstruction] = []
    operator = str(instruction.operator)
    if operator == '"' and len(instruction.operands) == 3:  # a malformed one (damaged file) sets nothing
        word_spacing, char_spacing, _ = instruction.operands
        moves += [
            ContentStreamInstruction([word_spacing], Operator("Tw")),
            ContentStreamInstruction([char_spacing], Operator("Tc")),
        ]
    if operator in ("'", '"'):
        moves.append(ContentStreamInstruction([], Operator("T*")))
    if advance:
        moves.append(ContentStreamInstruction([pikepdf.Array([round(advance, 3)])], Operator("TJ")))
    return moves


def _shows_text(instruction: Any) -> bool:
    return str(instruction.operator) in TEXT_SHOWING_OPERATORS


def _paints_path(instruction: Any) -> bool:
    return str(instruction.operator) in PATH_PAINTING_OPERATORS


class _GlyphRecorder(PDFTextDevice):
    """Records the box centre of every glyph drawn, with the operator drawing it, and when asked the boxes
    of the paths painted, with the operator painting them."""

    def __init__(self, manager: PDFResourceManager, paths: bool = False) -> None:
        super().__init__(manager)
        self.shown = ShownText()
        # Whether to record where paths are painted: only pages with underlines need to (a chart may
        # paint a hundred thousand).
        self.paths = paths
        self.showing: ShowKey = (PAGE_CONTENT, -1)
        self.painting: ShowKey = (PAGE_CONTENT, -1)
        # The name the showing operator's font has in its content stream's resources.
        self.font_resource = ""
        self.page_height = 0.0

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        # As pdfminer's layout (and so the extractor) measures the displayed page.
        _, y0, _, y1 = apply_matrix_rect(ctm, page.mediabox)
        self.page_height = abs(y1 - y0)

    def paint_path(self, graphicstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        if self.paths and self.ctm is not None:
            self.shown.paths.append(
                PaintedPath(self.painting, _piece_boxes(path, self.ctm, self.page_height))
            )

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        char = LTChar(
            matrix,
            font,
            fontsize,
            scaling,
            rise,
            "",
            font.char_width(cid),
            font.char_disp(cid),
            ncs,
            graphicstate,
        )
        centre_x, centre_y = (char.x0 + char.x1) / 2, self.page_height - (char.y0 + char.y1) / 2
        facts = GlyphFacts(
            self.showing[0],
            self.font_resource,
            font,
            cid,
            fontsize,
            scaling,
            rise,
            matrix,
            char.adv,
            ncs,
            graphicstate.ncolor,
        )
        self.shown.glyphs.append(
            Glyph(self.showing, centre_x, centre_y, glyph_turn(char.matrix, char.upright), facts)
        )
        return char.adv


def _piece_boxes(path: Any, ctm: Matrix, page_height: float) -> tuple[BBox, ...]:
    """The box of each piece of a path as pdfminer records it (segments of an operator and its
    numbers), from the page's top."""
    pieces: list[list[tuple[float, float]]] = []
    for segment in path:
        numbers = [value for value in segment[1:] if isinstance(value, (int, float))]
        points = [apply_matrix_pt(ctm, pair) for pair in zip(numbers[::2], numbers[1::2], strict=False)]
        if segment[0] == "m" or not pieces:
            pieces.append([])
        pieces[-1] += points
    return tuple(
        BBox(
            x0=min(x for x, _ in points),
            top=page_height - max(y for _, y in points),
            x1=max(x for x, _ in points),
            bottom=page_height - min(y for _, y in points),
        )
        for points in pieces
        if points
    )


class _CountingInterpreter(PDFPageInterpreter):
    """Numbers the text-showing operators of each content stream and measures how far each one moves.

    Tj, ' and " all show their text through do_TJ, so counting there counts each operator once.
    """

    def __init__(
        self, manager: PDFResourceManager, device: _GlyphRecorder, stream: int = PAGE_CONTENT
    ) -> None:
        super().__init__(manager, device)
        self.recorder = device
        self.stream = stream
        self.counted = 0
        self.paths_counted = 0
        self.next_form = PAGE_CONTENT
        # pdfminer keeps the font, not the name it has in the resources; q and Q restore the font.
        self.font_names: dict[int, str] = {}

    def dup(self) -> "_CountingInterpreter":
        return _CountingInterpreter(self.rsrcmgr, self.recorder, self.next_form)

    def do_Do(self, xobjid_arg: Any) -> None:
        reference = self.xobjmap.get(literal_name(xobjid_arg))
        self.next_form = reference.objid if isinstance(reference, PDFObjRef) else PAGE_CONTENT
        super().do_Do(xobjid_arg)

    def _painting(self) -> None:
        """Number the path-painting operator about to run (pdfminer's own may run another: `s` runs `S`)."""
        shown = self.recorder.shown
        self.recorder.painting = (self.stream, self.paths_counted)
        self.paths_counted += 1
        shown.path_operators[self.stream] = max(self.paths_counted, shown.path_operators.get(self.stream, 0))

    def do_S(self) -> None:
        self._painting()
        super().do_S()

    def do_s(self) -> None:
        self._painting()
        super().do_h()
        super().do_S()

    def do_f(self) -> None:
        self._painting()
        super().do_f()

    def do_F(self) -> None:
        # pdfminer leaves the obsolete `F` out; it paints as `f` does.
        self._painting()
        super().do_f()

    def do_f_a(self) -> None:
        self._painting()
        super().do_f_a()

    def do_B(self) -> None:
        self._painting()
        super().do_B()

    def do_B_a(self) -> None:
        self._painting()
        super().do_B_a()

    def do_b(self) -> None:
        self._painting()
        super().do_h()
        super().do_B()

    def do_b_a(self) -> None:
        self._painting()
        super().do_h()
        super().do_B_a()

    def do_Tf(self, fontid: Any, fontsize: Any) -> None:
        super().do_Tf(fontid, fontsize)
        self.font_names[id(self.textstate.font)] = literal_name(fontid)

    def do_TJ(self, seq: Any) -> None:
        self.recorder.font_resource = self.font_names.get(id(self.textstate.font), "")
        shown = self.recorder.shown
        key = (self.stream, self.counted)
        self.counted += 1
        # A form drawn twice is run twice: its operators are counted once.
        shown.operators[self.stream] = max(self.counted, shown.operators.get(self.stream, 0))
        self.recorder.showing = key
        glyphs_before, (x, y) = len(shown.glyphs), self.textstate.linematrix
        super().do_TJ(seq)
        state = self.textstate
        scaling = state.scaling * 0.01
        vertical = state.font is not None and state.font.is_vertical()
        moved = state.linematrix[1] - y if vertical else state.linematrix[0] - x
        # pdfminer leaves out the character spacing after the last glyph, which PDF readers add.
        moved += state.charspace * scaling if len(shown.glyphs) > glyphs_before else 0.0
        unit = 0.001 * state.fontsize * scaling
        shown.advances.setdefault(key, -moved / unit if unit else 0.0)
