"""Metrics from the start: every /metrics endpoint shows its docrelay_* series at zero before any job, so
dashboards and alerts work from the first scrape."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from docrelay_common.stages import PIPELINE
from tests.hardening.conftest import Hardened

pytestmark = pytest.mark.hardening

# What each process must report before its first job, by process name.
EXPECTED = {
    "gateway": {"docrelay_jobs_submitted", "docrelay_upload_bytes"},
    "status": {"docrelay_jobs", "docrelay_queue_depth", "docrelay_dead_letters", "docrelay_workers"},
    **{
        stage.value: {
            "docrelay_stage_duration_seconds",
            "docrelay_stage_queue_wait_seconds",
            "docrelay_stage_retries",
            "docrelay_stage_failures",
            "docrelay_pages_processed",
            "docrelay_segments_processed",
        }
        for stage in PIPELINE
    },
    "maintenance": {
        "docrelay_stage_duration_seconds",
        "docrelay_stage_queue_wait_seconds",
        "docrelay_stage_failures",
    },
}
ENGINE_SERIES = {
    "docrelay_translation_cache_hits",
    "docrelay_translation_cache_misses",
    "docrelay_engine_request_seconds",
}


def series(text: str) -> dict[str, list[float]]:
    """Each docrelay_* family with samples, and the values of its samples (counts and sums only)."""
    found: dict[str, list[float]] = {}
    for family in text_string_to_metric_families(text):
        samples = [s.value for s in family.samples if not s.name.endswith(("_bucket", "_created"))]
        if family.name.startswith("docrelay_") and samples:
            found[family.name] = samples
    return found


def test_every_endpoint_shows_its_series_at_zero_before_the_first_job(hardened: Hardened) -> None:
    scraped = {name: series(text) for name, text in hardened.metrics_at_start.items()}
    assert set(EXPECTED) <= set(scraped), sorted(scraped)
    for name, families in EXPECTED.items():
        missing = families - set(scraped[name])
        assert not missing, (name, missing)
        counted = {family: values for family, values in scraped[name].items() if family != "docrelay_workers"}
        if name != "status":
            assert all(value == 0 for values in counted.values() for value in values), (name, counted)
    assert set(scraped["translate"]) >= ENGINE_SERIES
    engines = {
        sample.labels["engine"]
        for family in text_string_to_metric_families(hardened.metrics_at_start["translate"])
        if family.name == "docrelay_engine_request_seconds"
        for sample in family.samples
    }
    assert {"apertium", "pseudo", "deepl", "openai"} <= engines, engines
