"""deploy/prometheus and deploy/grafana: promtool accepts them, they scrape what compose runs, and every
query uses the metric names the services expose."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from docrelay_common.stages import PIPELINE, STAGES

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana"
ALERTS = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())
CONFIG = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
DASHBOARD = json.loads((GRAFANA / "docrelay-dashboard.json").read_text())
COMPOSE_SERVICES = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
STAGE_SERVICES = tuple(spec.service for spec in STAGES.values())

# The observability contract every service codes against: the names the alerts and the dashboard may use.
DOCRELAY_METRICS = {
    "docrelay_jobs_submitted_total",
    "docrelay_upload_bytes",
    "docrelay_stage_duration_seconds",
    "docrelay_stage_queue_wait_seconds",
    "docrelay_stage_retries_total",
    "docrelay_stage_failures_total",
    "docrelay_pages_processed_total",
    "docrelay_segments_processed_total",
    "docrelay_translation_cache_hits_total",
    "docrelay_translation_cache_misses_total",
    "docrelay_engine_request_seconds",
    "docrelay_jobs",
    "docrelay_queue_depth",
    "docrelay_dead_letters",
    "docrelay_workers",
}
# prometheus-fastapi-instrumentator's metrics on the gateway, and Prometheus' own target health.
OTHER_METRICS = {"http_requests_total", "http_request_duration_seconds", "up"}

needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None,
    reason="promtool is not installed (Debian package `prometheus`, see scripts/install-system-deps.sh)",
)


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=60)


def alert_rules() -> list[dict[str, Any]]:
    return [rule for group in ALERTS["groups"] for rule in group["rules"]]


def dashboard_queries() -> list[str]:
    return [target["expr"] for panel in DASHBOARD["panels"] for target in panel["targets"]]


def metric_names(expression: str) -> set[str]:
    """The series an expression reads; a histogram's _bucket/_sum/_count series count as the histogram."""
    names = set(re.findall(r"\b(?:docrelay|http)_\w+", expression)) | set(re.findall(r"\bup\b", expression))
    return {re.sub(r"_(bucket|sum|count)$", "", name) for name in names}


@needs_promtool
def test_promtool_accepts_the_config_and_its_rule_files() -> None:
    result = promtool("check", "config", str(PROMETHEUS / "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_promtool_accepts_the_alert_rules() -> None:
    result = promtool("check", "rules", str(PROMETHEUS / "alerts.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(alert_rules())} rules found" in result.stdout


@needs_promtool
def test_every_dashboard_query_is_valid_promql(tmp_path: Path) -> None:
    # promtool has no expression checker; a recording rule per query makes `check rules` parse them all.
    # Grafana replaces $__rate_interval before the query reaches Prometheus.
    rules = [
        {"record": f"dashboard:query_{index}", "expr": expr.replace("$__rate_interval", "5m")}
        for index, expr in enumerate(dashboard_queries())
    ]
    rule_file = tmp_path / "dashboard-queries.yml"
    rule_file.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    result = promtool("check", "rules", str(rule_file))
    assert result.returncode == 0, result.stdout + result.stderr


def test_alerts_and_dashboard_read_only_metrics_the_services_expose() -> None:
    expressions = [rule["expr"] for rule in alert_rules()] + dashboard_queries()
    used = set().union(*map(metric_names, expressions))
    assert used - DOCRELAY_METRICS - OTHER_METRICS == set()
    assert metric_names('rate(docrelay_stage_duration_seconds_bucket{outcome="failed"}[5m])') == {
        "docrelay_stage_duration_seconds"
    }


def test_every_metric_of_the_contract_is_defined_in_the_code() -> None:
    code = ROOT.glob("*/*/docrelay_*/**/*.py")
    defined = {name for path in code for name in re.findall(r"\"(docrelay_\w+)\"", path.read_text())}
    # prometheus_client adds a counter's _total itself.
    assert {name.removesuffix("_total") for name in DOCRELAY_METRICS} - defined == set()


def test_the_alerts_the_operators_need_are_there_and_say_what_to_do() -> None:
    rules = {rule["alert"]: rule for rule in alert_rules()}
    assert {
        "DocrelayQueueStuck",
        "DocrelayHighFailureRate",
        "DocrelayDeadLetters",
        "DocrelayNoWorkers",
        "DocrelayGatewayErrors",
    } <= set(rules)
    for name, rule in rules.items():
        assert rule["labels"]["severity"] in {"warning", "critical"}, name
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], name
    # Every stage is covered even before the status service has seen a worker of it.
    assert {f'absent(docrelay_workers{{stage="{stage}"}})' for stage in PIPELINE} <= {
        line.strip().removeprefix("or ") for line in rules["DocrelayNoWorkers"]["expr"].splitlines()
    }


def test_the_dashboard_shows_the_pipeline_at_a_glance() -> None:
    used = set().union(*map(metric_names, dashboard_queries()))
    assert {
        "docrelay_queue_depth",
        "docrelay_stage_duration_seconds",
        "docrelay_pages_processed_total",
        "docrelay_stage_failures_total",
        "docrelay_translation_cache_hits_total",
        "docrelay_translation_cache_misses_total",
        "docrelay_jobs",
        "docrelay_engine_request_seconds",
    } <= used
    panels = DASHBOARD["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    for panel in panels:
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        assert panel["targets"], panel["title"]
    assert [variable["name"] for variable in DASHBOARD["templating"]["list"]] == ["datasource"]


def test_dashboard_panels_do_not_overlap() -> None:
    cells: dict[tuple[int, int], str] = {}
    for panel in DASHBOARD["panels"]:
        box = panel["gridPos"]
        assert box["x"] + box["w"] <= 24, panel["title"]
        for x in range(box["x"], box["x"] + box["w"]):
            for y in range(box["y"], box["y"] + box["h"]):
                assert (x, y) not in cells, f"{panel['title']} overlaps {cells[(x, y)]}"
                cells[(x, y)] = panel["title"]


def test_prometheus_scrapes_every_docrelay_service_compose_runs() -> None:
    jobs = {job["job_name"]: job for job in CONFIG["scrape_configs"]}
    assert jobs["gateway"]["static_configs"] == [{"targets": ["gateway:8000"]}]
    assert jobs["status"]["static_configs"] == [{"targets": ["status:8001"]}]
    # DNS discovery finds every replica of a scaled stage.
    (discovery,) = jobs["workers"]["dns_sd_configs"]
    assert set(discovery["names"]) == set(STAGE_SERVICES)
    assert {discovery["port"]} == {
        int(COMPOSE_SERVICES[name]["environment"]["DOCRELAY_METRICS_PORT"]) for name in STAGE_SERVICES
    }
    assert {job for rule in alert_rules() for job in re.findall(r'job=~"([^"]+)"', rule["expr"])} == {
        "|".join(jobs)
    }


def test_compose_mounts_the_config_and_grafana_finds_prometheus_and_the_dashboard() -> None:
    assert "./deploy/prometheus:/etc/prometheus:ro" in COMPOSE_SERVICES["prometheus"]["volumes"]
    assert CONFIG["rule_files"] == ["alerts.yml"]
    (datasource,) = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())[
        "datasources"
    ]
    assert datasource["url"] == "http://prometheus:9090" and datasource["type"] == "prometheus"
    (provider,) = yaml.safe_load((GRAFANA / "provisioning/dashboards/docrelay.yml").read_text())["providers"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in COMPOSE_SERVICES["grafana"]["volumes"]}
    assert (
        mounts[f"{provider['options']['path']}/docrelay-dashboard.json"]
        == "./deploy/grafana/docrelay-dashboard.json"
    )
    assert mounts["/etc/grafana/provisioning"] == "./deploy/grafana/provisioning"
