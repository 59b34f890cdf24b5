"""Stores an uploaded file chunk by chunk and checks, by content, that it is a PDF."""

from collections.abc import Iterator
from typing import BinaryIO

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError

CHUNK_BYTES = 1024 * 1024
# The PDF spec lets the header appear anywhere in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024


def store_pdf_upload(source: BinaryIO, store: ArtifactStore, key: str, max_bytes: int) -> int:
    """Copy the upload into the store; refuse empty, oversized and non-PDF content."""
    first = source.read(CHUNK_BYTES)
    if not first:
        raise ApiError(400, ErrorCode.EMPTY_FILE, "the uploaded file is empty")
    if b"%PDF-" not in first[:PDF_HEADER_WINDOW]:
        raise ApiError(
            415, ErrorCode.NOT_A_PDF, "the uploaded file is not a PDF (no %PDF- header); send a PDF"
        )

    def chunks() -> Iterator[bytes]:
        received, chunk = 0, first
        while chunk:
            received += len(chunk)
            # Raising here abandons the write, so an oversized upload is never stored.
            if received > max_bytes:
                raise ApiError(
                    413, ErrorCode.FILE_TOO_LARGE, f"the file is larger than the {max_bytes} byte limit"
                )
            yield chunk
            chunk = source.read(CHUNK_BYTES)

    return store.write_chunks(key, chunks())
