"""A lone line whose middle happens to be the page's is set from the left where the lines over and under
it start where it starts (lone_lines): a two-column summary's last value had been read as centred, and
its translation had started left of the values over it."""

from pathlib import Path

from weasyprint import HTML

from docrelay_extractor.alignment import MIN_TOLERANCE, TOLERANCE_EM
from docrelay_extractor.extract import extract_document

SIZE = 9.0
PAGE = (
    "<html><head><style>@page {{ size: A4; margin: 16mm }}"
    f" body {{{{ font-family: 'DejaVu Sans'; font-size: {SIZE}pt; line-height: 1.3 }}}}"
    " table {{ border-collapse: collapse }} td {{ padding: 3pt 5pt; vertical-align: top;"
    " border-bottom: 0.6pt solid #333 }}</style></head><body>{body}</body></html>"
)
# The last value's middle is the A4 page's (297.6 pt) within a point at this width and size.
SUMMARY = [
    ("Applicant", "Maria Lopez, Senior Engineer at the regional water authority since 2015"),
    ("Duration", "Eighteen months from the signing of the contract"),
    ("Contact", "Water authority offices, second floor, open every weekday morning"),
]


def _summary_pdf(path: Path) -> Path:
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in SUMMARY)
    body = (
        "<h1>Project summary</h1><table><colgroup><col style='width: 90pt'>"
        f"<col style='width: 300pt'></colgroup>{rows}</table>"
        "<p style='text-align: center; margin-top: 40pt'>Approved by the board</p>"
    )
    HTML(string=PAGE.format(body=body)).write_pdf(path)
    return path


def test_a_value_centred_by_chance_under_values_set_from_the_left_is_so(tmp_path: Path) -> None:
    page = extract_document(_summary_pdf(tmp_path / "summary.pdf")).pages[0]
    blocks = {block.source_text: block for block in page.blocks}
    last = blocks[SUMMARY[-1][1]]
    # What makes the case: its middle is the page's, within the tolerance a lone line is centred by.
    assert abs((last.bbox.x0 + last.bbox.x1) / 2 - page.width / 2) <= max(MIN_TOLERANCE, TOLERANCE_EM * SIZE)
    assert {blocks[value].align for _, value in SUMMARY} == {"left"}
    assert {blocks[value].bbox.x0 for _, value in SUMMARY} == {last.bbox.x0}
    # A line centred on the page, starting where no line near it starts, stays centred.
    assert blocks["Approved by the board"].align == "center"
