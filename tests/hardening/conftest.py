"""One stack under attack: every limit the hardening promises set low, API keys, Flower with a password,
fake paid engines that count what they are sent, and traces sent to a receiver the tests can search."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from tests.e2e.helpers import running_stack
from tests.support.fake_deepl import FakeDeepL
from tests.support.fake_http import serve
from tests.support.fake_openai import FakeOpenAI
from tests.support.otlp_receiver import OtlpReceiver, otlp_receiver
from tests.support.servers import redis_server

UPLOAD_LIMIT = 4 * 1024 * 1024
MAX_PAGES = 20
MAX_CHARS = 1500
# Each task process may map this much; a bomb must fail with memory_limit_exceeded, not take the machine.
MEMORY_CAP_MB = 1024
OPENAI_MODEL = "hardening-model"


@dataclass(frozen=True)
class Secrets:
    """Every secret the stack is given or sent; none may show up in a log, trace, row or queue."""

    api_key: str = "user-key-6f1d0c2a9e"
    admin_key: str = "admin-key-2b7e94c1d8"
    webhook_secret: str = "webhook-secret-94d2e7a0c5"
    deepl_key: str = "deepl-key-5a0c3f81e2:fx"
    openai_key: str = "openai-key-c81e7d3b06"
    pdf_password: str = "pdf-password-3e9a1b7d42"
    flower_password: str = "flower-password-7c2d5e9f10"

    def all(self) -> dict[str, str]:
        return dict(vars(self))


SECRETS = Secrets()


@dataclass
class Hardened:
    stack: Stack
    deepl: FakeDeepL
    openai: FakeOpenAI
    traces: OtlpReceiver
    # /metrics of every process, read right after start-up, before any job ran.
    metrics_at_start: dict[str, str]

    def client(self, key: str | None = SECRETS.api_key) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.stack.gateway_url, headers=headers, timeout=60)


def hardening_env(deepl_url: str, openai_url: str, traces_url: str) -> dict[str, str]:
    return {
        "DOCRELAY_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT),
        "DOCRELAY_MAX_PAGES": str(MAX_PAGES),
        "DOCRELAY_MAX_CHARS_PER_JOB": str(MAX_CHARS),
        "DOCRELAY_WORKER_MAX_MEMORY_MB": str(MEMORY_CAP_MB),
        # A bomb ends within its stage's limit; the visibility timeout stays above the hard limits.
        **{f"DOCRELAY_{stage}_TIME_LIMIT": "45" for stage in ("EXTRACT", "TRANSLATE", "TONE", "RECONSTRUCT")},
        "DOCRELAY_VISIBILITY_TIMEOUT": "120",
        "DOCRELAY_MAX_RETRIES": "1",
        "DOCRELAY_RETRY_BACKOFF_MAX": "1",
        "DOCRELAY_REUSE_RESULTS": "false",
        "DOCRELAY_API_KEYS": SECRETS.api_key,
        "DOCRELAY_ADMIN_API_KEYS": SECRETS.admin_key,
        "DOCRELAY_WEBHOOK_SECRET": SECRETS.webhook_secret,
        "DOCRELAY_WEBHOOK_ALLOW_PRIVATE": "true",
        "DOCRELAY_DEEPL_API_KEY": SECRETS.deepl_key,
        "DOCRELAY_DEEPL_URL": deepl_url,
        "DOCRELAY_OPENAI_BASE_URL": f"{openai_url}/v1",
        "DOCRELAY_OPENAI_API_KEY": SECRETS.openai_key,
        "DOCRELAY_OPENAI_MODEL": OPENAI_MODEL,
        "DOCRELAY_LOG_FORMAT": "json",
        "DOCRELAY_LOG_LEVEL": "DEBUG",
        "OTEL_EXPORTER_OTLP_ENDPOINT": traces_url,
        "OTEL_BSP_SCHEDULE_DELAY": "200",
        "FLOWER_BASIC_AUTH": f"flower:{SECRETS.flower_password}",
    }


def scrape_all(stack: Stack) -> dict[str, str]:
    names = ["gateway", "status", *stack.metrics_ports]
    return {name: httpx.get(stack.metrics_url(name), timeout=10).text for name in names}


@pytest.fixture(scope="session")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hardened]:
    deepl = FakeDeepL(keys=frozenset({SECRETS.deepl_key}))
    openai = FakeOpenAI(models=frozenset({OPENAI_MODEL}), api_key=SECRETS.openai_key)
    with (
        redis_server() as redis_url,
        serve(deepl) as deepl_url,
        serve(openai) as openai_url,
        otlp_receiver() as traces,
    ):
        config = StackConfig(
            data_dir=tmp_path_factory.mktemp("docrelay-hardening"),
            port=free_port(),
            redis_url=redis_url,
            extra_env=hardening_env(deepl_url, openai_url, traces.url),
            flower_port=free_port(),
            # One gateway process: starting one per core costs seconds of CPU in every test stack.
            gateway_workers=1,
        )
        with running_stack(config) as stack:
            yield Hardened(stack, deepl, openai, traces, scrape_all(stack))


@pytest.fixture
def api(hardened: Hardened) -> Iterator[httpx.Client]:
    with hardened.client() as client:
        yield client


def submit(api: httpx.Client, content: bytes, name: str = "doc.pdf", **fields: str) -> httpx.Response:
    return api.post("/v1/jobs", files={"file": (name, content, "application/pdf")}, data=fields)


def sample() -> bytes:
    return (Path(__file__).resolve().parents[2] / "samples" / "sample-en.pdf").read_bytes()
