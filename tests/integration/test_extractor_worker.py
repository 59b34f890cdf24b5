"""The stage's steps with a real artifact store; only Celery's event sending is replaced by a recorder."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_INFO, OcrMode
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import JobOptions, PageRange, StageMessage
from docrelay_common.settings import common_settings
from docrelay_common.stage import StageContext, part_context
from docrelay_common.stages import Stage
from docrelay_extractor.worker import work
from tests.support.pdfs import pages_of
from tests.support.stage import RecordingTask, read_document, recording_context, run_in_process

JOB = "job-1"
# What the job is told of OCR when no page needed it.
NO_PAGE_OCRED = {"mode": "auto", "pages": [], "seconds": 0.0, "low_confidence_blocks": 0}

Corpus = Callable[[str], Path]


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path / "artifacts")


@pytest.fixture
def recorded(store: LocalArtifactStore) -> tuple[StageContext, RecordingTask]:
    return recording_context(Stage.EXTRACT, store)


@pytest.fixture
def context(recorded: tuple[StageContext, RecordingTask]) -> StageContext:
    return recorded[0]


@pytest.fixture
def task(recorded: tuple[StageContext, RecordingTask]) -> RecordingTask:
    return recorded[1]


def handle(message: StageMessage, context: StageContext) -> StageMessage:
    return run_in_process(work, message, context)


@pytest.fixture
def pages_per_part(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    def set_pages(pages: int) -> None:
        monkeypatch.setenv("DOCRELAY_PAGES_PER_PART", str(pages))
        common_settings.cache_clear()

    yield set_pages
    monkeypatch.delenv("DOCRELAY_PAGES_PER_PART")
    common_settings.cache_clear()


def upload(store: LocalArtifactStore, corpus: Corpus, name: str, **options: Any) -> StageMessage:
    key = job_key(JOB, "source.pdf")
    store.write_bytes(key, corpus(name).read_bytes())
    return StageMessage(job_id=JOB, options=JobOptions(**options), artifacts={"source": key})


def test_handle_writes_the_normalized_pdf_and_the_document(
    store: LocalArtifactStore, context: StageContext, task: RecordingTask, corpus: Corpus
) -> None:
    message = upload(store, corpus, "dmca.pdf", target_lang="es")
    result = handle(message, context)
    assert result.artifacts == {
        "source": job_key(JOB, "source.pdf"),
        "base": job_key(JOB, "base.pdf"),
        "extracted": job_key(JOB, "extracted"),
        "ranges": job_key(JOB, "ranges"),
    }
    assert result.parts == [PageRange(first=1, last=18)]
    with pikepdf.open(store.path(result.artifacts["base"])) as base:
        assert not base.is_encrypted and len(base.pages) == 18
    document = read_document(store, result, "extracted")
    assert (result.options.source_lang, document.target_lang) == ("en", "es")
    assert len(document.pages) == 18 and document.blocks()
    assert task.progress() == [(page, 18) for page in range(1, 19)]
    assert task.fields_of(EVENT_INFO) == [
        {"stage": "extract", "pages": 18},
        # Prose only: no table cell kept as data.
        {
            "stage": "extract",
            "source_lang": "en",
            "pages_without_text": [],
            "ocr": NO_PAGE_OCRED,
            "cells_kept_verbatim": 0,
        },
    ]


def test_page_ranges_together_make_the_same_document(
    store: LocalArtifactStore,
    context: StageContext,
    task: RecordingTask,
    corpus: Corpus,
    pages_per_part: Callable[[int], None],
) -> None:
    whole = handle(upload(store, corpus, "dmca.pdf", target_lang="es"), context)
    document = read_document(store, whole, "extracted")
    pages_per_part(5)
    cut = handle(upload(store, corpus, "dmca.pdf", target_lang="es"), context)
    assert [(part.first, part.last) for part in cut.parts] == [(1, 5), (6, 10), (11, 15), (16, 18)]
    # Each range is read alone: a sentence cut by the page break between two ranges is not linked
    # (dmca's page 15 runs on into page 16), every other is.
    across = {
        block.id
        for page in document.pages
        if page.number in {6, 11, 16}
        for block in page.blocks
        if block.continues is not None and not block.continues.startswith(f"p{page.number}-")
    }
    assert across == {"p16-b1"}
    for page in document.pages:
        for block in page.blocks:
            if block.id in across:
                block.continues = None
    assert read_document(store, cut, "extracted") == document
    second = store.read_document(cut.part_key("extracted", cut.parts[1]))
    assert [page.number for page in second.pages] == list(range(6, 11))
    # Progress counts within each range; the language comes from the whole document.
    assert task.progress()[-3:] == [(1, 3), (2, 3), (3, 3)]
    assert cut.options.source_lang == "en"


def test_each_range_is_read_from_a_pdf_of_its_own_pages(
    store: LocalArtifactStore, context: StageContext, corpus: Corpus, pages_per_part: Callable[[int], None]
) -> None:
    pages_per_part(5)
    plan = work.plan(upload(store, corpus, "R-intro.pdf", target_lang="es", source_lang="en"), context)
    cut = plan.message
    with pikepdf.open(store.path(cut.artifacts["base"])) as base:
        assert any("/Annots" in page.obj for page in base.pages)
        for part in plan.parts:
            with pikepdf.open(store.path(cut.part_key("ranges", part, ".pdf"))) as own:
                # The range's pages draw what the base's pages draw; the base's links are not copied along.
                assert len(own.pages) == part.pages
                assert not any("/Annots" in page.obj for page in own.pages)
                assert [_drawing(page) for page in own.pages] == [
                    _drawing(base.pages[number - 1]) for number in range(part.first, part.last + 1)
                ]
    # A part reads its range's file alone: with base.pdf gone its pages still come, numbered as in the base.
    store.delete(cut.artifacts["base"])
    part = plan.parts[1]
    work.run_part(cut, part, part_context(context, part))
    numbers = [page.number for page in store.read_document(cut.part_key("extracted", part)).pages]
    assert numbers == list(range(6, 11))


def _drawing(page: pikepdf.Page) -> bytes:
    contents = page.obj.Contents
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
    return b"".join(stream.read_bytes() for stream in streams)


def test_a_scan_is_cut_into_ranges_of_a_few_pages_for_the_replicas_to_share(
    store: LocalArtifactStore, context: StageContext, corpus: Corpus, sample_pdf: Path
) -> None:
    key = job_key(JOB, "source.pdf")
    store.write_bytes(key, pages_of((sample_pdf, 0), *[(corpus("francais-scan.pdf"), 0)] * 5))
    auto = StageMessage(job_id=JOB, options=JobOptions(target_lang="es"), artifacts={"source": key})
    # A page with text costs 1 of a range's 40, a page OCR will read 40 / 4 (DOCRELAY_OCR_PAGES_PER_PART).
    assert [(part.first, part.last) for part in work.plan(auto, context).parts] == [(1, 4), (5, 6)]
    off = auto.model_copy(update={"options": JobOptions(target_lang="es", ocr=OcrMode.OFF)})
    assert [(part.first, part.last) for part in work.plan(off, context).parts] == [(1, 6)]


def test_handle_keeps_a_source_language_the_user_chose(
    store: LocalArtifactStore, context: StageContext, task: RecordingTask, corpus: Corpus
) -> None:
    message = upload(store, corpus, "naacl06-shinyama.pdf", target_lang="de", source_lang="fr")
    result = handle(message, context)
    assert result.options.source_lang == "fr"
    # The paper's tables hold dates and names: the cells kept as they are, counted over every range, a
    # cell of two parts (cell_parts: one of its figures' "2. . . . Taiwan" over "'s-coast") once.
    cells = read_document(store, result, "extracted").cells()
    kept = [cell for cell in cells if all(not part.translatable for part in cell)]
    assert kept and len(kept) < sum(not block.translatable for cell in cells for block in cell)
    assert task.fields_of(EVENT_INFO)[-1] == {
        "stage": "extract",
        "source_lang": "fr",
        "pages_without_text": [],
        "ocr": NO_PAGE_OCRED,
        "cells_kept_verbatim": len(kept),
    }


def test_handle_fails_with_the_pdf_error_code(
    store: LocalArtifactStore, context: StageContext, corpus: Corpus
) -> None:
    with pytest.raises(PermanentError) as raised:
        handle(upload(store, corpus, "crazyones-encrypted-256.pdf", target_lang="es"), context)
    assert raised.value.code == ErrorCode.PDF_ENCRYPTED
    assert not store.exists(job_key(JOB, "base.pdf"))


def test_handle_reports_a_missing_upload(context: StageContext) -> None:
    message = StageMessage(
        job_id=JOB, options=JobOptions(target_lang="es"), artifacts={"source": "jobs/x/gone.pdf"}
    )
    with pytest.raises(PermanentError) as raised:
        handle(message, context)
    assert raised.value.code == ErrorCode.ARTIFACT_MISSING
