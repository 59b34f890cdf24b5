"""Dependencies the routes ask for, as Annotated aliases; built once per process."""

from functools import cache
from typing import Annotated

from celery import Celery
from fastapi import Depends

from docrelay_common.artifacts import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app
from docrelay_common.jobs import JobStore
from docrelay_gateway.config import GatewaySettings, gateway_settings


@cache
def job_store() -> JobStore:
    return JobStore(gateway_settings().database_url)


@cache
def artifact_store() -> LocalArtifactStore:
    return LocalArtifactStore(gateway_settings().artifact_root)


@cache
def celery_app() -> Celery:
    return create_celery_app("docrelay-gateway", gateway_settings())


SettingsDep = Annotated[GatewaySettings, Depends(gateway_settings)]
JobStoreDep = Annotated[JobStore, Depends(job_store)]
ArtifactStoreDep = Annotated[LocalArtifactStore, Depends(artifact_store)]
CeleryDep = Annotated[Celery, Depends(celery_app)]
