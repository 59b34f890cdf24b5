"""Fidelity report: how well each corpus PDF survives the pipeline with pseudo-localized (en-XA) text.

For every PDF of the corpus manifest, a fresh process runs normalize -> extract -> translate (pseudo
engine, target en-XA, source detected as a job without source_lang gets it) -> reconstruct, under a time
limit, and another fresh process measures the result against its source:
- outcome: ok, the DocrelayError code, "crash: <ExceptionType>" (a bug), or "timeout";
- page counts and image counts (pdfplumber's page.images summed), source/output;
- layout: a block is kept when the union of the output words whose centre lies in its box (expanded
  by 1 pt) has IoU >= 0.5 with the box; the share of kept blocks and the mean IoU (bench.layout_metrics);
- overlaps: pairs of rendered block boxes on one page intersecting by more than 1 pt², with the same
  count over the source boxes for comparison, and the share of blocks in such pairs;
- missing glyphs: output characters drawn with .notdef (how and why: bench.glyphs); U+FFFD and "(cid:";
- pipeline wall time and peak RSS.
- unchanged tokens in place, all and numeric ones alone (bench.token_metrics);
- formulas: math in place (bench.math_place), display equations pixel by pixel (bench.display_pixels);
- typeface class of the translated blocks (bench.typeface_check).
Besides the corpus, the test papers of tests/data/math are typeset with pdflatex (when installed) and
measured the same way. Then the tables and forms (bench.tables): the corpus's and generated ones,
translated with Apertium. Prints fixed-width tables and summary lines, and writes bench/out/fidelity.md, a
side-by-side PNG of the first page of each translated file and bench/out/fidelity.html showing them.

Usage: make fidelity (python -m bench.fidelity [--timeout SECONDS] [--part corpus|tables] [FILE...]).
"""

import argparse
import csv
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import tables_report
from bench.fidelity_report import FileReport, html_page, markdown, summary_line, table_header, table_row
from bench.isolation import ChildFailed, ChildTimedOut, in_fresh_process
from bench.measure import measure
from bench.pictures import side_by_side
from bench.pipeline import BASE_PDF, OK, RESULT_PDF, PipelineRun, run_pipeline
from bench.tables import TableReport, report_table, sources
from tests.support.corpus import GET_CORPUS, corpus_dir, corpus_pdf
from tests.support.latex import PAPERS, pdflatex_missing, typeset

OUT_DIR = Path(__file__).resolve().parent / "out"
DEFAULT_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class CorpusFile:
    name: str
    category: str
    path: Path


def corpus_files(names: list[str]) -> list[CorpusFile]:
    """The manifest's files, or only those named, in manifest order."""
    manifest_path = corpus_dir() / "manifest.tsv"
    if not manifest_path.is_file():
        raise SystemExit(f"no corpus manifest at {manifest_path}: fetch the corpus with {GET_CORPUS}")
    with manifest_path.open(newline="") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    unknown = set(names) - {row["file"] for row in rows} - set(PAPERS)
    if unknown:
        raise SystemExit(f"not in the corpus manifest: {', '.join(sorted(unknown))}")
    return [
        CorpusFile(row["file"], row["category"], corpus_pdf(row["file"]))
        for row in rows
        if not names or row["file"] in names
    ]


def typeset_files(names: list[str], out_dir: Path) -> list[CorpusFile]:
    """The test papers typeset into out_dir, or only those named; none without pdflatex."""
    wanted = [name for name in PAPERS if not names or name in names]
    missing = pdflatex_missing()
    if wanted and missing is not None:
        print(f"not measuring the typeset papers: {missing}")
        return []
    return [CorpusFile(name, "math;typeset", typeset(name, out_dir)) for name in wanted]


def report_file(corpus_file: CorpusFile, timeout: float) -> FileReport:
    """Translate one file in a fresh process, then measure the output in another."""
    with tempfile.TemporaryDirectory(prefix="docrelay-fidelity-") as tmp:
        work_dir = Path(tmp)
        run = _pipeline_run(corpus_file.path, work_dir, timeout)
        if run.outcome != OK:
            return FileReport(corpus_file.name, corpus_file.category, run, None, run.detail)
        try:
            fidelity = in_fresh_process(measure, work_dir, timeout=timeout)
        except ChildFailed as exc:
            problem = f"measuring the output failed: {exc.reason}"
            return FileReport(corpus_file.name, corpus_file.category, run, None, problem)
        picture, problem = _picture(corpus_file.name, work_dir)
        return FileReport(corpus_file.name, corpus_file.category, run, fidelity, problem, picture)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="corpus file names (default: the whole manifest)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds per file and step")
    parser.add_argument("--part", choices=("corpus", "tables"), help="only this part (default: both)")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    reports = _corpus_part(args.files, args.timeout) if args.part != "tables" else []
    summary = summary_line(reports, time.perf_counter() - started)
    print(summary)
    tables = _tables_part(args.timeout) if args.part != "corpus" else []
    tables_summary = tables_report.summary_line(tables)
    print(tables_summary)
    (OUT_DIR / "fidelity.md").write_text(
        markdown(reports, summary) + "\n" + tables_report.markdown(tables, tables_summary)
    )
    (OUT_DIR / "fidelity.html").write_text(html_page(reports, summary, tables_report.figures(tables)))
    print(f"written: {OUT_DIR / 'fidelity.md'}, {OUT_DIR / 'fidelity.html'}")


def _corpus_part(names: list[str], timeout: float) -> list[FileReport]:
    print(table_header(), flush=True)
    reports = []
    with tempfile.TemporaryDirectory(prefix="docrelay-typeset-") as typeset_dir:
        for corpus_file in corpus_files(names) + typeset_files(names, Path(typeset_dir)):
            reports.append(report_file(corpus_file, timeout))
            print(table_row(reports[-1]), flush=True)
    return reports


def _tables_part(timeout: float) -> list[TableReport]:
    print(tables_report.table_header(), flush=True)
    reports = []
    for source in sources():
        reports.append(report_table(source, OUT_DIR, timeout))
        print(tables_report.table_row(reports[-1]), flush=True)
    return reports


def _pipeline_run(source: Path, work_dir: Path, timeout: float) -> PipelineRun:
    started = time.perf_counter()
    try:
        return in_fresh_process(run_pipeline, source, work_dir, timeout=timeout)
    except ChildFailed as exc:
        # The process is gone (time limit, signal, exit): its own time and memory are lost with it.
        outcome = "timeout" if isinstance(exc, ChildTimedOut) else f"crash: {exc.reason}"
        return PipelineRun(outcome, exc.reason, time.perf_counter() - started, float("nan"))


def _picture(name: str, work_dir: Path) -> tuple[str | None, str]:
    """The side-by-side PNG's file name in OUT_DIR, or None and why it could not be drawn."""
    picture = f"{Path(name).stem}.png"
    try:
        side_by_side(work_dir / BASE_PDF, work_dir / RESULT_PDF, OUT_DIR / picture)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        return None, f"no picture: {exc}"
    return picture, ""


if __name__ == "__main__":
    main()
