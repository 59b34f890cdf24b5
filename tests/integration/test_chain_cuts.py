"""A sentence cut by a column's end, translated whole and shared out unevenly, is cut again by the
reconstructor where both of its blocks keep their size.

The source PDF is set here by WeasyPrint: a sentence running from the foot of the left column into the
top of the right one, with a paragraph right under its tail. It goes through the real extractor (which
links the two blocks), its translation is given to the blocks as the translator's share-out would when
the translation's proportions differ from the source's (a short head, a long tail), and the real
reconstructor rebuilds the page; the result is read back with pdfplumber.
"""

from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import Document, TextBlock
from docrelay_common.sentence_chains import joined, words
from docrelay_reconstructor.chain_cuts import balanced_cuts
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.sizing import setting
from tests.support.documents import inline_formula
from tests.support.typeset import typeset_and_extract

SIZE = 11.0
HEAD = (
    "The committee reviewed the proposals that the regional offices had sent during the spring, "
    "heard the members who had asked to speak, and agreed that the"
)
TAIL = "remaining questions would be settled by the board at its next meeting in the autumn"
NEXT = "Other business. The secretary read the minutes of the last meeting, which were approved."
TRANSLATION = (
    "El comité examinó las propuestas que las oficinas regionales habían enviado durante la primavera, "
    "escuchó a los miembros que habían pedido la palabra y acordó que las cuestiones pendientes serían "
    "resueltas por la junta en su próxima reunión de otoño"
)
# How far sizes read back from a PDF may drift, in points.
TOLERANCE = 0.1


def two_columns() -> str:
    # The head ends at the left column's foot, as low as the text starts high: the page's bottom margin.
    return f"""<html><head><style>
    @page {{ size: 500pt 300pt; margin: 0 }}
    body {{ margin: 0; font-family: 'DejaVu Serif'; font-size: {SIZE}pt; line-height: 14pt }}
    p {{ position: absolute; margin: 0; width: 190pt }}
    </style></head><body>
    <p style="left: 40pt; top: 40pt">Minutes. {"Nothing else was said. " * 3}</p>
    <p style="left: 40pt; top: 180pt">{HEAD}</p>
    <p style="left: 270pt; top: 40pt">{TAIL}</p>
    <p style="left: 270pt; top: 100pt">{NEXT}</p>
    </body></html>"""


@pytest.fixture
def extracted(tmp_path: Path) -> tuple[Path, Document]:
    base, document = typeset_and_extract(two_columns(), tmp_path)
    # The other paragraphs are translated too (and their rooms are theirs).
    for block in document.blocks():
        if block.source_text not in (HEAD, TAIL):
            block.text = f"Traducido: {block.source_text}"
    return base, document


def chain_of(document: Document) -> tuple[TextBlock, TextBlock]:
    blocks = {block.source_text: block for block in document.blocks()}
    head, tail = blocks[HEAD], blocks[TAIL]
    assert tail.continues == head.id
    return head, tail


def shared_out(document: Document, head_words: int) -> None:
    """The translation given to the head and the tail, the head taking its first `head_words` words."""
    head, tail = chain_of(document)
    every_word = TRANSLATION.split()
    head.text, tail.text = " ".join(every_word[:head_words]), " ".join(every_word[head_words:])


def ease(block: TextBlock, document: Document) -> float:
    """The share of its size the block is set at in its room."""
    rooms = free_rooms(document.pages[0])
    return setting(block, rooms.get(block.id, block.bbox), document.target_lang).fit.size / block.style.size


def test_words_move_from_a_block_that_would_shrink_to_one_with_room_to_spare(
    extracted: tuple[Path, Document], tmp_path: Path
) -> None:
    base, document = extracted
    shared_out(document, head_words=12)
    head, tail = chain_of(document)
    # As the translator cut it, the tail would shrink while the head has lines to spare.
    assert ease(head, document) == 1.0
    assert ease(tail, document) < 1.0

    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, document, tmp_path))
    with pdfplumber.open(result) as pdf:
        drawn = pdf.pages[0].extract_words(extra_attrs=["size"])
    column_words = [word for word in drawn if word["top"] < 270 and word["text"] in TRANSLATION.split()]
    left = [word["text"] for word in column_words if word["x0"] < 250 and word["top"] > 170]
    right = [word["text"] for word in column_words if word["x0"] > 250 and word["top"] < 100]

    # The sentence reads whole down the left column and on in the right one, all at the source's size.
    assert " ".join(left + right) == TRANSLATION
    assert len(left) > 12
    assert all(abs(word["size"] - SIZE) < TOLERANCE for word in column_words)


def test_the_fewest_words_that_let_both_keep_their_size_are_moved(extracted: tuple[Path, Document]) -> None:
    _, document = extracted
    shared_out(document, head_words=12)

    balanced = balanced_cuts(document, pages={0})
    head, tail = chain_of(balanced)
    moved = len(head.text.split()) - 12

    assert joined(head.text, tail.text) == TRANSLATION
    assert moved > 0
    assert ease(head, balanced) == ease(tail, balanced) == 1.0
    # One word fewer, and the tail still shrinks.
    shared_out(document, head_words=12 + moved - 1)
    assert ease(chain_of(document)[1], document) < 1.0


def test_words_move_back_from_a_head_that_would_shrink(extracted: tuple[Path, Document]) -> None:
    _, document = extracted
    # Nearly all the sentence in the head, which has six lines; the tail gets its last two words.
    every_word = TRANSLATION.split()
    shared_out(document, head_words=len(every_word) - 2)
    head, tail = chain_of(document)
    assert ease(head, document) < 1.0

    balanced = balanced_cuts(document, pages={0})
    head, tail = chain_of(balanced)

    assert joined(head.text, tail.text) == TRANSLATION
    assert len(tail.text.split()) > 2
    assert ease(head, balanced) == ease(tail, balanced) == 1.0


def test_when_both_must_shrink_the_cut_sets_the_tighter_of_them_largest(
    extracted: tuple[Path, Document],
) -> None:
    _, document = extracted
    longer = f"{TRANSLATION} {TRANSLATION}"
    every_word = longer.split()
    head, tail = chain_of(document)

    def tighter(cut: int) -> float:
        head.text, tail.text = " ".join(every_word[:cut]), " ".join(every_word[cut:])
        return min(ease(head, document), ease(tail, document))

    best = max(tighter(cut) for cut in range(1, len(every_word)))
    start = len(every_word) // 2
    assert tighter(start) < best < 1.0

    balanced_head, balanced_tail = chain_of(balanced_cuts(document, pages={0}))

    assert joined(balanced_head.text, balanced_tail.text) == longer
    assert min(ease(balanced_head, document), ease(balanced_tail, document)) == best


def test_a_cut_where_both_keep_their_size_stays_where_the_translator_put_it(
    extracted: tuple[Path, Document],
) -> None:
    _, document = extracted
    every_word = TRANSLATION.split()
    shared_out(document, head_words=len(every_word) // 2 + 4)
    head, tail = chain_of(document)
    assert ease(head, document) == ease(tail, document) == 1.0

    assert balanced_cuts(document, pages={0}) is document


@pytest.mark.parametrize(
    "update",
    [
        {"code": ["settled"]},
        {"math": [inline_formula(0, x0=300, top=50).model_dump()]},
        {"kind": "math"},
        {
            "cell": {
                "table": "t0",
                "row": 0,
                "column": 0,
                "bbox": {"x0": 270, "top": 40, "x1": 460, "bottom": 90},
            }
        },
        {"rotation": 90},
        {"translatable": False},
    ],
)
@pytest.mark.parametrize("which", [0, 1])
def test_blocks_of_other_kinds_keep_the_translators_cut(
    extracted: tuple[Path, Document], update: dict[str, object], which: int
) -> None:
    """Formulas and code are placed by their tokens in a block's text, a cell keeps to its cell, a turned
    block is set apart, and an untranslated block shows its source: none of them takes or gives words."""
    _, document = extracted
    shared_out(document, head_words=12)
    block = chain_of(document)[which]
    # The update is validated as the document model would validate it.
    changed = TextBlock.model_validate({**block.model_dump(), **update})
    document.pages[0].blocks[document.pages[0].blocks.index(block)] = changed

    assert balanced_cuts(document, pages={0}) is document


def test_pages_not_listed_are_left_alone(extracted: tuple[Path, Document]) -> None:
    _, document = extracted
    shared_out(document, head_words=12)

    assert balanced_cuts(document, pages=set()) is document


def test_a_cjk_translation_is_cut_between_characters_and_joined_without_spaces() -> None:
    assert words("一二三 four") == ["一", "二", "三 ", "four"]
    assert joined("日本", "語です") == "日本語です"
    assert joined("uno ", " dos") == "uno dos"
    assert joined("", "dos") == "dos"


def test_a_chain_of_three_is_balanced_pair_by_pair(extracted: tuple[Path, Document]) -> None:
    """With a third block linked to the tail, the second cut is made on the tail's text as the first
    cut left it: no word is lost or doubled, and the first pair keeps what it gained."""
    _, document = extracted
    shared_out(document, head_words=12)
    head, tail = chain_of(document)
    page = document.pages[0]
    (following,) = [block for block in page.blocks if block.source_text == NEXT]
    third = following.model_copy(update={"continues": tail.id, "text": "y nada más"})
    page.blocks[page.blocks.index(following)] = third

    balanced = balanced_cuts(document, pages={0})
    by_id = {block.id: block for block in balanced.blocks()}
    head, tail, third = by_id[head.id], by_id[tail.id], by_id[third.id]

    # The tail's text after the head's cut is the one cut again with the third block's.
    assert joined(joined(head.text, tail.text), third.text) == f"{TRANSLATION} y nada más"
    assert ease(head, balanced) == ease(tail, balanced) == 1.0
