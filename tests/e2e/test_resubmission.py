"""The same file with the same options again: the earlier result comes back without a new run."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docrelay_cli.stack import Stack
from tests.e2e.conftest import submit
from tests.e2e.helpers import second_gateway, wait_for_job


@pytest.fixture(scope="module")
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    """A gateway with result reuse on, as deployed (the shared e2e stack's own gateway turns it off).

    Reuse is the gateway's decision alone, so a second gateway on the shared stack is enough.
    """
    with (
        second_gateway(stack, "gateway-reuse", {"DOCRELAY_REUSE_RESULTS": "true"}) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
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
