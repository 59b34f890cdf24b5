"""The reconstruct stage's handler, run against a real artifact store without Celery."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.artifacts import LocalArtifactStore, job_key
from docrelay_common.constants import EVENT_PROGRESS, Stage
from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_reconstructor.worker import handle
from tests.support.stage import recording_context


def message_for(store: LocalArtifactStore, base: Path, document: Document) -> StageMessage:
    shutil.copyfile(base, store.path(job_key("j1", "base.pdf")))
    store.write_document(job_key("j1", "toned.json"), document)
    return StageMessage(
        job_id="j1",
        options=JobOptions(target_lang="es"),
        artifacts={"base": job_key("j1", "base.pdf"), "toned": job_key("j1", "toned.json")},
    )


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    store = LocalArtifactStore(tmp_path)
    store.path(job_key("j1", "x")).parent.mkdir(parents=True)
    return store


def test_handle_writes_the_result_and_reports_progress(
    corpus: Callable[[str], Path], store: LocalArtifactStore
) -> None:
    block = TextBlock(
        id="b0", bbox=BBox(x0=36, top=40, x1=380, bottom=52), text="Detenciones por sexo", source_text="x"
    )
    document = Document(pages=[Page(number=1, width=420, height=660, blocks=[block])])
    context, task = recording_context(Stage.RECONSTRUCT, store)

    result = handle(message_for(store, corpus("census-12s0324.pdf"), document), context)

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
        artifacts={"base": job_key("j1", "base.pdf"), "toned": job_key("j1", "toned.json")},
    )
    context, _ = recording_context(Stage.RECONSTRUCT, store)

    with pytest.raises(PermanentError) as failure:
        handle(message, context)

    assert failure.value.code == ErrorCode.ARTIFACT_MISSING
