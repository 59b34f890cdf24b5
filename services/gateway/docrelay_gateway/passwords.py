"""Unlocks a password-protected upload where it is stored, so the password never goes further.

The password is used here, in the request, and forgotten: it crosses no queue and is written nowhere.
"""

import io
from pathlib import Path

import pikepdf

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError


def decrypt_stored_pdf(store: ArtifactStore, key: str, password: str) -> bytes | None:
    """Replace the stored PDF by a decrypted copy when it needs a password; ApiError(400) when this one fails.

    Returns the decrypted copy, or None when the PDF was left as it is: one that opens without a
    password, or one qpdf cannot read at all (the extractor reports that one as pdf_corrupt).
    """
    with store.local_file(key) as path:
        if not _needs_password(path):
            return None
        decrypted = _decrypted(path, password)
    if decrypted is None:
        store.delete(key)
        raise ApiError(
            400,
            ErrorCode.PDF_PASSWORD_INCORRECT,
            "the password does not open this PDF; check it (passwords are case-sensitive) and submit again",
        )
    store.write_bytes(key, decrypted)
    return decrypted


def _needs_password(path: Path) -> bool:
    try:
        with pikepdf.open(path, password=""):
            return False
    except pikepdf.PasswordError:
        return True
    except pikepdf.PdfError:
        return False


def _decrypted(path: Path, password: str) -> bytes | None:
    """The PDF without its protection; None when `password` does not open it."""
    try:
        with pikepdf.open(path, password=password) as pdf:
            decrypted = io.BytesIO()
            # Saving without `encryption` writes the document unprotected.
            pdf.save(decrypted)
    except pikepdf.PasswordError:
        return None
    return decrypted.getvalue()
