"""Identical re-submissions: the same file with the same options gets the earlier result at once.

The key is a SHA-256 of the (decrypted) PDF, the job options, the glossary and the owner, so nothing
is shared between API keys and any change of options runs the pipeline again.
"""

import json
from typing import TYPE_CHECKING, Any

from redis import Redis
from redis.client import Pipeline

from docrelay_common.artifacts import Artifact, ArtifactStore, artifact_key
from docrelay_common.constants import JobStatus
from docrelay_common.messages import JobOptions
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView

if TYPE_CHECKING:
    from hashlib import _Hash


def _key(digest: str) -> str:
    return f"docrelay:submission:{digest}"


def submission_digest(
    content_hash: "_Hash", options: JobOptions, glossary: dict[str, str] | None, owner: str | None
) -> str:
    """`content_hash` (SHA-256 of the PDF's bytes so far) continued with the options, glossary and owner."""
    digest = content_hash.copy()
    context: dict[str, Any] = {
        "options": options.model_dump(mode="json"),
        "glossary": glossary,
        "owner": owner,
    }
    digest.update(json.dumps(context, sort_keys=True).encode())
    return digest.hexdigest()


class ResultReuse:
    def __init__(self, redis: Redis, jobs: JobStore, store: ArtifactStore, ttl_seconds: int) -> None:
        self.redis, self.jobs, self.store, self.ttl_seconds = redis, jobs, store, ttl_seconds

    def earlier_job(self, digest: str, owner: str | None) -> JobView | None:
        """A succeeded job of the same submission whose result is still stored, if there is one."""
        raw = self.redis.get(_key(digest))
        if not isinstance(raw, bytes):
            return None
        job = self.jobs.get(raw.decode(), owner=owner)
        if (
            job is None
            or job.status != JobStatus.SUCCEEDED
            or not self.store.exists(artifact_key(job.id, Artifact.RESULT))
        ):
            return None
        return job

    def remember(self, digest: str, job_id: str, pipe: Pipeline) -> None:
        """Queue the key on `pipe`, written with the job's ledger in one round trip."""
        pipe.set(_key(digest), job_id, ex=self.ttl_seconds)

    def copy_result(self, earlier_id: str, job_id: str) -> None:
        """The new job gets its own copy, so retention of the earlier job cannot take it away."""
        earlier = self.store.iter_chunks(artifact_key(earlier_id, Artifact.RESULT))
        self.store.write_chunks(artifact_key(job_id, Artifact.RESULT), earlier)
