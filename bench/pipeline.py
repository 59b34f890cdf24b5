"""The whole pipeline in-process on one PDF, as a job without source_lang and with the pseudo engine gets it.

Run it through bench.isolation.in_fresh_process: the time and peak memory it reports are then the job's.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from bench.isolation import ignore_progress, peak_rss_mb
from docrelay_common.document import Document
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError
from docrelay_common.language_routes import RouteRules
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import document_language
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_translator.routing import plan_route
from docrelay_translator.translate import translate_document

PSEUDO_TARGET = "en-XA"
OK = "ok"
# The artifacts a run leaves in its work directory, named as the pipeline names them.
BASE_PDF = "base.pdf"
TRANSLATED_JSON = "translated.json"
RESULT_PDF = "result.pdf"


@dataclass(frozen=True)
class PipelineRun:
    outcome: str  # OK, a DocrelayError code, or "crash: <ExceptionType>"
    detail: str  # the error's message, empty when OK
    seconds: float
    peak_mb: float


def run_pipeline(source: Path, work_dir: Path) -> PipelineRun:
    """normalize -> extract -> translate (pseudo, en-XA) -> reconstruct, artifacts written to work_dir."""
    started = time.perf_counter()
    try:
        _translate_pdf(source, work_dir)
        outcome, detail = OK, ""
    except DocrelayError as exc:
        outcome, detail = str(exc.code), exc.message
    except Exception as exc:
        outcome, detail = f"crash: {type(exc).__name__}", str(exc)
    return PipelineRun(outcome, detail, time.perf_counter() - started, peak_rss_mb())


def _translate_pdf(source: Path, work_dir: Path) -> None:
    base = work_dir / BASE_PDF
    base.write_bytes(normalize_pdf(source))
    extracted = extract_document(base, ignore_progress)
    translated = _pseudo_localized(extracted)
    (work_dir / TRANSLATED_JSON).write_text(translated.model_dump_json())
    (work_dir / RESULT_PDF).write_bytes(reconstruct(base, translated, work_dir))


def _pseudo_localized(document: Document) -> Document:
    # As the extract and translate stages do when the job names no source language.
    source = document_language(document)
    if source is None:
        raise PermanentError(ErrorCode.LANGUAGE_UNDETECTED, "could not detect the document's language")
    route = plan_route("pseudo", source, PSEUDO_TARGET, RouteRules())
    return translate_document(document, route, ignore_progress)
