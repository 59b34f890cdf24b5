"""Small hand-built documents for the tests of the stages that read one."""

from docrelay_common.document import BBox, Document, InlineMath, Page, TextBlock, formula_token

BOX = BBox(x0=50, top=50, x1=300, bottom=70)


def text_document(
    *pages: list[str],
    source_lang: str | None = None,
    target_lang: str | None = None,
    engine: str | None = None,
) -> Document:
    """One US-letter page per list of texts; each text is a block, as extracted, in the same box."""
    return Document(
        source_lang=source_lang,
        target_lang=target_lang,
        engine=engine,
        pages=[
            Page(
                number=number,
                width=612,
                height=792,
                blocks=[
                    TextBlock(id=f"p{number}-b{index}", bbox=BOX, text=text, source_text=text)
                    for index, text in enumerate(texts)
                ],
            )
            for number, texts in enumerate(pages, start=1)
        ],
    )


def inline_formula(index: int, x0: float, top: float, advance: float = 10.0) -> InlineMath:
    """The block's `index`th formula: one glyph "x", `advance` wide, at (x0, top) on a 10-point line."""
    return InlineMath(
        token=formula_token(index),
        bbox=BBox(x0=x0, top=top, x1=x0 + advance, bottom=top + 10),
        origin_x=x0,
        baseline=top + 8,
        advance=advance,
        glyphs=1,
        text="x",
    )
