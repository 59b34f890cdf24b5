"""Artifacts in an S3-compatible object store (AWS S3, MinIO), for clusters whose nodes share no disk.

Every write is one PUT, or one multipart upload for big artifacts, and S3 shows an object only once it
is complete: readers see the old or the new artifact, never part of one.
"""

import asyncio
import tempfile
from collections.abc import AsyncIterable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import IO, Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    HTTPClientError,
    IncompleteReadError,
    NoCredentialsError,
    PartialCredentialsError,
)
from botocore.exceptions import ConnectionError as S3ConnectionError

from docrelay_common.artifacts import (
    CHUNK_BYTES,
    ArtifactStore,
    check_key,
    job_folder,
    missing_artifact,
    read_chunks,
)
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError, TransientError

# Chunks of a write are kept in memory up to this size, then spooled to a temporary file.
SPOOL_MEMORY_BYTES = 8 << 20
# Codes S3 and MinIO answer when they are overloaded or failed on their side.
RETRYABLE_CODES = frozenset(
    {"InternalError", "ServiceUnavailable", "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout"}
)
MISSING_CODES = frozenset({"NoSuchKey", "NotFound", "404"})
DENIED_CODES = frozenset({"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403"})


class S3ArtifactStore(ArtifactStore):
    """Artifacts as objects under `prefix` in `bucket`; credentials and region come from boto3's chain."""

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url

    @cached_property
    def _client(self) -> Any:
        """Built on first use, so each prefork child builds its own: a client must not cross a fork.

        boto3 clients are thread-safe, so one serves the whole process. The bucket is checked once
        here, because a missing bucket would otherwise look like missing artifacts.
        """
        config = Config(
            retries={"mode": "standard"},
            # An S3-compatible server has one host name: bucket subdomains of it would not resolve.
            s3={"addressing_style": "path"} if self.endpoint_url else None,
        )
        # A session of its own: boto3's default session is not safe to create from several threads.
        client = boto3.session.Session().client("s3", endpoint_url=self.endpoint_url, config=config)
        with self._errors(None):
            client.head_bucket(Bucket=self.bucket)
        return client

    def exists(self, key: str) -> bool:
        try:
            self.size(key)
        except PermanentError as exc:
            if exc.code == ErrorCode.ARTIFACT_MISSING:
                return False
            raise
        return True

    def size(self, key: str) -> int:
        name = self._name(key)
        with self._errors(key):
            return int(self._client.head_object(Bucket=self.bucket, Key=name)["ContentLength"])

    def read_bytes(self, key: str) -> bytes:
        name = self._name(key)
        with self._errors(key):
            return bytes(self._client.get_object(Bucket=self.bucket, Key=name)["Body"].read())

    def iter_chunks(self, key: str, chunk_size: int = CHUNK_BYTES) -> Iterator[bytes]:
        name = self._name(key)
        with self._errors(key):
            body = self._client.get_object(Bucket=self.bucket, Key=name)["Body"]
        return self._streamed(key, body, chunk_size)

    @contextmanager
    def local_file(self, key: str) -> Iterator[Path]:
        name = self._name(key)
        # A directory of its own: the file has no neighbours a library could be pointed at.
        with tempfile.TemporaryDirectory(prefix="docrelay-artifact-") as scratch:
            path = Path(scratch) / PurePosixPath(key).name
            with self._errors(key), path.open("wb") as target:
                self._client.download_fileobj(self.bucket, name, target)
            yield path

    def write_chunks(self, key: str, chunks: Iterable[bytes]) -> int:
        name = self._name(key)
        with tempfile.SpooledTemporaryFile(SPOOL_MEMORY_BYTES) as spool:
            size = sum(spool.write(chunk) for chunk in chunks)
            spool.seek(0)
            self._upload(key, name, spool)
        return size

    async def write_async_chunks(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        name = self._name(key)
        with tempfile.SpooledTemporaryFile(SPOOL_MEMORY_BYTES) as spool:
            size = 0
            async for chunk in chunks:
                size += spool.write(chunk)
            spool.seek(0)
            # The upload waits on the network: in a thread, the event loop keeps serving meanwhile.
            await asyncio.to_thread(self._upload, key, name, spool)
        return size

    def write_file(self, key: str, path: Path) -> None:
        name = self._name(key)
        with path.open("rb") as source:
            self._upload(key, name, source)

    def delete(self, key: str) -> None:
        name = self._name(key)
        with self._errors(key):
            self._client.delete_object(Bucket=self.bucket, Key=name)

    def delete_job(self, job_id: str) -> None:
        folder = self.prefix + job_folder(job_id)
        with self._errors(None):
            pages = self._client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=folder)
            # A page lists at most 1000 keys, as many as one DeleteObjects request may take.
            for page in pages:
                objects = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if objects:
                    self._delete_objects(objects)

    def _delete_objects(self, objects: list[dict[str, str]]) -> None:
        answer = self._client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True})
        # DeleteObjects succeeds as a request even when some keys could not be deleted.
        for failed in answer.get("Errors", []):
            raise self._failure(failed.get("Code", ""), 0, failed.get("Message", ""), None)

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _upload(self, key: str, name: str, source: IO[bytes]) -> None:
        with self._errors(key):
            self._client.upload_fileobj(source, self.bucket, name)

    def _streamed(self, key: str, body: IO[bytes], chunk_size: int) -> Iterator[bytes]:
        with self._errors(key):
            yield from read_chunks(body, chunk_size)

    @contextmanager
    def _errors(self, key: str | None) -> Iterator[None]:
        """Turn botocore failures into ours; `key` is None for requests about the bucket itself."""
        try:
            yield
        except ClientError as exc:
            error, meta = exc.response.get("Error", {}), exc.response.get("ResponseMetadata", {})
            status = meta.get("HTTPStatusCode", 0)
            raise self._failure(error.get("Code", ""), status, error.get("Message", ""), key) from exc
        except (NoCredentialsError, PartialCredentialsError) as exc:
            raise PermanentError(
                ErrorCode.INTERNAL_ERROR,
                f"no usable credentials for the artifact store ({exc}); set AWS_ACCESS_KEY_ID "
                "and AWS_SECRET_ACCESS_KEY",
            ) from exc
        except (S3ConnectionError, HTTPClientError, IncompleteReadError) as exc:
            raise TransientError(
                ErrorCode.UNAVAILABLE, f"the artifact store at {self._where} is unreachable: {exc}"
            ) from exc

    def _failure(self, code: str, status: int, message: str, key: str | None) -> DocrelayError:
        if code == "NoSuchBucket" or (key is None and status == 404):
            return PermanentError(
                ErrorCode.INTERNAL_ERROR,
                f"the S3 bucket {self.bucket!r} does not exist at {self._where}; "
                "create it or point DOCRELAY_ARTIFACT_URL at an existing bucket",
            )
        if key is not None and (code in MISSING_CODES or status == 404):
            return missing_artifact(key)
        if code in DENIED_CODES or status in (401, 403):
            return PermanentError(
                ErrorCode.INTERNAL_ERROR,
                f"the artifact store at {self._where} refused access to bucket {self.bucket!r} ({code}); "
                "check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket's policy",
            )
        detail = f"{code or status}: {message}" if message else str(code or status)
        if code in RETRYABLE_CODES or status >= 500 or status in (408, 429):
            return TransientError(
                ErrorCode.UNAVAILABLE, f"the artifact store at {self._where} is unavailable ({detail})"
            )
        return PermanentError(
            ErrorCode.INTERNAL_ERROR, f"the artifact store at {self._where} refused a request ({detail})"
        )

    @property
    def _where(self) -> str:
        return self.endpoint_url or "AWS S3"
