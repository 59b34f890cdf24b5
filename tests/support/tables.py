"""Tables set by WeasyPrint whose cells and places are known: what tests and the fidelity bench translate.

Every table has fixed column widths and a fixed row pitch, so the box of each cell follows from the
numbers here (`GeneratedTable.cell_box`); the tests check the source PDF against them before trusting them.
"""

from dataclasses import dataclass, field
from html import escape

from weasyprint import HTML

from docrelay_common.document import BBox
from tests.support.table_data import BOOKINGS, COURSES, ITEMS, REGIONS, STAFF, WEEKDAYS, donors, ledger

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4
LEFT, TOP = 40.0, 110.0  # where the table's top-left corner is; a title and a paragraph are above it
PADDING = 4.0
PROSE = {
    "es": "Lista de las personas que han hecho una donación a la asociación durante el año, con su documento "
    "de identidad, la fecha y el importe donado.",
    "en": "The table below lists every entry of the period with its reference, the people concerned and the "
    "amounts involved.",
}


@dataclass(frozen=True)
class GeneratedTable:
    name: str
    lang: str
    title: str
    header: list[list[str]]  # header rows; a cell spanning columns is followed by "" for each it covers
    # A row of one text is a group's heading, its cell across the table; a cell spanning columns (`spans`)
    # is followed by "" for each it covers, as in the header.
    rows: list[list[str]]
    widths: list[float]
    pitch: float  # height of every row, header rows included
    border: float = 0.0  # width of the rules around every cell (collapsed: one per row)
    right_aligned: frozenset[int] = frozenset()
    style: str = ""  # extra CSS: rules, stripes
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # (header row, column) -> columns
    body_spans: dict[tuple[int, int], int] = field(default_factory=dict)  # (body row, column) -> columns
    # Columns whose text wraps onto lines `line_height` apart (the others keep to one line), and where a
    # cell stands in its row: HTML's default is the middle.
    wrapped: frozenset[int] = frozenset()
    line_height: float | None = None
    vertical_align: str = "top"

    @property
    def rows_per_page(self) -> int:
        """Body rows on a page: the header is repeated on every page of a long table."""
        return int((PAGE_HEIGHT - TOP - 40 - len(self.header) * self.pitch) // self.pitch)

    def cell_box(self, row: int, column: int) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) of body cell (row, column), on its page; page = row // rows_per_page."""
        index = len(self.header) + row % self.rows_per_page
        x0 = LEFT + sum(self.widths[:column])
        return x0, TOP + index * self.pitch, x0 + self.widths[column], TOP + (index + 1) * self.pitch

    def body_cells(self) -> list[tuple[int, int, BBox]]:
        """(row, column, box on its page) of every body cell: a group's heading is one cell across."""
        cells = []
        for row, texts in enumerate(self.rows):
            for column in range(len(texts)):
                if _covered(self.body_spans, row, column):
                    continue
                x0, top, x1, bottom = self.cell_box(row, column)
                last = (
                    len(self.widths) - 1
                    if len(texts) == 1
                    else column + self.body_spans.get((row, column), 1) - 1
                )
                x1 = self.cell_box(row, last)[2]
                cells.append((row, column, BBox(x0=x0, top=top, x1=x1, bottom=bottom)))
        return cells

    def grid(self) -> dict[int, list[BBox]]:
        """The boxes of the body cells, by page number."""
        grid: dict[int, list[BBox]] = {}
        for row, _, cell in self.body_cells():
            grid.setdefault(row // self.rows_per_page + 1, []).append(cell)
        return grid

    def html(self) -> str:
        width = sum(self.widths)
        css = (
            f"@page {{ size: {PAGE_WIDTH}pt {PAGE_HEIGHT}pt; margin: {TOP}pt 0 40pt 0 }}"
            "body { margin: 0; font-family: 'DejaVu Sans'; font-size: 8pt }"
            f"h1, p {{ position: absolute; left: {LEFT}pt; margin: 0; width: {PAGE_WIDTH - 2 * LEFT}pt }}"
            "h1 { top: -70pt; font-size: 13pt } p { top: -46pt; font-size: 8pt }"
            f"table {{ margin-left: {LEFT}pt; border-collapse: collapse; table-layout: fixed;"
            f" width: {width}pt }}"
            f"td, th {{ height: {self.pitch - self.border}pt; padding: 0 {PADDING}pt;"
            f" line-height: {self.line_height or self.pitch - self.border}pt; text-align: left;"
            f" vertical-align: {self.vertical_align}; white-space: nowrap; overflow: hidden;"
            f" border: {self.border}pt solid #000 }}"
            " th { font-weight: bold } .r { text-align: right } .c { text-align: center }"
            " .w { white-space: normal }"
        )
        columns = "".join(f'<col style="width: {width}pt">' for width in self.widths)
        head = "".join(self._row(row, "th", self.spans, index) for index, row in enumerate(self.header))
        body = "".join(self._row(row, "td", self.body_spans, index) for index, row in enumerate(self.rows))
        # The title and the paragraph sit in the top margin of the first page only.
        return (
            f"<html><head><style>{css} {self.style}</style></head><body><h1>{escape(self.title)}</h1>"
            f"<p>{escape(PROSE[self.lang])}</p><table><colgroup>{columns}</colgroup><thead>{head}</thead>"
            f"<tbody>{body}</tbody></table></body></html>"
        )

    def pdf(self) -> bytes:
        return bytes(HTML(string=self.html()).write_pdf())

    def _row(self, cells: list[str], tag: str, spans: dict[tuple[int, int], int], index: int) -> str:
        """Row `index` of the header or the body; `spans`: theirs, (row, column) -> columns covered."""
        if len(cells) == 1:
            return f'<tr><{tag} colspan="{len(self.widths)}">{escape(cells[0])}</{tag}></tr>'
        parts = []
        for column, text in enumerate(cells):
            if text == "" and _covered(spans, index, column):
                continue
            span = spans.get((index, column), 1)
            classes = ["r"] if column in self.right_aligned else []
            classes = ["c"] if span > 1 and tag == "th" else classes
            classes += ["w"] if column in self.wrapped and tag == "td" else []
            parts.append(f'<{tag} colspan="{span}" class="{" ".join(classes)}">{escape(text)}</{tag}>')
        return f"<tr>{''.join(parts)}</tr>"


def _covered(spans: dict[tuple[int, int], int], row: int, column: int) -> bool:
    """Is the cell (row, column) covered by a cell spanning columns to its left?"""
    return any(at == row and start < column < start + span for (at, start), span in spans.items())


def donor_list(count: int = 62) -> GeneratedTable:
    """The issue's case: a Spanish borderless list of donors, 7 columns, one page."""
    return GeneratedTable(
        name="donor-list",
        lang="es",
        title="Relación de donantes 2024",
        header=[["Nº", "Primer apellido", "Segundo apellido", "Nombre", "DNI", "Fecha", "Importe"]],
        rows=donors(count),
        widths=[24, 78, 84, 70, 60, 56, 60],
        pitch=10.5,
        right_aligned=frozenset({0, 6}),
    )


def ruled_schedule() -> GeneratedTable:
    """Every cell ruled, English course names and teachers, codes, rooms and times."""
    rows = [
        [f"C-{101 + index}", course, teacher, f"Room {12 + index}", WEEKDAYS[index % 5], f"{9 + index}:00"]
        for index, (course, teacher) in enumerate(COURSES)
    ]
    return GeneratedTable(
        name="ruled-schedule",
        lang="en",
        title="Course schedule",
        header=[["Code", "Course", "Teacher", "Room", "Day", "Time"]],
        rows=rows,
        widths=[44, 130, 74, 56, 62, 40],
        pitch=16,
        border=0.6,
    )


def zebra_price_list() -> GeneratedTable:
    """Striped rows, no rules, right-aligned quantities and amounts."""
    prices = [(2 + index, 19.5 + 7 * index) for index in range(len(ITEMS))]
    rows = [
        [item, description, str(quantity), f"{price:.2f}", f"{quantity * price:.2f}"]
        for (item, description), (quantity, price) in zip(ITEMS, prices, strict=True)
    ]
    return GeneratedTable(
        name="zebra-price-list",
        lang="en",
        title="Price list",
        header=[["Item", "Description", "Qty", "Unit price", "Amount"]],
        rows=rows,
        widths=[80, 140, 36, 64, 64],
        pitch=14,
        right_aligned=frozenset({2, 3, 4}),
        style="tbody tr:nth-child(odd) td { background: #dde4ee }",
    )


def merged_header_report() -> GeneratedTable:
    """Two header rows: "Sales" and "Customers" each span two year columns."""
    rows = [
        [region, f"{1200 + 37 * index}", f"{1350 + 41 * index}", f"{80 + index}", f"{92 + index}"]
        for index, region in enumerate(REGIONS)
    ]
    return GeneratedTable(
        name="merged-header-report",
        lang="en",
        title="Sales by region",
        header=[["Region", "Sales", "", "Customers", ""], ["", "2023", "2024", "2023", "2024"]],
        rows=rows,
        widths=[90, 60, 60, 60, 60],
        pitch=14,
        right_aligned=frozenset({1, 2, 3, 4}),
        style="thead tr:last-child th { border-bottom: 0.6pt solid #000 }",
        spans={(0, 1): 2, (0, 3): 2},
    )


def long_ledger(count: int = 200) -> GeneratedTable:
    """A ledger of `count` rows over several pages, its header repeated on each."""
    return GeneratedTable(
        name="long-ledger",
        lang="en",
        title="Payments ledger",
        header=[["Reference", "Date", "Payee", "Description", "Amount"]],
        rows=ledger(count),
        widths=[70, 62, 84, 110, 60],
        pitch=12,
        right_aligned=frozenset({4}),
    )


def staff_directory() -> GeneratedTable:
    """Names under their department's heading, each heading a row of its own set like the names: no
    rule, no bold, no blank row around it."""
    rows: list[list[str]] = []
    for department, people in STAFF:
        rows.append([department])
        rows += [[name, role, phone, email] for name, role, phone, email in people]
    return GeneratedTable(
        name="staff-directory",
        lang="en",
        title="Staff directory",
        header=[["Name", "Role", "Phone", "E-mail"]],
        rows=rows,
        widths=[90, 110, 50, 130],
        pitch=14,
    )


def school_timetable() -> GeneratedTable:
    """A ruled grid of lessons by day, cells merged across days (a project over two, a trip over three):
    the rule between two days stops at them."""
    rows = [
        ["8:00", "Music", "History", "Biology", "History", "Mathematics"],
        ["9:00", "French", "Art", "English", "Project work in the library", ""],
        ["10:00", "Art", "English", "Geography", "Drama", "Chemistry"],
        ["11:00", "Museum visit with the history teacher", "", "", "Latin", "Physics"],
        ["12:00", "Physics", "Music", "Latin", "English", "Geography"],
    ]
    return GeneratedTable(
        name="school-timetable",
        lang="en",
        title="Class timetable",
        header=[["Period", *WEEKDAYS]],
        rows=rows,
        widths=[44, 84, 84, 84, 84, 84],
        pitch=16,
        border=0.6,
        body_spans={(1, 4): 2, (3, 1): 3},
    )


def league_table() -> GeneratedTable:
    """Standings without rules, the team column as wide as its longest name and a half-em more: that name
    ends a little more than a word space short of the grounds (a river everywhere else), the numbers on the
    right."""
    rows = [
        ["1", "Riverside United", "Mill Lane", "12", "9", "2", "1", "29"],
        ["2", "Northfield Rovers", "North Park", "12", "8", "3", "1", "27"],
        ["3", "Kingsbridge Town", "The Quay", "12", "7", "2", "3", "23"],
        ["4", "Eastgate Albion", "Station Road", "12", "6", "3", "3", "21"],
        ["5", "Castle Wanderers Athletic", "Castle Road", "12", "5", "4", "3", "19"],
        ["6", "Harbour Town", "Harbour Park", "12", "4", "2", "6", "14"],
        ["7", "Old Mill", "Mill Lane", "12", "3", "2", "7", "11"],
        ["8", "Green Valley", "Valley Stadium", "12", "1", "2", "9", "5"],
    ]
    return GeneratedTable(
        name="league-table",
        lang="en",
        title="League table",
        header=[["Pos", "Team", "Ground", "P", "W", "D", "L", "Pts"]],
        rows=rows,
        # "Castle Wanderers Athletic" is 103.3 points wide in DejaVu Sans 8: it ends 4.5 points (0.56 em)
        # before the grounds start.
        widths=[26, 107.8, 74, 24, 24, 24, 24, 28],
        pitch=14,
        right_aligned=frozenset({0, 3, 4, 5, 6, 7}),
    )


def wrapped_statement() -> GeneratedTable:
    """A bank statement as HTML sets a table unless told otherwise: descriptions wrapped onto two lines,
    and each row's date, reference and amount in the middle of its row, between a description's lines."""
    return GeneratedTable(
        name="wrapped-statement",
        lang="en",
        title="Account statement",
        header=[["Date", "Description", "Reference", "Amount"]],
        rows=[list(booking) for booking in BOOKINGS],
        widths=[60, 150, 70, 60],
        pitch=26,
        right_aligned=frozenset({3}),
        wrapped=frozenset({1}),
        line_height=10,
        vertical_align="middle",
    )


GENERATED = (
    donor_list,
    ruled_schedule,
    zebra_price_list,
    merged_header_report,
    long_ledger,
    staff_directory,
    school_timetable,
    league_table,
    wrapped_statement,
)
