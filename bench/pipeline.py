"""The whole pipeline in-process on one PDF, as a job without source_lang gets it, through the same steps
as the stage workers (one page range holding every page).

Run it through bench.isolation.in_fresh_process: the time and peak memory it reports are then the job's.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from bench.isolation import ignore_progress, peak_rss_mb
from docrelay_common.constants import OcrMode
from docrelay_common.document import Document
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError
from docrelay_common.language_routes import RouteRules
from docrelay_common.messages import PageRange
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import document_language
from docrelay_extractor.normalize import normalize_pdf
from docrelay_extractor.ocr.reader import OcrRequest
from docrelay_reconstructor.forms import translated_tooltips
from docrelay_reconstructor.page_ranges import put_pages_back, write_page_range
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_translator.routing import plan_route
from docrelay_translator.translate import translate_document

PSEUDO = "pseudo"
PSEUDO_TARGET = "en-XA"
APERTIUM = "apertium"
# Where Apertium can, the bench translates with it: English into Spanish, Spanish into English.
APERTIUM_TARGETS = {"en": "es", "es": "en"}
OK = "ok"
# The artifacts a run leaves in its work directory, named as the pipeline names them.
BASE_PDF = "base.pdf"
TRANSLATED_JSON = "translated.json"
RESULT_PDF = "result.pdf"
_PART_PDF = "part.pdf"
_REWRITTEN_PDF = "rewritten.pdf"


@dataclass(frozen=True)
class PipelineRun:
    outcome: str  # OK, a DocrelayError code, or "crash: <ExceptionType>"
    detail: str  # the error's message, empty when OK
    seconds: float
    peak_mb: float
    engine: str = PSEUDO  # the engine and language pair used, e.g. "apertium en>es"


def run_pipeline(source: Path, work_dir: Path, engine: str = PSEUDO) -> PipelineRun:
    """normalize -> extract -> translate -> reconstruct, artifacts written to work_dir.

    `engine` is "pseudo" (into en-XA) or "apertium" (en<->es, pseudo for other source languages).
    """
    started = time.perf_counter()
    used = engine
    try:
        used = _translate_pdf(source, work_dir, engine)
        outcome, detail = OK, ""
    except DocrelayError as exc:
        outcome, detail = str(exc.code), exc.message
    except Exception as exc:
        outcome, detail = f"crash: {type(exc).__name__}", str(exc)
    return PipelineRun(outcome, detail, time.perf_counter() - started, peak_rss_mb(), used)


def _translate_pdf(source: Path, work_dir: Path, engine: str) -> str:
    base = work_dir / BASE_PDF
    base.write_bytes(normalize_pdf(source).pdf)
    # As a job does by default: pages without text are read by OCR.
    extracted = extract_document(base, ignore_progress, OcrRequest(OcrMode.AUTO))
    translated, used = _translated(extracted, engine)
    (work_dir / TRANSLATED_JSON).write_text(translated.model_dump_json())
    every_page = PageRange(first=1, last=len(translated.pages))
    part, rewritten = work_dir / _PART_PDF, work_dir / _REWRITTEN_PDF
    write_page_range(base, every_page, part)
    rewritten.write_bytes(reconstruct(part, translated, work_dir))
    tooltips = translated_tooltips([translated])
    (work_dir / RESULT_PDF).write_bytes(put_pages_back(base, [(every_page, rewritten)], tooltips))
    return used


def _translated(document: Document, engine: str) -> tuple[Document, str]:
    # As the extract and translate stages do when the job names no source language.
    source = document_language(document)
    if source is None:
        raise PermanentError(ErrorCode.LANGUAGE_UNDETECTED, "could not detect the document's language")
    name, target = PSEUDO, PSEUDO_TARGET
    if engine == APERTIUM and source in APERTIUM_TARGETS:
        name, target = APERTIUM, APERTIUM_TARGETS[source]
    route = plan_route(name, source, target, RouteRules())
    return translate_document(document, route, ignore_progress), f"{name} {source}>{target}"
