"""The artifact store: PDFs and documents live here, messages only carry their keys."""

import os
import shutil
import tempfile
from collections.abc import AsyncIterable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError


def job_key(job_id: str, name: str) -> str:
    return f"jobs/{job_id}/{name}"


class LocalArtifactStore:
    """A directory shared by all processes. Writes are atomic, so a redelivered task just overwrites."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise ValueError(f"artifact key escapes the store: {key!r}")
        return path

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def write_bytes(self, key: str, data: bytes) -> None:
        self.write_chunks(key, [data])

    def write_chunks(self, key: str, chunks: Iterable[bytes]) -> int:
        with _atomic_file(self.path(key)) as handle:
            return sum(handle.write(chunk) for chunk in chunks)

    async def write_async_chunks(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        with _atomic_file(self.path(key)) as handle:
            size = 0
            async for chunk in chunks:
                size += handle.write(chunk)
            return size

    def read_bytes(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            raise PermanentError(ErrorCode.ARTIFACT_MISSING, f"artifact {key} is missing") from None

    def write_document(self, key: str, document: Document) -> None:
        self.write_bytes(key, document.model_dump_json().encode())

    def read_document(self, key: str) -> Document:
        return Document.model_validate_json(self.read_bytes(key))

    def delete_job(self, job_id: str) -> None:
        shutil.rmtree(self.path(f"jobs/{job_id}"), ignore_errors=True)


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
