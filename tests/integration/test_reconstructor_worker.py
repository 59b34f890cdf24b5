"""The reconstruct stage, run against a real artifact store without Celery."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_PROGRESS
from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import JobOptions, PageRange, StageMessage
from docrelay_common.stages import Stage
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.worker import work
from tests.support.stage import message_with_document, recording_context, run_in_process

Corpus = Callable[[str], Path]
BASE = job_key("j1", "base.pdf")


def message_for(store: LocalArtifactStore, document: Document, pages_per_part: int = 40) -> StageMessage:
    """The message for a job whose base PDF is stored, and whose toned document is `document`."""
    options = JobOptions(target_lang="es")
    return message_with_document(
        store, "toned", document, options, "j1", artifacts={"base": BASE}, pages_per_part=pages_per_part
    )


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path)


def test_handle_writes_the_result_and_reports_progress(corpus: Corpus, store: LocalArtifactStore) -> None:
    block = TextBlock(
        id="b0", bbox=BBox(x0=36, top=40, x1=380, bottom=52), text="Detenciones por sexo", source_text="x"
    )
    document = Document(pages=[Page(number=1, width=420, height=660, blocks=[block])])
    store.write_file(BASE, corpus("census-12s0324.pdf"))
    context, task = recording_context(Stage.RECONSTRUCT, store)

    result = run_in_process(work, message_for(store, document), context)

    assert result.artifacts["result"] == job_key("j1", "result.pdf")
    with pdfplumber.open(store.path(result.artifacts["result"])) as pdf:
        text = pdf.pages[0].extract_text()
    # The line under the block is replaced; the text of the page no block holds stays as it was.
    assert "Detenciones por sexo" in text
    assert "[In thousands" not in text and "Arrests by Sex" in text
    assert (EVENT_PROGRESS, {"stage": "reconstruct", "done": 1, "total": 1}) in task.events


def test_a_missing_base_pdf_fails_the_job(store: LocalArtifactStore) -> None:
    message = StageMessage(
        job_id="j1",
        options=JobOptions(target_lang="es"),
        artifacts={"base": BASE, "toned": job_key("j1", "toned")},
        parts=[PageRange(first=1, last=1)],
    )
    context, _ = recording_context(Stage.RECONSTRUCT, store)

    with pytest.raises(PermanentError) as failure:
        run_in_process(work, message, context)

    assert failure.value.code == ErrorCode.ARTIFACT_MISSING


def translated_on(document: Document, numbers: list[int]) -> Document:
    """`document` with the first block of pages `numbers` translated, and nothing on the other pages."""
    pages = []
    for page in document.pages:
        blocks = [block for block in page.blocks if block.translatable][:1] if page.number in numbers else []
        translated = [block.model_copy(update={"text": marker(page.number)}) for block in blocks]
        pages.append(page.model_copy(update={"blocks": translated}))
    return document.model_copy(update={"pages": pages, "target_lang": "es"})


def marker(number: int) -> str:
    return f"Texto traducido de la página {number}"


def page_texts(pdf_path: Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """Each outline entry's title and the number of the page it opens; KeyError if it opens none."""
    numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    names = pdf.Root.get("/Names", pikepdf.Dictionary())
    named = pikepdf.NameTree(names.Dests) if "/Dests" in names else None
    entries = []
    with pdf.open_outline() as opened:
        for item in _outline_items(opened.root):
            destination: Any = item.destination
            if destination is None:
                assert item.action is not None, f"{item.title} opens nothing"
                destination = item.action.D
            if not isinstance(destination, pikepdf.Array):
                assert named is not None, f"{item.title} opens a named destination the PDF does not name"
                destination = named[str(destination)]
            if isinstance(destination, pikepdf.Dictionary):
                destination = destination.D
            entries.append((item.title, numbers[destination[0].objgen]))
    return entries


def _outline_items(items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from _outline_items(item.children)


def kept(pdf_path: Path) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """What a rewrite must keep of the source besides its pages: document info and outline."""
    with pikepdf.open(pdf_path) as pdf:
        return {key: str(value) for key, value in pdf.docinfo.items()}, outline(pdf)


@pytest.mark.parametrize(
    ("name", "translated_pages"),
    [
        # 18 pages in ranges 1-5, 6-10, 11-15 and 16-18; its document info has a title.
        ("dmca.pdf", [2, 9, 17]),
        # 8 pages in ranges 1-5 and 6-8; its outline opens pages through named destinations.
        pytest.param(
            "zxjafont-ja.pdf",
            [2, 7],
        ),
    ],
)
def test_page_ranges_reconstruct_into_the_source_pdf(
    corpus: Corpus, store: LocalArtifactStore, name: str, translated_pages: list[int]
) -> None:
    store.write_bytes(BASE, normalize_pdf(corpus(name)).pdf)
    document = translated_on(extract_document(store.path(BASE)), translated_pages)
    source_texts, source_kept = page_texts(store.path(BASE)), kept(store.path(BASE))
    assert source_kept[0].get("/Title") or source_kept[1], f"{name} has neither title nor outline to keep"
    results = []
    for pages_per_part in (len(document.pages), 5):
        context, _ = recording_context(Stage.RECONSTRUCT, store)
        message = message_for(store, document, pages_per_part)
        result = store.path(run_in_process(work, message, context).artifacts["result"])
        results.append((message.parts, page_texts(result), kept(result)))
    (whole, whole_texts, whole_kept), (cut, cut_texts, cut_kept) = results

    assert len(whole) == 1
    translated_ranges = {part for part in cut for page in translated_pages if part.first <= page <= part.last}
    assert len(translated_ranges) == len(translated_pages), "each translated page in a range of its own"
    assert cut_texts == whole_texts and len(cut_texts) == len(source_texts)
    for number, (text, source_text) in enumerate(zip(cut_texts, source_texts, strict=True), start=1):
        if number in translated_pages:
            assert marker(number) in text and text != source_text
        else:
            assert text == source_text
    assert cut_kept == whole_kept == source_kept
