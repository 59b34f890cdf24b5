"""Probes, and the `docrelay` command line against the running stack."""

import subprocess
import sys
from pathlib import Path

import httpx
import pdfplumber

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack


def test_health_and_readiness(gateway: httpx.Client) -> None:
    assert gateway.get("/healthz").json() == {"status": "ok"}
    ready = gateway.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"redis": "ok", "database": "ok"}


def docrelay(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docrelay_cli", *args], capture_output=True, text=True, timeout=timeout
    )


def test_cli_translate_writes_the_result(stack: Stack, sample_pdf: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.pdf"
    done = docrelay(
        "translate", str(sample_pdf), "--to", "es", "-o", str(output), "--server", stack.gateway_url
    )
    assert done.returncode == 0, done.stderr
    assert "en -> es (apertium)" in done.stderr
    with pdfplumber.open(output) as pdf:
        assert "biblioteca" in (pdf.pages[0].extract_text() or "").lower()


def test_cli_translate_failure_exits_non_zero_with_the_reason(stack: Stack, corpus, tmp_path: Path) -> None:
    encrypted = corpus("pdfminer-aes-256.pdf")
    done = docrelay(
        "translate",
        str(encrypted),
        "--to",
        "es",
        "-o",
        str(tmp_path / "x.pdf"),
        "--server",
        stack.gateway_url,
    )
    assert done.returncode == 1
    assert "pdf_encrypted in stage extract" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_cli_translate_without_server_says_so(sample_pdf: Path) -> None:
    done = docrelay("translate", str(sample_pdf), "--to", "es", "--server", f"http://127.0.0.1:{free_port()}")
    assert done.returncode == 2
    assert "cannot reach the gateway" in done.stderr


def test_cli_translate_with_a_password_and_side_by_side_layout(stack: Stack, corpus, tmp_path: Path) -> None:
    output = tmp_path / "crazyones.pdf"
    done = docrelay(
        "translate",
        str(corpus("crazyones-encrypted-256.pdf")),
        "--to",
        "es",
        "--password",
        "password",
        "--layout",
        "bilingual",
        "-o",
        str(output),
        "--server",
        stack.gateway_url,
    )
    assert done.returncode == 0, done.stderr
    encrypted = corpus("crazyones-encrypted-256.pdf")
    with pdfplumber.open(encrypted, password="password") as source, pdfplumber.open(output) as result:
        assert len(result.pages) == len(source.pages)
        assert result.pages[0].width == 2 * source.pages[0].width
