"""Forms stay forms: fields fillable where they were, tooltips translated, labels alike, XFA dropped with
a notice. A form set by WeasyPrint (tests/support/forms.py) and the corpus's LibreOffice form go through
the pipeline as the stage workers run it (page ranges put back into the source PDF), with Apertium."""

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pikepdf import Name
from pikepdf.form import Form

from bench.pipeline import APERTIUM, BASE_PDF, OK, RESULT_PDF, run_pipeline
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import OutputMode
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import Stage
from docrelay_extractor.normalize import normalize_pdf
from docrelay_extractor.worker import work
from docrelay_reconstructor.bilingual import arrange_output
from tests.support.forms import FIELD_LEFT, FIELDS, LABEL_LEFT, registration_form, with_xfa
from tests.support.stage import recording_context, run_in_process

Widgets = list[tuple[str, tuple[float, ...]]]


def widgets(pdf: pikepdf.Pdf) -> Widgets:
    """Each widget on the pages: its field's name and its rectangle."""
    found = []
    for page in pdf.pages:
        for annot in page.obj.get(Name.Annots, []):
            if annot.get(Name.Subtype) == Name.Widget:
                field = annot if Name.T in annot else annot.Parent
                found.append((str(field.T), tuple(round(float(value), 2) for value in annot.Rect)))
    return sorted(found)


@pytest.fixture(scope="module")
def translated_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work_dir = tmp_path_factory.mktemp("form")
    (work_dir / "form.pdf").write_bytes(registration_form())
    assert run_pipeline(work_dir / "form.pdf", work_dir, APERTIUM).outcome == OK
    return work_dir


def test_the_fields_stay_where_they_were_and_can_still_be_filled(translated_form: Path) -> None:
    with (
        pikepdf.open(translated_form / BASE_PDF) as source,
        pikepdf.open(translated_form / RESULT_PDF) as result,
    ):
        assert widgets(result) == widgets(source) and len(widgets(source)) == len(FIELDS)
        Form(result)["first_name"].value = "Ana"
        filled = BytesIO()
        result.save(filled)
    with pikepdf.open(filled) as reopened:
        assert str(Form(reopened)["first_name"].value) == "Ana"


def test_tooltips_are_translated(translated_form: Path) -> None:
    with pikepdf.open(translated_form / RESULT_PDF) as result:
        tooltips = {str(field.T): str(field.TU) for field in result.Root.AcroForm.Fields}
    english = {name: tooltip for name, _, tooltip in FIELDS}
    assert set(tooltips) == set(english)
    assert all(tooltips[name] and tooltips[name] != english[name] for name in english)
    assert "nombre" in tooltips["first_name"].lower()


def test_labels_of_one_style_come_out_alike_and_beside_their_fields(translated_form: Path) -> None:
    with pdfplumber.open(translated_form / RESULT_PDF) as result:
        words = result.pages[0].extract_words(extra_attrs=["size"])
    labels = [word for word in words if word["x0"] >= LABEL_LEFT - 1 and word["top"] > 70]
    assert len(labels) >= len(FIELDS)
    assert len({round(word["size"], 1) for word in labels}) == 1
    assert all(word["x1"] <= FIELD_LEFT for word in labels)


def test_the_corpus_form_keeps_its_fields(corpus, tmp_path: Path) -> None:
    assert run_pipeline(corpus("libreoffice-form.pdf"), tmp_path, APERTIUM).outcome == OK
    with pikepdf.open(tmp_path / BASE_PDF) as source, pikepdf.open(tmp_path / RESULT_PDF) as result:
        assert widgets(result) == widgets(source)
        assert len(result.Root.AcroForm.Fields) == len(source.Root.AcroForm.Fields) == 8


@pytest.fixture
def xfa_form(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "xfa.pdf"
    path.write_bytes(with_xfa(registration_form()))
    yield path


def test_an_xfa_form_is_flattened_to_its_acroform_with_a_notice(xfa_form: Path) -> None:
    normalized = normalize_pdf(xfa_form)
    (notice,) = normalized.notices
    assert "XFA" in notice and f"{len(FIELDS)} fillable AcroForm fields" in notice
    with pikepdf.open(BytesIO(normalized.pdf)) as pdf:
        assert Name.XFA not in pdf.Root.AcroForm and Name.NeedsRendering not in pdf.Root
        assert len(widgets(pdf)) == len(FIELDS)


def test_the_xfa_notice_reaches_the_job(xfa_form: Path, tmp_path: Path) -> None:
    store = LocalArtifactStore(tmp_path / "artifacts")
    store.write_bytes("job/source.pdf", xfa_form.read_bytes())
    context, task = recording_context(Stage.EXTRACT, store)
    message = StageMessage(
        job_id="job",
        options=JobOptions(source_lang="en", target_lang="es"),
        artifacts={"source": "job/source.pdf"},
    )
    run_in_process(work, message, context)
    (notice,) = task.info()["notices"]
    assert notice.startswith("this PDF held an XFA form")


def test_alternating_output_keeps_one_fillable_form_on_the_translated_pages(translated_form: Path) -> None:
    result = arrange_output(
        translated_form / BASE_PDF, (translated_form / RESULT_PDF).read_bytes(), OutputMode.ALTERNATING
    )
    with pikepdf.open(BytesIO(result)) as pdf:
        original, translated = pdf.pages
        # The original page shows its fields drawn in; the translated one holds the fields to fill.
        assert Name.Annots not in original.obj or not list(original.obj.Annots)
        assert len(translated.obj.Annots) == len(FIELDS) == len(pdf.Root.AcroForm.Fields)
        assert {annot.objgen for annot in translated.obj.Annots} == {
            field.objgen for field in pdf.Root.AcroForm.Fields
        }
