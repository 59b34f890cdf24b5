"""docker-compose.yml, the Dockerfile and .dockerignore agree with the code and the Compose Specification
(no Docker engine runs here to try them)."""

import copy
import json
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from docrelay_common.settings import HARD_LIMIT_GRACE_SECONDS
from docrelay_common.stages import STAGES

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
# Every stage of the stage table runs as its own compose service.
STAGE_SERVICES = {spec.service: stage for stage, spec in STAGES.items()}
DOCRELAY_MODULES = {
    "gateway": "docrelay_gateway",
    "status": "docrelay_status",
    "maintenance": "docrelay_status.maintenance",
    **{spec.service: spec.module for spec in STAGES.values()},
}
IMAGE = SERVICES["gateway"]["image"]


def compose_validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "tests" / "support" / "schemas" / "compose-spec.json").read_text())
    return Draft202012Validator(schema)


def module_exists(module: str) -> bool:
    """`python -m module` finds something to run in the workspace: a package's __main__ or a module."""
    package, _, submodule = module.partition(".")
    path = ROOT / "services" / package.removeprefix("docrelay_") / package
    if submodule:
        path = path.joinpath(*submodule.split("."))
    return (path / "__main__.py").is_file() or path.with_suffix(".py").is_file()


def fixed_host_ports(service: dict[str, Any]) -> list[str]:
    """Host ports a service binds; a bare container port gets a free host port and allows replicas."""
    fixed = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            if port.get("published"):
                fixed.append(str(port["published"]))
        elif ":" in str(port):
            fixed.append(str(port).rsplit(":", 1)[0])
    return fixed


def dependencies(service: dict[str, Any]) -> dict[str, str]:
    """depends_on in either syntax, as service name -> condition (the short syntax waits for a start)."""
    depends_on = service.get("depends_on", {})
    if isinstance(depends_on, list):
        return dict.fromkeys(depends_on, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in depends_on.items()}


def runtime_dependencies() -> set[str]:
    names = set()
    for pyproject in ROOT.glob("services/*/pyproject.toml"):
        for requirement in tomllib.loads(pyproject.read_text())["project"]["dependencies"]:
            names.add(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower())
    return names


def test_compose_file_follows_the_compose_specification() -> None:
    assert [error.message for error in compose_validator().iter_errors(COMPOSE)] == []


def test_the_specification_check_catches_a_misspelt_key() -> None:
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["translator"]["healthchek"] = broken["services"]["translator"].pop("healthcheck")
    assert not compose_validator().is_valid(broken)


def test_every_docrelay_service_runs_an_existing_module() -> None:
    for name, module in DOCRELAY_MODULES.items():
        service = SERVICES[name]
        assert service["image"] == IMAGE
        assert service["command"][0] == module
        assert module_exists(module), f"{name}: `python -m {module}` has nothing to run"


def test_docrelay_services_share_the_artifact_store_broker_and_database() -> None:
    for name in DOCRELAY_MODULES:
        service = SERVICES[name]
        environment = service["environment"]
        assert "artifacts:/data/artifacts" in service["volumes"]
        assert environment["DOCRELAY_ARTIFACT_DIR"] == "/data/artifacts"
        assert environment["DOCRELAY_ARTIFACT_URL"] == "${DOCRELAY_ARTIFACT_URL:-}"
        assert environment["DOCRELAY_REDIS_URL"].startswith("redis://redis:")
        assert environment["DOCRELAY_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert service["depends_on"] == {
            "redis": {"condition": "service_healthy"},
            "postgres": {"condition": "service_healthy"},
        }
        assert "healthcheck" in service


def test_every_docrelay_service_sends_traces_to_jaeger_under_its_own_name() -> None:
    jaeger = SERVICES["jaeger"]
    assert jaeger["image"].startswith("jaegertracing/all-in-one:")
    assert jaeger["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"
    for name in DOCRELAY_MODULES:
        environment = SERVICES[name]["environment"]
        assert environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://jaeger:4318"
        assert environment["OTEL_SERVICE_NAME"] == f"docrelay-{name}"


def test_stage_workers_serve_metrics_from_a_multiprocess_directory() -> None:
    for name in STAGE_SERVICES:
        environment = SERVICES[name]["environment"]
        assert environment["DOCRELAY_METRICS_PORT"] == "9100"
        assert environment["PROMETHEUS_MULTIPROC_DIR"].startswith("/tmp/")
    # The gateway is one process: multiprocess mode there would only hide its metrics.
    assert "PROMETHEUS_MULTIPROC_DIR" not in SERVICES["gateway"]["environment"]


def test_worker_healthchecks_ping_their_own_queue_worker() -> None:
    for name, stage in STAGE_SERVICES.items():
        probe = SERVICES[name]["healthcheck"]["test"][1]
        assert f"{STAGES[stage].module}.worker:app" in probe and f"-d {stage}@$$HOSTNAME" in probe
    assert "-d maintenance@$$HOSTNAME" in SERVICES["maintenance"]["healthcheck"]["test"][1]


def test_scalable_services_bind_no_fixed_host_port_and_no_container_name() -> None:
    assert fixed_host_ports(SERVICES["gateway"]) == ["8000"]  # the check does see a fixed port
    for name in STAGE_SERVICES:
        assert fixed_host_ports(SERVICES[name]) == [], f"`--scale {name}=4` would clash on the host port"
        assert "container_name" not in SERVICES[name]


def test_the_maintenance_worker_cannot_be_scaled() -> None:
    # Its embedded beat would schedule retention and webhooks twice; a fixed name makes --scale fail.
    assert SERVICES["maintenance"]["container_name"]


def test_a_stopping_worker_may_finish_its_task() -> None:
    for name, stage in STAGE_SERVICES.items():
        soft_limit = STAGES[stage].time_limit
        grace = int(SERVICES[name]["stop_grace_period"].removesuffix("s"))
        assert grace >= soft_limit + HARD_LIMIT_GRACE_SECONDS


def test_flower_watches_the_broker_on_loopback_unless_given_a_login() -> None:
    flower = SERVICES["flower"]
    assert flower["image"] == IMAGE and "flower" in runtime_dependencies()
    command = flower["command"]
    assert command[0] == "celery" and "flower" in command and "--port=5555" in command
    assert f"--broker={SERVICES['gateway']['environment']['DOCRELAY_REDIS_URL']}" in command
    assert flower["environment"]["FLOWER_BASIC_AUTH"] == "${FLOWER_BASIC_AUTH:-}"
    assert flower["ports"] == ["127.0.0.1:5555:5555"]


def test_optional_services_sit_behind_their_profiles() -> None:
    assert SERVICES["libretranslate"]["profiles"] == ["libretranslate"]
    assert SERVICES["grafana"]["profiles"] == ["monitoring"]
    assert SERVICES["minio"]["profiles"] == SERVICES["minio-init"]["profiles"] == ["s3"]
    # Off unless the profile's variable is set, so the translator works without LibreTranslate.
    translator = SERVICES["translator"]["environment"]
    assert translator["DOCRELAY_LIBRETRANSLATE_URL"] == "${DOCRELAY_LIBRETRANSLATE_URL:-}"


def test_minio_logs_in_with_the_credentials_the_services_use() -> None:
    services_env = SERVICES["gateway"]["environment"]
    for name in ("minio", "minio-init"):
        environment = SERVICES[name]["environment"]
        assert environment["MINIO_ROOT_USER"] == services_env["AWS_ACCESS_KEY_ID"]
        assert environment["MINIO_ROOT_PASSWORD"] == services_env["AWS_SECRET_ACCESS_KEY"]
    assert "mc mb --ignore-existing minio/docrelay-artifacts" in SERVICES["minio-init"]["command"][0]


def test_dependencies_exist_are_healthchecked_and_never_need_an_inactive_profile() -> None:
    for name, service in SERVICES.items():
        for dependency, condition in dependencies(service).items():
            target = SERVICES[dependency]
            if condition == "service_healthy":
                assert "healthcheck" in target, f"{name} waits for {dependency}, which has no healthcheck"
            if "profiles" not in service:
                assert "profiles" not in target, f"{name} needs {dependency}, which only runs in a profile"


def test_named_volumes_are_declared_and_bind_mounts_exist() -> None:
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which is not in the repository"
            else:
                assert source in COMPOSE["volumes"], f"{name} uses undeclared volume {source}"


def test_redis_keeps_its_queue_on_disk() -> None:
    assert "--appendonly" in SERVICES["redis"]["command"]


def test_the_image_has_the_runtime_packages_the_install_script_has() -> None:
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text()
    wanted = set(re.search(r"PACKAGES=\(([^)]*)\)", script, re.S).group(1).split())  # type: ignore[union-attr]
    # compose runs Redis itself; promtool (from prometheus) checks the alert rules; chromium runs the
    # browser tests; pdflatex typesets the tests' papers. poppler-utils is needed at run time: the gateway
    # draws page previews with pdftoppm.
    development_only = {"redis-server", "prometheus", "chromium", "texlive-latex-base", "lmodern"}
    # The Apertium pairs come from one list that both the script and the image read.
    shared = {'"${APERTIUM_PAIRS[@]}"'}
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert {package for package in wanted - development_only - shared if package not in dockerfile} == set()
    assert shared <= wanted and "apertium-pairs.txt" in script
    assert "COPY scripts/apertium-pairs.txt" in dockerfile and "/tmp/apertium-pairs.txt)" in dockerfile


def test_the_image_runs_as_a_non_root_user_and_takes_the_module_as_command() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER docrelay$", dockerfile, re.M)
    assert re.search(r"useradd .*--uid 10001", dockerfile)
    assert re.search(r'^ENTRYPOINT \["python", "-m"\]$', dockerfile, re.M)


def test_dockerignore_keeps_local_state_out_but_not_what_the_image_copies() -> None:
    patterns = [
        line
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert {".venv", ".git", ".pytest_cache", ".ruff_cache", ".mypy_cache", "bench", "tests"} <= set(patterns)
    dockerfile = (ROOT / "Dockerfile").read_text()
    copied = [
        source
        for line in re.findall(r"^COPY (?!--from)(.+)$", dockerfile, re.M)
        for source in line.split()[:-1]
        if not source.startswith("--")
    ]
    assert copied, "the Dockerfile copies something from the build context"
    for source in copied:
        assert not any(fnmatch(source, pattern) for pattern in patterns), f"{source} is ignored"


def test_each_stage_container_autoscales_its_pool_with_a_knob_of_its_own() -> None:
    for name in STAGE_SERVICES:
        service = SERVICES[name]
        assert not any(arg.startswith("--concurrency") for arg in service["command"])
        variable = f"${{DOCRELAY_{name.upper()}_MAX_PROCESSES:-2}}"
        assert service["environment"]["DOCRELAY_WORKER_MAX_PROCESSES"] == variable


def test_stage_containers_yield_the_cpu_to_the_api_on_a_shared_host() -> None:
    # Niceness does not reach across containers (each is a scheduling group): their CPU shares do.
    default_shares = 1024
    for name in ("gateway", "status"):
        assert SERVICES[name].get("cpu_shares", default_shares) == default_shares
    for name in STAGE_SERVICES:
        assert SERVICES[name]["cpu_shares"] <= default_shares // 8
