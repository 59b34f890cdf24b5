"""Translation quality benchmark: chrF and BLEU of an engine against a published human translation.

The source is the official English text of articles 1-13 of the Universal Declaration of Human Rights,
the reference the UN's official Spanish text (bench/data/README.md). The English goes through
`translate_document`, as a job's text does, so protection and placeholders count too. The scores are
for reading and comparing (engine versions, language data, engines), not a pass/fail threshold.
Usage: make quality (python -m bench.quality [ENGINE], apertium by default).
"""

import sys
import time
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

from bench.isolation import ignore_progress
from docrelay_translator.engines.registry import select_engine
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document

DATA = Path(__file__).parent / "data"
SOURCE, TARGET = "en", "es"


def segments(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def translate(engine_name: str, sources: list[str]) -> tuple[list[str], float]:
    """The engine's translation of each segment, one block each, and the seconds it took."""
    engine = select_engine(engine_name, SOURCE, TARGET)
    document = text_document(sources, source_lang=SOURCE)
    started = time.perf_counter()
    translated = translate_document(document, engine, SOURCE, TARGET, ignore_progress)
    return [block.text for block in translated.blocks()], time.perf_counter() - started


def main(engine_name: str) -> None:
    sources, references = segments("udhr-en.txt"), segments("udhr-es.txt")
    assert len(sources) == len(references), "bench/data: the two texts must have one line per segment each"
    hypotheses, seconds = translate(engine_name, sources)
    chrf, bleu = CHRF(), BLEU()
    chrf_score = chrf.corpus_score(hypotheses, [references])
    bleu_score = bleu.corpus_score(hypotheses, [references])
    print(f"quality of {engine_name} {SOURCE}->{TARGET} on UDHR articles 1-13 (official UN Spanish text)")
    print(f"  segments {len(sources):>9}")
    print(f"  chrF     {chrf_score.score:>9.1f}   {chrf.get_signature()}")
    print(f"  BLEU     {bleu_score.score:>9.1f}   {bleu.get_signature()}")
    print(f"  seconds  {seconds:>9.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "apertium")
