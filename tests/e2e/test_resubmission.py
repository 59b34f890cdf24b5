"""The same file with the same options again: the earlier result comes back without a new run."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import StackConfig
from tests.e2e.conftest import submit
from tests.e2e.helpers import running_stack, wait_for_job
from tests.support.servers import redis_server


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A stack of its own, with result reuse on as deployed (the shared e2e stack turns it off)."""
    with redis_server() as redis_url:
        config = StackConfig(data_dir=tmp_path_factory.mktemp("reuse"), port=free_port(), redis_url=redis_url)
        with running_stack(config) as stack, httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
            yield client


def test_an_identical_resubmission_reuses_the_result_and_other_options_do_not(
    gateway: httpx.Client, sample_pdf: Path
) -> None:
    first = submit(gateway, sample_pdf, target_lang="es", source_lang="en", tone="informal").json()
    assert wait_for_job(gateway, first["id"])["status"] == "succeeded"

    again = submit(gateway, sample_pdf, target_lang="es", source_lang="en", tone="informal")

    assert again.status_code == 202
    job = again.json()
    assert job["id"] != first["id"]
    assert (job["status"], job["progress"], job["stages"]) == ("succeeded", 100, [])
    assert job["notices"][-1].startswith(f"identical to job {first['id']}")
    original = gateway.get(f"/v1/jobs/{first['id']}/result").content
    assert gateway.get(f"/v1/jobs/{job['id']}/result").content == original

    formal = submit(gateway, sample_pdf, target_lang="es", source_lang="en", tone="formal").json()
    assert formal["status"] == "queued"
    assert wait_for_job(gateway, formal["id"])["status"] == "succeeded"
