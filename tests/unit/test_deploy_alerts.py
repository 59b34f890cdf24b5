"""The alert rules fire on the situations they name, and stay quiet otherwise: `promtool test rules`
evaluates deploy/prometheus/alerts.yml over synthetic series (series notation: '5x20' is 5 for 20 minutes,
'0+2x30' counts up by 2 a minute)."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from docrelay_common.stages import PIPELINE

ALERTS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "alerts.yml"
RULES = {
    rule["alert"]: rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]
}

pytestmark = pytest.mark.skipif(
    shutil.which("promtool") is None,
    reason="promtool is not installed (Debian package `prometheus`, see scripts/install-system-deps.sh)",
)

# alert, input series, evaluation time, labels of each expected alert (beyond the rule's own labels)
CASES: dict[str, tuple[str, dict[str, str], str, list[dict[str, str]]]] = {
    "a queue that does not shrink for 10 minutes": (
        "DocrelayQueueStuck",
        {
            'docrelay_queue_depth{queue="translate"}': "5x20",
            'docrelay_queue_depth{queue="extract"}': "10-1x10 0x10",
        },
        "12m",
        [{"queue": "translate"}],
    ),
    "a queue that is not stuck for 10 minutes yet": (
        "DocrelayQueueStuck",
        {'docrelay_queue_depth{queue="translate"}': "5x20"},
        "8m",
        [],
    ),
    "a queue that emptied in the last 10 minutes": (
        "DocrelayQueueStuck",
        {'docrelay_queue_depth{queue="tone"}': "3x5 0 3x10"},
        "12m",
        [],
    ),
    "a third of the finished jobs failing": (
        "DocrelayHighFailureRate",
        {
            'docrelay_stage_failures_total{stage="extract",code="pdf_corrupt"}': "0+1x30",
            'docrelay_stage_duration_seconds_count{stage="reconstruct",outcome="succeeded"}': "0+2x30",
        },
        "25m",
        [{}],
    ),
    "failures while no job succeeded at all": (
        "DocrelayHighFailureRate",
        {'docrelay_stage_failures_total{stage="translate",code="engine_error"}': "0+1x30"},
        "25m",
        [{}],
    ),
    "one job in a hundred failing": (
        "DocrelayHighFailureRate",
        {
            'docrelay_stage_failures_total{stage="extract",code="pdf_corrupt"}': "0+1x30",
            'docrelay_stage_duration_seconds_count{stage="reconstruct",outcome="succeeded"}': "0+100x30",
        },
        "25m",
        [],
    ),
    "dead letters present": ("DocrelayDeadLetters", {"docrelay_dead_letters": "0 0 3x10"}, "5m", [{}]),
    "no dead letters": ("DocrelayDeadLetters", {"docrelay_dead_letters": "0x10"}, "5m", []),
    "a stage without workers and a stage never seen": (
        "DocrelayNoWorkers",
        # The second stage loses its workers; the last one never had any.
        {
            f'docrelay_workers{{stage="{stage}"}}': "2 2 0x10" if stage == PIPELINE[1] else "1x10"
            for stage in PIPELINE[:-1]
        },
        "6m",
        [{"stage": PIPELINE[1].value}, {"stage": PIPELINE[-1].value}],
    ),
    "every stage has a worker": (
        "DocrelayNoWorkers",
        {f'docrelay_workers{{stage="{stage}"}}': "1x10" for stage in PIPELINE},
        "6m",
        [],
    ),
    "a tenth of the gateway's requests failing": (
        "DocrelayGatewayErrors",
        {
            'http_requests_total{handler="/v1/jobs",method="POST",status="5xx"}': "0+10x20",
            'http_requests_total{handler="/v1/jobs",method="POST",status="2xx"}': "0+90x20",
        },
        "15m",
        [{}],
    ),
    "one gateway request in a hundred failing": (
        "DocrelayGatewayErrors",
        {
            'http_requests_total{handler="/v1/jobs",method="POST",status="5xx"}': "0+1x20",
            'http_requests_total{handler="/v1/jobs",method="POST",status="2xx"}': "0+99x20",
        },
        "15m",
        [],
    ),
    "the status service not answering": (
        "DocrelayTargetDown",
        {'up{job="status",instance="status:8001"}': "1 1 0x10"},
        "10m",
        [{"job": "status", "instance": "status:8001"}],
    ),
}


def rules_without_annotations() -> dict[str, Any]:
    """The rules as they are, minus the annotation texts: the test checks when alerts fire, not wording."""
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    for group in groups:
        for rule in group["rules"]:
            rule.pop("annotations", None)
    return {"groups": groups}


@pytest.mark.parametrize("case", CASES)
def test_alert(case: str, tmp_path: Path) -> None:
    alert, series, eval_time, expected = CASES[case]
    rule_file = tmp_path / "rules.yml"
    rule_file.write_text(yaml.safe_dump(rules_without_annotations()))
    own_labels = RULES[alert]["labels"]
    test = {
        "interval": "1m",
        "input_series": [{"series": name, "values": values} for name, values in series.items()],
        "alert_rule_test": [
            {
                "eval_time": eval_time,
                "alertname": alert,
                "exp_alerts": [{"exp_labels": {**own_labels, **labels}} for labels in expected],
            }
        ],
    }
    test_file = tmp_path / "test.yml"
    test_file.write_text(yaml.safe_dump({"rule_files": [str(rule_file)], "tests": [test]}))
    result = subprocess.run(
        ["promtool", "test", "rules", str(test_file)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
