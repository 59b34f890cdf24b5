"""Dependencies the routes ask for, as Annotated aliases; built once per process."""

from functools import cache
from typing import Annotated

import redis
from celery import Celery
from fastapi import Depends

from docrelay_common.artifact_backends import open_artifact_store
from docrelay_common.artifacts import ArtifactStore
from docrelay_common.celery_app import create_celery_app
from docrelay_common.dead_letters import DeadLetterStore
from docrelay_common.ledger import JobLedger, ledger_ttl
from docrelay_common.redis_client import connect_redis
from docrelay_gateway.config import GatewaySettings, gateway_settings, settings_dependency
from docrelay_gateway.eta import EtaEstimator
from docrelay_gateway.lifecycle import JobServices
from docrelay_gateway.loop_dependencies import on_the_loop
from docrelay_gateway.reuse import ResultReuse
from docrelay_jobs.store import JobStore


@cache
def job_store() -> JobStore:
    return JobStore(gateway_settings().database_url)


@cache
def artifact_store() -> ArtifactStore:
    return open_artifact_store(gateway_settings())


@cache
def celery_app() -> Celery:
    return create_celery_app("docrelay-gateway", gateway_settings())


@cache
def job_ledger() -> JobLedger:
    settings = gateway_settings()
    # Few retries: a request should answer 503 quickly rather than hang while Redis is away.
    return JobLedger(connect_redis(settings.redis_url, attempts=2), ledger_ttl(settings))


@cache
def dead_letter_store() -> DeadLetterStore:
    return DeadLetterStore(job_ledger().redis)


@cache
def eta_estimator() -> EtaEstimator:
    return EtaEstimator(job_store())


@cache
def result_reuse() -> ResultReuse:
    settings = gateway_settings()
    return ResultReuse(job_ledger().redis, job_store(), artifact_store(), settings.retention_seconds)


@cache
def job_services() -> JobServices:
    return JobServices(
        jobs=job_store(),
        ledger=job_ledger(),
        store=artifact_store(),
        celery=celery_app(),
        dead_letters=dead_letter_store(),
        reuse=result_reuse(),
    )


@cache
def catalog_redis() -> redis.Redis:
    """The engine catalog's Redis; few retries: a request should answer 503 quickly while Redis is away."""
    return connect_redis(gateway_settings().redis_url, attempts=2)


SettingsDep = Annotated[GatewaySettings, Depends(settings_dependency)]
JobStoreDep = Annotated[JobStore, Depends(on_the_loop(job_store))]
ArtifactStoreDep = Annotated[ArtifactStore, Depends(on_the_loop(artifact_store))]
CeleryDep = Annotated[Celery, Depends(on_the_loop(celery_app))]
LedgerDep = Annotated[JobLedger, Depends(on_the_loop(job_ledger))]
DeadLetterDep = Annotated[DeadLetterStore, Depends(on_the_loop(dead_letter_store))]
EtaDep = Annotated[EtaEstimator, Depends(on_the_loop(eta_estimator))]
ReuseDep = Annotated[ResultReuse, Depends(on_the_loop(result_reuse))]
JobServicesDep = Annotated[JobServices, Depends(on_the_loop(job_services))]
CatalogRedisDep = Annotated[redis.Redis, Depends(on_the_loop(catalog_redis))]
