"""One real stack for the e2e tests: Redis, PostgreSQL, status, four stage workers and the gateway as
processes."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from tests.e2e.helpers import running_stack
from tests.support.otlp_receiver import OtlpReceiver, otlp_receiver
from tests.support.servers import postgres_server, redis_server

# Small, so the over-size test does not need to push 50 MB through the loopback.
TEST_UPLOAD_LIMIT = 3 * 1024 * 1024


@pytest.fixture(scope="session")
def otlp() -> Iterator[OtlpReceiver]:
    with otlp_receiver() as receiver:
        yield receiver


FLOWER_AUTH = ("flower", "e2e-password")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, otlp: OtlpReceiver) -> Iterator[Stack]:
    """The e2e stack, observed as in production: spans to a test OTLP receiver, JSON logs, Flower.

    One stack for all of it, since each start costs half a minute of CPU on a busy machine. Its jobs
    table is in PostgreSQL, as in production; the other test stacks keep the embedded SQLite default.
    """
    with redis_server() as redis_url, postgres_server() as database_url:
        config = StackConfig(
            data_dir=tmp_path_factory.mktemp("docrelay-e2e"),
            port=free_port(),
            redis_url=redis_url,
            extra_env={
                "DOCRELAY_DATABASE_URL": database_url,
                "DOCRELAY_MAX_UPLOAD_BYTES": str(TEST_UPLOAD_LIMIT),
                # The tests send the same corpus files again and again and follow each through the
                # stages; test_resubmission.py adds a gateway with reuse on.
                "DOCRELAY_REUSE_RESULTS": "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT": otlp.url,
                # Export every 0.2 s instead of every 5 s, so the tracing tests need not wait.
                "OTEL_BSP_SCHEDULE_DELAY": "200",
                "DOCRELAY_LOG_FORMAT": "json",
                "FLOWER_BASIC_AUTH": ":".join(FLOWER_AUTH),
            },
            flower_port=free_port(),
        )
        with running_stack(config) as running:
            yield running


@pytest.fixture
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        yield client


def submit(gateway: httpx.Client, pdf: Path | bytes, name: str = "doc.pdf", **fields: str) -> httpx.Response:
    content = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return gateway.post("/v1/jobs", files={"file": (name, content, "application/pdf")}, data=fields)
