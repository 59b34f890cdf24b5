"""The artifact store: PDFs and documents live here, messages only carry their keys.

Every caller goes through `ArtifactStore`, so a deployment picks a shared directory or an S3-compatible
store (artifacts_s3) by configuration alone, and no code depends on a local filesystem.
"""

import os
import shutil
import tempfile
from collections.abc import AsyncIterable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Protocol
from urllib.parse import urlsplit
from urllib.request import url2pathname

from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.settings import CommonSettings

CHUNK_BYTES = 1 << 20


def job_key(job_id: str, name: str) -> str:
    return f"jobs/{job_id}/{name}"


def job_folder(job_id: str) -> str:
    """The key every artifact of the job starts with, checked like a key; ends with '/'."""
    return check_key(f"jobs/{job_id}") + "/"


def check_key(key: str) -> str:
    """The key itself, when it can only name something inside the store; ValueError otherwise."""
    if any(part in ("", ".", "..") for part in key.split("/")):
        raise ValueError(f"artifact key escapes the store: {key!r}")
    return key


def missing_artifact(key: str) -> PermanentError:
    return PermanentError(ErrorCode.ARTIFACT_MISSING, f"artifact {key} is missing")


def read_chunks(stream: IO[bytes], chunk_size: int) -> Iterator[bytes]:
    """The rest of `stream` in chunks; closes it when done or abandoned."""
    with stream:
        while chunk := stream.read(chunk_size):
            yield chunk


class ArtifactStore(Protocol):
    """Where artifacts live. Writes are atomic: a reader sees the old or the new artifact, never part of one.

    Reading a missing artifact raises PermanentError(ARTIFACT_MISSING); a key that could escape the store
    (absolute, `..`) raises ValueError.
    """

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int:
        """The artifact's length in bytes."""

    def read_bytes(self, key: str) -> bytes: ...

    def iter_chunks(self, key: str, chunk_size: int = CHUNK_BYTES) -> Iterator[bytes]:
        """The artifact in chunks, to stream it; a missing one fails at the call, before any chunk."""

    def local_file(self, key: str) -> AbstractContextManager[Path]:
        """A local file holding the artifact, for libraries that read files; valid inside the block only."""

    def write_chunks(self, key: str, chunks: Iterable[bytes]) -> int:
        """Store the chunks as the artifact and return its size; nothing is stored if `chunks` raises."""

    async def write_async_chunks(self, key: str, chunks: AsyncIterable[bytes]) -> int: ...

    def write_file(self, key: str, path: Path) -> None:
        """Store a file produced locally as the artifact."""

    def delete(self, key: str) -> None:
        """Remove the artifact; one that does not exist is no error."""

    def delete_job(self, job_id: str) -> None:
        """Remove every artifact of the job."""

    def write_bytes(self, key: str, data: bytes) -> None:
        self.write_chunks(key, [data])

    def write_document(self, key: str, document: Document) -> None:
        self.write_bytes(key, document.model_dump_json().encode())

    def read_document(self, key: str) -> Document:
        return Document.model_validate_json(self.read_bytes(key))


class LocalArtifactStore(ArtifactStore):
    """A directory shared by all processes. Writes are atomic, so a redelivered task just overwrites."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        # Kept only for the gateway's result download and older tests until they use ArtifactStore;
        # new code must not depend on a local filesystem.
        return self._path(key)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        return self._existing(key).stat().st_size

    def read_bytes(self, key: str) -> bytes:
        return self._existing(key).read_bytes()

    def iter_chunks(self, key: str, chunk_size: int = CHUNK_BYTES) -> Iterator[bytes]:
        return read_chunks(self._existing(key).open("rb"), chunk_size)

    @contextmanager
    def local_file(self, key: str) -> Iterator[Path]:
        yield self._existing(key)

    def write_chunks(self, key: str, chunks: Iterable[bytes]) -> int:
        with _atomic_file(self._path(key)) as handle:
            return sum(handle.write(chunk) for chunk in chunks)

    async def write_async_chunks(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        with _atomic_file(self._path(key)) as handle:
            size = 0
            async for chunk in chunks:
                size += handle.write(chunk)
            return size

    def write_file(self, key: str, path: Path) -> None:
        with path.open("rb") as source, _atomic_file(self._path(key)) as target:
            shutil.copyfileobj(source, target)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def delete_job(self, job_id: str) -> None:
        shutil.rmtree(self.root / job_folder(job_id), ignore_errors=True)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _existing(self, key: str) -> Path:
        path = self._path(key)
        if not path.is_file():
            raise missing_artifact(key)
        return path


@contextmanager
def _atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Write to a temporary sibling and rename it into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)


def open_artifact_store(settings: CommonSettings) -> ArtifactStore:
    """The store `artifact_url` names: empty or file:///abs/path is a directory, s3://bucket/prefix S3."""
    if not settings.artifact_url:
        return LocalArtifactStore(settings.artifact_root)
    url = urlsplit(settings.artifact_url)
    if url.scheme == "file" and url.netloc in ("", "localhost") and url.path.startswith("/"):
        return LocalArtifactStore(Path(url2pathname(url.path)))
    if url.scheme == "s3" and url.netloc:
        # Imported here so that only deployments storing artifacts in S3 load boto3.
        from docrelay_common.artifacts_s3 import S3ArtifactStore

        return S3ArtifactStore(url.netloc, url.path, endpoint_url=settings.s3_endpoint_url or None)
    raise ValueError(
        f"DOCRELAY_ARTIFACT_URL={settings.artifact_url!r} is not supported: "
        "use file:///absolute/path or s3://bucket/prefix, or leave it empty for DOCRELAY_ARTIFACT_DIR"
    )
