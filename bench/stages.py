"""Stage benchmark: wall time, throughput and peak memory of each stage on real corpus PDFs.

Each stage runs in a fresh process so its peak RSS is its own. Prints a table and ratios; compare
ratios within one run, since this machine is noisy. Usage: make bench (python -m bench.stages [FILE...]).
"""

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.isolation import ignore_progress, in_fresh_process, peak_rss_mb
from docrelay_common.constants import Tone
from docrelay_common.document import Document
from docrelay_common.language_routes import RouteRules
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_toner.tone import tone_document
from docrelay_translator.routing import plan_route
from docrelay_translator.translate import translate_document
from tests.support.corpus import corpus_pdf

DEFAULT_FILES = ["naacl06-shinyama.pdf", "camlidl-manual.pdf", "R-intro.pdf"]


def _stage(name: str, work_dir: Path, source: Path) -> dict[str, Any]:
    """Run one stage on the artifacts the previous stages left in work_dir."""
    started = time.perf_counter()
    base, extracted = work_dir / "base.pdf", work_dir / "extracted.json"
    if name == "extract":
        base.write_bytes(normalize_pdf(source).pdf)
        extracted.write_text(extract_document(base, ignore_progress).model_dump_json())
    else:
        document = Document.model_validate_json(extracted.read_text())
        if name.startswith("translate"):
            engine_name, target = ("apertium", "es") if name == "translate/apertium" else ("pseudo", "en-XA")
            route = plan_route(engine_name, "en", target, RouteRules())
            result = translate_document(document, route, ignore_progress)
            (work_dir / f"{engine_name}.json").write_text(result.model_dump_json())
        elif name == "tone/formal":
            tone_document(
                Document.model_validate_json((work_dir / "apertium.json").read_text()),
                "es",
                Tone.FORMAL,
                ignore_progress,
            )
        elif name == "reconstruct":
            translated = Document.model_validate_json((work_dir / "apertium.json").read_text())
            (work_dir / "result.pdf").write_bytes(reconstruct(base, translated, work_dir))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": peak_rss_mb()}


STAGES = ["extract", "translate/apertium", "translate/pseudo", "tone/formal", "reconstruct"]


def main(names: list[str]) -> None:
    print(f"{'file':<24}{'pages':>6}  {'stage':<20}{'seconds':>9}{'pages/s':>9}{'peak MB':>9}")
    totals: dict[str, float] = {}
    for name in names:
        source = corpus_pdf(name)
        with tempfile.TemporaryDirectory(prefix="docrelay-bench-") as tmp:
            work_dir = Path(tmp)
            for stage in STAGES:
                numbers = in_fresh_process(_stage, stage, work_dir, source)
                pages = len(Document.model_validate_json((work_dir / "extracted.json").read_text()).pages)
                totals[stage] = totals.get(stage, 0.0) + numbers["seconds"]
                rate = pages / numbers["seconds"] if numbers["seconds"] else float("inf")
                print(
                    f"{name:<24}{pages:>6}  {stage:<20}{numbers['seconds']:>9.2f}{rate:>9.1f}"
                    f"{numbers['peak_mb']:>9.0f}"
                )
    whole = sum(totals[stage] for stage in ("extract", "translate/apertium", "tone/formal", "reconstruct"))
    print("\nshare of a job's stage time (extract + apertium + tone + reconstruct):")
    for stage in ("extract", "translate/apertium", "tone/formal", "reconstruct"):
        print(f"  {stage:<20}{totals[stage] / whole:>7.1%}")
    ratio = totals["translate/apertium"] / totals["translate/pseudo"]
    print(f"ratio apertium / pseudo translation time: {ratio:.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_FILES)
