"""docker-compose.yml and the Dockerfile agree with the code (no Docker engine runs here to try them)."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
STAGE_SERVICES = {
    "extractor": "extract",
    "translator": "translate",
    "toner": "tone",
    "reconstructor": "reconstruct",
}


def test_every_docrelay_service_runs_an_existing_module() -> None:
    services = COMPOSE["services"]
    for name in ("gateway", "status", *STAGE_SERVICES):
        module = services[name]["command"][0]
        assert module == f"docrelay_{name}"
        assert (ROOT / "services" / name / module / "__main__.py").is_file()


def test_workers_share_the_artifact_volume_broker_and_database() -> None:
    for name in ("gateway", "status", *STAGE_SERVICES):
        service = COMPOSE["services"][name]
        assert "artifacts:/data/artifacts" in service["volumes"]
        assert service["environment"]["DOCRELAY_ARTIFACT_DIR"] == "/data/artifacts"
        assert service["environment"]["DOCRELAY_REDIS_URL"].startswith("redis://redis:")
        assert service["environment"]["DOCRELAY_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert service["depends_on"] == {
            "redis": {"condition": "service_healthy"},
            "postgres": {"condition": "service_healthy"},
        }
        assert "healthcheck" in service


def test_worker_healthchecks_ping_their_own_queue_worker() -> None:
    for name, stage in STAGE_SERVICES.items():
        probe = COMPOSE["services"][name]["healthcheck"]["test"][1]
        assert f"docrelay_{name}.worker:app" in probe and f"-d {stage}@$$HOSTNAME" in probe
        # No container_name or fixed ports on workers, so `--scale` can run many of them.
        assert "container_name" not in COMPOSE["services"][name]
        assert "ports" not in COMPOSE["services"][name]


def test_redis_keeps_its_queue_on_disk() -> None:
    assert "--appendonly" in COMPOSE["services"]["redis"]["command"]


def test_the_image_has_the_runtime_packages_the_install_script_has() -> None:
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text()
    wanted = set(re.search(r"PACKAGES=\(([^)]*)\)", script, re.S).group(1).split())  # type: ignore[union-attr]
    development_only = {"redis-server", "poppler-utils"}  # compose runs Redis itself; pdftoppm is for tests
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert {package for package in wanted - development_only if package not in dockerfile} == set()
    assert re.search(r"^USER docrelay$", dockerfile, re.M)
