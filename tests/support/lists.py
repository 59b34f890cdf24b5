"""Lists with one item per line between paragraphs of prose, set by WeasyPrint where each line's place is
known: a list of names, a legend, and two rows of label and number (two rows are no table). What the
tables bench translates beside its tables, and what tests check a source PDF against.

Every line is placed absolutely at a fixed pitch from the column's left edge (a value at VALUE_X on its
row), so the box of each item's row follows from the numbers here (`GeneratedLists.grid`). The prose
around the lists fills the column, so its measure is the column's, not the lists' own widest lines.
"""

from dataclasses import dataclass
from html import escape

from weasyprint import HTML

from docrelay_common.document import BBox

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4
LEFT, COLUMN = 60.0, 470.0  # the column's left edge and width
VALUE_X = 260.0  # where a row's value starts
PITCH = 14.0  # from one item's top to the next
SIZE = 10.0


@dataclass(frozen=True)
class Item:
    text: str
    value: str = ""  # beside it on its row: a rate, a price


@dataclass(frozen=True)
class Section:
    prose: str  # a paragraph filling the column, above the list
    prose_lines: int  # how many lines it takes at the column's width
    items: list[Item]


@dataclass(frozen=True)
class GeneratedLists:
    name: str
    lang: str
    title: str
    sections: list[Section]

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def grid(self) -> dict[int, list[BBox]]:
        """The box of each item's row on page 1, its label's and its value's apart when it has one."""
        boxes = []
        for top, item in self._item_tops():
            label_right = VALUE_X - PITCH if item.value else LEFT + COLUMN
            boxes.append(BBox(x0=LEFT, top=top, x1=label_right, bottom=top + PITCH))
            if item.value:
                boxes.append(BBox(x0=VALUE_X, top=top, x1=VALUE_X + 60, bottom=top + PITCH))
        return {1: boxes}

    def html(self) -> str:
        css = (
            f"@page {{ size: {PAGE_WIDTH}pt {PAGE_HEIGHT}pt; margin: 0 }}"
            f"body {{ margin: 0; font-family: 'DejaVu Serif'; font-size: {SIZE}pt; line-height: {PITCH}pt }}"
            "div { position: absolute; margin: 0 } .line { white-space: nowrap }"
            f".prose {{ width: {COLUMN}pt; text-align: justify }} h1 {{ font-size: 16pt }}"
        )
        parts = [f'<div style="left: {LEFT}pt; top: 50pt"><h1>{escape(self.title)}</h1></div>']
        for kind, top, text, left in self._placed():
            css_class = "prose" if kind == "prose" else "line"
            parts.append(
                f'<div class="{css_class}" style="left: {left}pt; top: {top}pt">{escape(text)}</div>'
            )
        return f"<html><head><style>{css}</style></head><body>{''.join(parts)}</body></html>"

    def pdf(self) -> bytes:
        return bytes(HTML(string=self.html()).write_pdf())

    def _item_tops(self) -> list[tuple[float, Item]]:
        return [(top, content) for top, content in self._layout() if isinstance(content, Item)]

    def _placed(self) -> list[tuple[str, float, str, float]]:
        """Every paragraph and line to draw: (kind, top, text, left)."""
        placed: list[tuple[str, float, str, float]] = []
        for top, content in self._layout():
            if isinstance(content, str):
                placed.append(("prose", top, content, LEFT))
                continue
            placed.append(("item", top, content.text, LEFT))
            if content.value:
                placed.append(("item", top, content.value, VALUE_X))
        return placed

    def _layout(self) -> list[tuple[float, Item | str]]:
        """Every paragraph and item, from the top down, with its top."""
        layout: list[tuple[float, Item | str]] = []
        top = 110.0
        for section in self.sections:
            layout.append((top, section.prose))
            top += section.prose_lines * PITCH + PITCH
            for item in section.items:
                layout.append((top, item))
                top += PITCH
            top += PITCH
        return layout


def lists_and_legends() -> GeneratedLists:
    """English prose with a list of names, a legend and two rows of offences and their rates."""
    return GeneratedLists(
        name="lists-and-legends",
        lang="en",
        title="Club newsletter",
        sections=[
            Section(
                "The committee met four times during the year to review the accounts, to plan the summer "
                "outing and to welcome the new members, who are listed below in the order in which they "
                "joined the club.",
                3,
                [Item("Juan Mena"), Item("Pablo Perazzo"), Item("Ana Li"), Item("Eva Ortiz")],
            ),
            Section(
                "The map of the walking routes that was handed out at the last meeting uses three colours, "
                "and the key to them is printed here again for those who could not come.",
                2,
                [Item("Red: roads"), Item("Blue: rivers"), Item("Green: parks")],
            ),
            Section(
                "Two kinds of incident were reported to the police in the streets around the club house, "
                "and their rates for every thousand people living there are given below.",
                2,
                [Item("Forcible rape", "17.5"), Item("Burglary", "61.3")],
            ),
        ],
    )
