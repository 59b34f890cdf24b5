"""Documents in six languages to English and to Spanish through the whole stack, directly or through a
bridge language; what the translators can do (`GET /v1/languages`, `docrelay languages`)."""

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pdfplumber
import pytest
import weasyprint

from docrelay_cli.stack import Stack
from docrelay_common.detection_languages import detection_candidates
from docrelay_extractor.language import detect
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job

UDHR = Path(__file__).parents[2] / "bench" / "data" / "udhr"
# What the default install's Apertium pairs give, with Spanish as the first bridge to English.
EXPECTED_PATHS = {
    ("fr", "en"): ["apertium:fr-es", "apertium:es-en"],
    ("fr", "es"): ["apertium:fr-es"],
    ("pt", "en"): ["apertium:pt-es", "apertium:es-en"],
    ("pt", "es"): ["apertium:pt-es"],
    ("it", "en"): ["apertium:it-es", "apertium:es-en"],
    ("it", "es"): ["apertium:it-es"],
    ("ca", "en"): ["apertium:ca-en"],
    ("ca", "es"): ["apertium:ca-es"],
    ("ro", "en"): ["apertium:ro-es", "apertium:es-en"],
    ("ro", "es"): ["apertium:ro-es"],
}
# Debian bookworm's Russian pairs crash (README "Language pairs"): nothing translates from Russian.
UNREACHABLE = [("ru", "en"), ("ru", "es")]


def paragraphs(tag: str) -> list[str]:
    lines = (UDHR / f"{tag}.tsv").read_text(encoding="utf-8").splitlines()
    texts = dict(line.split("\t", 1) for line in lines)
    return [texts[key] for key in ("1.1", "3.1", "4.1", "5.1")]


def pdf_in(tag: str) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs(tag))
    return bytes(weasyprint.HTML(string=f"<html lang='{tag}'><body>{body}</body></html>").write_pdf())


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(page.extract_text() or "" for page in document.pages)


@pytest.fixture(scope="module")
def finished_jobs(stack: Stack) -> dict[tuple[str, str], dict[str, Any]]:
    """Every job submitted at once, without source_lang, and followed until it ends."""
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        submitted = {}
        for source, target in [*EXPECTED_PATHS, *UNREACHABLE]:
            response = submit(gateway, pdf_in(source), name=f"{source}.pdf", target_lang=target)
            assert response.status_code == 202, response.text
            submitted[source, target] = response.json()["id"]
        return {pair: wait_for_job(gateway, job_id) for pair, job_id in submitted.items()}


@pytest.mark.parametrize(("source", "target"), list(EXPECTED_PATHS))
def test_a_document_reaches_the_target_language_along_its_path(
    finished_jobs: dict[tuple[str, str], dict[str, Any]], gateway: httpx.Client, source: str, target: str
) -> None:
    job = finished_jobs[source, target]
    assert job["status"] == "succeeded", job
    assert (job["source_lang"], job["engine"]) == (source, "apertium")
    assert job["engine_path"] == EXPECTED_PATHS[source, target]
    result = gateway.get(f"/v1/jobs/{job['id']}/result")
    assert result.status_code == 200
    # The rendered text of the result, detected as any document's would be.
    translated = text_of(result.content)
    assert detect(translated, detection_candidates({source, target})).language == target, translated


@pytest.mark.parametrize(("source", "target"), UNREACHABLE)
def test_a_language_nothing_translates_fails_saying_so(
    finished_jobs: dict[tuple[str, str], dict[str, Any]], source: str, target: str
) -> None:
    job = finished_jobs[source, target]
    assert job["status"] == "failed" and job["source_lang"] == source
    assert job["error"]["code"] == "unsupported_language_pair" and job["error"]["stage"] == "translate"
    assert f"nothing translates from {source} (GET /v1/languages" in job["error"]["message"]


def test_the_languages_endpoint_and_command_list_every_reachable_pair(
    gateway: httpx.Client, stack: Stack
) -> None:
    body = gateway.get("/v1/languages").json()
    routes = {(route["source"], route["target"]): route for route in body["routes"]}
    assert body["count"] == len(body["routes"]) > 200
    for pair, path in EXPECTED_PATHS.items():
        assert routes[pair]["engine_path"] == path and routes[pair]["hops"] == len(path)
    assert not any(source == "ru" for source, _ in routes)
    assert {"en", "es", "fr", "pt", "it", "ca", "ro", "ru", "de"} <= set(body["detectable"])
    assert "vi" not in body["detectable"]
    done = subprocess.run(
        [sys.executable, "-m", "docrelay_cli", "languages", "--from", "fr", "--server", stack.gateway_url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    fr_pairs = sum(source == "fr" for source, _ in routes)
    assert f"{fr_pairs} of {body['count']} pairs" in done.stderr and "apertium:fr-es" in done.stdout
