"""The artifact store: PDFs and documents live here, messages only carry their keys.

Every caller goes through `ArtifactStore`, so a deployment picks a shared directory or an S3-compatible
store (artifacts_s3) by configuration alone, and no code depends on a local filesystem.
"""

from collections.abc import AsyncIterable, Iterable, Iterator
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import IO, Protocol

from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError

CHUNK_BYTES = 1 << 20


class Artifact(StrEnum):
    """A job's artifacts, by the names `StageMessage.artifacts` maps to their keys."""

    # The upload, and the gateway's optional glossary (a JSON object source term -> target term).
    SOURCE = "source"
    GLOSSARY = "glossary"
    # The upload as the extractor normalized it: what every later stage lays its work over.
    BASE = "base"
    # The pages of each range of `base` as a PDF of their own (a folder, one file per range), cut once
    # when the job is planned: a range then costs only its own pages, however long the document.
    RANGES = "ranges"
    # Documents, one file per page range in a folder of that name.
    EXTRACTED = "extracted"
    TRANSLATED = "translated"
    TONED = "toned"
    # The reconstructor's rewritten page ranges, and the PDF the user downloads.
    PAGES = "pages"
    RESULT = "result"


# Artifacts stored as one file have a file name; the others are folders of page ranges.
_FILE_NAMES = {
    Artifact.SOURCE: "source.pdf",
    Artifact.GLOSSARY: "glossary.json",
    Artifact.BASE: "base.pdf",
    Artifact.RESULT: "result.pdf",
}


def job_key(job_id: str, name: str) -> str:
    return f"jobs/{job_id}/{name}"


def artifact_key(job_id: str, artifact: Artifact) -> str:
    """Where the job's artifact is stored: a file, or the folder of a document's page ranges."""
    return job_key(job_id, _FILE_NAMES.get(artifact, artifact.value))


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
