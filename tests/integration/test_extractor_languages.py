"""The extract stage settles the document's language and each block's own, on generated PDFs."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import weasyprint
from redis import Redis

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_INFO
from docrelay_common.engine_catalog import publish, withdraw
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.language_routes import RouteRules
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import Stage
from docrelay_extractor.candidates import CANDIDATES
from docrelay_extractor.settings import extractor_settings
from docrelay_extractor.worker import work
from docrelay_translator.capabilities import capabilities
from tests.support.stage import RecordingTask, read_document, recording_context, run_in_process
from tests.support.typeset import html_table

UDHR = Path(__file__).parents[2] / "bench" / "data" / "udhr"


def paragraph(tag: str, article: str) -> str:
    lines = (UDHR / f"{tag}.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)[article]


def extract(tmp_path: Path, *texts: str) -> tuple[StageMessage, LocalArtifactStore, RecordingTask]:
    return extract_html(tmp_path, "".join(f"<p>{text}</p>" for text in texts))


def extract_html(tmp_path: Path, html: str) -> tuple[StageMessage, LocalArtifactStore, RecordingTask]:
    store = LocalArtifactStore(tmp_path / "artifacts")
    store.write_bytes(job_key("job1", "source.pdf"), bytes(weasyprint.HTML(string=html).write_pdf()))
    message = StageMessage(
        job_id="job1",
        options=JobOptions(target_lang="en"),
        artifacts={"source": job_key("job1", "source.pdf")},
    )
    context, task = recording_context(Stage.EXTRACT, store)
    return run_in_process(work, message, context), store, task


@pytest.fixture(autouse=True)
def catalog(redis: Redis, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The engine catalog of this machine's translator, published in a real Redis the extractor reads."""
    port = redis.connection_pool.connection_kwargs["port"]
    monkeypatch.setenv("DOCRELAY_REDIS_URL", f"redis://127.0.0.1:{port}/0")
    extractor_settings.cache_clear()
    publish(redis, "translator@test", capabilities(), 60, RouteRules())
    CANDIDATES.forget()
    yield
    withdraw(redis, "translator@test")
    extractor_settings.cache_clear()
    CANDIDATES.forget()


@pytest.fixture
def default_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DOCRELAY_DEFAULT_SOURCE_LANG", "es")
    extractor_settings.cache_clear()
    yield
    extractor_settings.cache_clear()


def test_a_block_in_another_language_keeps_its_own(tmp_path: Path) -> None:
    spanish = [paragraph("es", article) for article in ("1.1", "2.1", "3.1", "4.1")]
    english = paragraph("en", "2.2")
    result, store, _ = extract(tmp_path, *spanish, english)
    assert result.options.source_lang == "es"
    blocks = read_document(store, result, "extracted").blocks()
    assert [block.lang for block in blocks if block.lang not in (None, "es")] == ["en"]
    assert next(block for block in blocks if block.lang == "en").text.startswith("Furthermore")


@pytest.mark.parametrize(
    ("text", "language"),
    [("Hello World", "en"), ("Potato", "en"), ("Page 1", "en"), ("Apellido Nombre Matricula Cuit", "es")],
)
def test_a_document_of_one_short_text(tmp_path: Path, text: str, language: str) -> None:
    result, _, _ = extract(tmp_path, text)
    assert result.options.source_lang == language


# Labels, names, places and figures: French to character statistics among the languages engines here
# translate from, German, no language at all.
CAFE = [
    ("Code", "Product", "Price"),
    ("A1", "Espresso", "2.20"),
    ("A2", "Latte", "2.90"),
    ("B1", "Croissant", "1.80"),
    ("B2", "Muffin", "2.10"),
]
DEPOTS = [
    ("Warehouse", "Pallets", "Fill", "Carrier", "On time"),
    ("Dortmund", "1,240", "82%", "DHL Freight", "96%"),
    ("Kassel", "860", "64%", "Schenker", "93%"),
    ("Erfurt", "540", "71%", "Rhenus", "91%"),
]
ORDER = [
    ("Vendor", "Stahlwerk Kunz AG", "Ship to", "Depot North"),
    ("", "Industriestrasse 8", "", "Gate 3, Unit 12"),
    ("", "8400 Winterthur", "", "Basel 4057"),
    ("Code", "Item", "Qty", "Total"),
    ("ST-220", "Steel plate 2 mm", "40", "CHF 1,520.00"),
    ("ST-410", "Angle bar 40x40", "120", "CHF 1,104.00"),
]
# A French invoice's labels: "Client" and "Date" are English words too.
FACTURE = [
    ("Client", "Atelier Dubois", "Date", "12/03/2024"),
    ("Désignation", "Quantité", "Montant", ""),
    ("Rayonnage métallique", "2", "240,00", ""),
    ("Établi en hêtre", "1", "380,00", ""),
    ("Livraison", "1", "45,00", ""),
]


@pytest.mark.parametrize(
    ("tables", "language"),
    [([CAFE], "en"), ([DEPOTS], "en"), ([ORDER], "en"), ([FACTURE], "fr")],
)
def test_a_document_of_labels_is_english_when_most_of_them_plainly_are(
    tmp_path: Path, tables: list[list[tuple[str, ...]]], language: str
) -> None:
    # Cells set apart as a browser sets them, the heads in bold.
    padded = "<style>td, th { padding: 3pt 8pt; text-align: left }</style>"
    result, _, _ = extract_html(
        tmp_path, padded + "<br>".join(html_table(rows[0], rows[1:]) for rows in tables)
    )
    assert result.options.source_lang == language


def test_an_undecidable_document_asks_for_source_lang(tmp_path: Path) -> None:
    with pytest.raises(PermanentError) as failure:
        extract(tmp_path, "Factura")
    assert failure.value.code == ErrorCode.LANGUAGE_UNDETECTED
    message = failure.value.message
    assert "too short to tell" in message and "'Factura'" in message
    assert "pass source_lang" in message and "DOCRELAY_DEFAULT_SOURCE_LANG" in message


@pytest.mark.usefixtures("default_language")
def test_the_configured_default_language_is_taken_and_said(tmp_path: Path) -> None:
    result, _, task = extract(tmp_path, "Factura")
    assert result.options.source_lang == "es"
    notices = [fields["notices"] for fields in task.fields_of(EVENT_INFO) if "notices" in fields]
    assert notices == [
        ["the language was not detected (the text is too short to tell ca from es): taken to be es"]
    ]


def test_a_function_index_is_read_whole_when_its_translatable_text_is_too_little(tmp_path: Path) -> None:
    # The entries are identifiers in a monospaced font, kept as they are; the heading alone ("Índice
    # alfabético") is too short to tell Spanish from Portuguese or Galician.
    entries = ["mostrar_tabla", "leer_fichero", "guardar_datos", "ordenar_lista", "buscar_nombre"]
    entries += ["calcular_media", "escribir_salida", "borrar_entrada", "abrir_conexion", "cerrar_sesion"]
    code = "".join(f'<p style="font-family: DejaVu Sans Mono">{entry}</p>' for entry in entries)
    result, store, _ = extract(tmp_path, "Índice alfabético " + code)
    blocks = read_document(store, result, "extracted").blocks()
    assert [block.text for block in blocks if block.translatable] == ["Índice alfabético"]
    assert result.options.source_lang == "es"
