"""Artifacts in a directory every process sees (one machine, or a shared volume)."""

import os
import shutil
import tempfile
from collections.abc import AsyncIterable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from docrelay_common.artifacts import (
    CHUNK_BYTES,
    ArtifactStore,
    check_key,
    job_folder,
    missing_artifact,
    read_chunks,
)


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
