"""Stores an uploaded file chunk by chunk and checks, by content, that it is a PDF."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError

CHUNK_BYTES = 1024 * 1024
# The PDF spec lets the header appear anywhere in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024

if TYPE_CHECKING:
    from hashlib import _Hash


@dataclass(frozen=True)
class StoredUpload:
    size: int
    # SHA-256 of the bytes stored, taken as they streamed by: reuse never reads the upload back.
    content_hash: "_Hash"


def store_pdf_upload(source: BinaryIO, store: ArtifactStore, key: str, max_bytes: int) -> StoredUpload:
    """Copy the upload into the store; refuse empty, oversized and non-PDF content."""
    first = source.read(CHUNK_BYTES)
    if not first:
        raise ApiError(400, ErrorCode.EMPTY_FILE, "the uploaded file is empty")
    if b"%PDF-" not in first[:PDF_HEADER_WINDOW]:
        raise ApiError(
            415, ErrorCode.NOT_A_PDF, "the uploaded file is not a PDF (no %PDF- header); send a PDF"
        )

    content_hash = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        received, chunk = 0, first
        while chunk:
            received += len(chunk)
            # Raising here abandons the write, so an oversized upload is never stored.
            if received > max_bytes:
                raise ApiError(
                    413, ErrorCode.FILE_TOO_LARGE, f"the file is larger than the {max_bytes} byte limit"
                )
            content_hash.update(chunk)
            yield chunk
            chunk = source.read(CHUNK_BYTES)

    return StoredUpload(store.write_chunks(key, chunks()), content_hash)
