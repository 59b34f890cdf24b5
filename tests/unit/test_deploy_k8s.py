"""deploy/k8s: valid Kubernetes objects, KEDA scaling on the right queues, probes and commands that match
the code and docker-compose.yml (no cluster runs here)."""

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from jsonschema import Draft202012Validator

from docrelay_common.settings import HARD_LIMIT_GRACE_SECONDS
from docrelay_common.stages import STAGES, Stage, queue_name

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33"
COMPOSE_SERVICES = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
# Every stage of the stage table runs as its own Deployment.
STAGE_DEPLOYMENTS = {spec.service: stage for stage, spec in STAGES.items()}
DOCRELAY_DEPLOYMENTS = ("gateway", "status", "maintenance", *STAGE_DEPLOYMENTS)


def load_manifests() -> dict[str, list[dict[str, Any]]]:
    return {
        path.name: [document for document in yaml.safe_load_all(path.read_text()) if document]
        for path in sorted(K8S.glob("*.yaml"))
        if path.name != "kustomization.yaml"
    }


MANIFESTS = load_manifests()
OBJECTS = [document for documents in MANIFESTS.values() for document in documents]


def find(kind: str, name: str) -> dict[str, Any]:
    (found,) = [o for o in OBJECTS if o["kind"] == kind and o["metadata"]["name"] == name]
    return found


def container(deployment: str) -> dict[str, Any]:
    (only,) = find("Deployment", deployment)["spec"]["template"]["spec"]["containers"]
    return only


def environment(deployment: str) -> dict[str, str]:
    """The container's variables: its own plus those of the ConfigMaps it loads."""
    values: dict[str, str] = {}
    for source in container(deployment).get("envFrom", []):
        if "configMapRef" in source:
            values |= find("ConfigMap", source["configMapRef"]["name"])["data"]
    return values | {variable["name"]: variable["value"] for variable in container(deployment).get("env", [])}


def hard_time_limit(stage: Stage) -> int:
    return STAGES[stage].time_limit + HARD_LIMIT_GRACE_SECONDS


def keda_validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "tests" / "support" / "schemas" / "keda-scaledobject.json").read_text())
    return Draft202012Validator(schema)


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(MANIFESTS)
    assert {o["metadata"].get("namespace") for o in OBJECTS if o["kind"] != "Namespace"} == {
        kustomization["namespace"]
    }


@pytest.mark.parametrize(
    "manifest",
    [o for o in OBJECTS if o["kind"] != "ScaledObject"],
    ids=lambda o: f"{o['kind']}/{o['metadata']['name']}",
)
def test_manifest_is_a_valid_kubernetes_object(manifest: dict[str, Any]) -> None:
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_strict_validation_rejects_an_unknown_field() -> None:
    broken = copy.deepcopy(find("Deployment", "gateway"))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {"path": "/readyz"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_scaled_objects_follow_the_keda_schema() -> None:
    scaled_objects = [o for o in OBJECTS if o["kind"] == "ScaledObject"]
    assert len(scaled_objects) == len(STAGE_DEPLOYMENTS)
    for scaled_object in scaled_objects:
        assert [error.message for error in keda_validator().iter_errors(scaled_object)] == []


def test_the_keda_schema_rejects_a_numeric_list_length() -> None:
    broken = copy.deepcopy(find("ScaledObject", "translator"))
    broken["spec"]["triggers"][0]["metadata"]["listLength"] = 1  # the CRD takes strings only
    assert not keda_validator().is_valid(broken)


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (with kustomize) is not installed")
def test_kustomize_renders_every_object() -> None:
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    kinds = sorted(f"{o['kind']}/{o['metadata']['name']}" for o in yaml.safe_load_all(rendered) if o)
    assert kinds == sorted(f"{o['kind']}/{o['metadata']['name']}" for o in OBJECTS)


def test_each_stage_scales_on_its_own_queue_in_the_cluster_redis() -> None:
    redis = find("Service", "redis")
    (port,) = redis["spec"]["ports"]
    redis_address = f"redis.{redis['metadata']['namespace']}.svc.cluster.local:{port['port']}"
    for name, stage in STAGE_DEPLOYMENTS.items():
        spec = find("ScaledObject", name)["spec"]
        (trigger,) = spec["triggers"]
        assert spec["scaleTargetRef"]["name"] == name
        assert trigger["type"] == "redis"
        assert trigger["metadata"]["listName"] == queue_name(stage)
        assert trigger["metadata"]["address"] == redis_address
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
        # KEDA owns the replica count; a fixed one would be reset by every `kubectl apply`.
        assert "replicas" not in find("Deployment", name)["spec"]


def test_deployments_run_what_docker_compose_runs() -> None:
    for name in DOCRELAY_DEPLOYMENTS:
        assert container(name)["args"] == COMPOSE_SERVICES[name]["command"]
        assert environment(name)["OTEL_SERVICE_NAME"] == f"docrelay-{name}"
        assert "OTEL_EXPORTER_OTLP_ENDPOINT" in environment(name)
        assert {"secretRef": {"name": "docrelay-secrets"}} in container(name)["envFrom"]


def test_workers_probe_their_own_celery_node_and_serve_metrics() -> None:
    for name, stage in STAGE_DEPLOYMENTS.items():
        worker = container(name)
        command = " ".join(worker["livenessProbe"]["exec"]["command"])
        assert f"{STAGES[stage].module}.worker:app" in command and f"-d {stage}@$HOSTNAME" in command
        metrics_port = int(environment(name)["DOCRELAY_METRICS_PORT"])
        assert environment(name)["PROMETHEUS_MULTIPROC_DIR"].startswith("/tmp/")
        assert worker["ports"] == [{"name": "metrics", "containerPort": metrics_port}]
        assert worker["readinessProbe"]["httpGet"] == {"path": "/metrics", "port": "metrics"}
        annotations = find("Deployment", name)["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == str(metrics_port)


def test_a_stopping_worker_may_finish_its_task() -> None:
    for name, stage in STAGE_DEPLOYMENTS.items():
        pod = find("Deployment", name)["spec"]["template"]["spec"]
        assert pod["terminationGracePeriodSeconds"] >= hard_time_limit(stage)


def test_gateway_and_status_probe_their_health_endpoints_behind_a_service() -> None:
    gateway, status = container("gateway"), container("status")
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert (
        status["readinessProbe"]["httpGet"]["path"]
        == status["livenessProbe"]["httpGet"]["path"]
        == "/healthz"
    )
    for name, port_variable in (("gateway", "DOCRELAY_PORT"), ("status", "DOCRELAY_STATUS_PORT")):
        port = int(environment(name)[port_variable])
        assert container(name)["ports"] == [{"name": "http", "containerPort": port}]
        assert find("Service", name)["spec"]["ports"] == [
            {"name": "http", "port": port, "targetPort": "http"}
        ]
        annotations = find("Deployment", name)["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/port"] == str(port)


def test_the_maintenance_worker_is_one_replica_replaced_not_rolled() -> None:
    spec = find("Deployment", "maintenance")["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {"type": "Recreate"}
    assert '-d "maintenance@$HOSTNAME"' in " ".join(
        container("maintenance")["livenessProbe"]["exec"]["command"]
    )


def test_docrelay_pods_run_as_the_image_user_without_privileges() -> None:
    uid = int(re.search(r"--uid (\d+)", (ROOT / "Dockerfile").read_text()).group(1))  # type: ignore[union-attr]
    for name in DOCRELAY_DEPLOYMENTS:
        pod_security = find("Deployment", name)["spec"]["template"]["spec"]["securityContext"]
        assert pod_security["runAsNonRoot"] is True and pod_security["runAsUser"] == uid
        assert container(name)["securityContext"]["allowPrivilegeEscalation"] is False


def test_redis_keeps_its_queue_on_a_persistent_volume() -> None:
    statefulset = find("StatefulSet", "redis")
    (redis,) = statefulset["spec"]["template"]["spec"]["containers"]
    assert redis["args"][redis["args"].index("--appendonly") + 1] == "yes"
    data_dir = redis["args"][redis["args"].index("--dir") + 1]
    (claim,) = statefulset["spec"]["volumeClaimTemplates"]
    assert {"name": claim["metadata"]["name"], "mountPath": data_dir} in redis["volumeMounts"]


def test_settings_use_s3_and_secrets_stay_out_of_config_maps() -> None:
    config = find("ConfigMap", "docrelay-config")["data"]
    assert config["DOCRELAY_ARTIFACT_URL"].startswith("s3://")
    assert "DOCRELAY_S3_ENDPOINT_URL" in config
    for config_map in (o for o in OBJECTS if o["kind"] == "ConfigMap"):
        assert not [key for key in config_map["data"] if re.search(r"KEY|SECRET|PASSWORD|DATABASE_URL", key)]
    secret = find("Secret", "docrelay-secrets")["stringData"]
    assert {
        "DOCRELAY_DATABASE_URL",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "DOCRELAY_WEBHOOK_SECRET",
    } <= set(secret)
    # Only placeholders ship: empty (feature off) or visibly to be replaced.
    assert [key for key, value in secret.items() if value and "CHANGE-ME" not in value] == []


def test_each_stage_pod_autoscales_its_pool_up_to_its_own_maximum() -> None:
    for name in STAGE_DEPLOYMENTS:
        # A fixed --concurrency would override the autoscaler the worker starts from its settings.
        assert not any(arg.startswith("--concurrency") for arg in container(name)["args"])
        assert int(environment(name)["DOCRELAY_WORKER_MAX_PROCESSES"]) >= 1
