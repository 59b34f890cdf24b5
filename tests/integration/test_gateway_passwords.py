"""The gateway unlocks password-protected uploads in the artifact store, before any job is queued."""

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError
from docrelay_gateway.passwords import decrypt_stored_pdf

Corpus = Callable[[str], Path]
KEY = job_key("j1", "source.pdf")


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path)


def stored(store: LocalArtifactStore, corpus: Corpus, name: str) -> bytes:
    content = corpus(name).read_bytes()
    store.write_bytes(KEY, content)
    return content


@pytest.mark.parametrize(
    ("name", "password"), [("pdfminer-aes-256.pdf", "foo"), ("crazyones-encrypted-256.pdf", "password")]
)
def test_the_right_password_leaves_a_decrypted_copy(
    store: LocalArtifactStore, corpus: Corpus, name: str, password: str
) -> None:
    stored(store, corpus, name)
    decrypt_stored_pdf(store, KEY, password)
    with pikepdf.open(store.path(KEY)) as pdf:
        assert not pdf.is_encrypted
    with pdfplumber.open(store.path(KEY)) as pdf, pdfplumber.open(corpus(name), password=password) as source:
        assert [page.extract_text() for page in pdf.pages] == [page.extract_text() for page in source.pages]
        assert pdf.pages[0].extract_text()


def test_a_wrong_password_is_refused_and_the_upload_removed(
    store: LocalArtifactStore, corpus: Corpus
) -> None:
    stored(store, corpus, "pdfminer-aes-256.pdf")
    with pytest.raises(ApiError) as refused:
        decrypt_stored_pdf(store, KEY, "Foo")
    assert (refused.value.status_code, refused.value.code) == (400, ErrorCode.PDF_PASSWORD_INCORRECT)
    assert "password" in refused.value.message
    assert not store.exists(KEY)


@pytest.mark.parametrize("name", ["naacl06-shinyama.pdf", "fuzz-small.pdf"])
def test_pdfs_that_need_no_password_or_cannot_be_read_are_left_as_they_are(
    store: LocalArtifactStore, corpus: Corpus, name: str
) -> None:
    content = stored(store, corpus, name)
    decrypt_stored_pdf(store, KEY, "anything")
    assert store.read_bytes(KEY) == content
