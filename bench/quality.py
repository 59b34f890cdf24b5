"""Translation quality benchmark: chrF and BLEU of every installed direct pair and of pivot chains.

The texts are the Universal Declaration of Human Rights in each language (bench/data/README.md), one
line per paragraph of its 30 articles, aligned on article and paragraph. Each path's source text
goes through `translate_document`, as a job's text does, so protection and placeholders count too,
and is scored against the target language's own text with sacrebleu. A pivot chain is printed right
after the direct pair of the same languages when there is one. The scores are for reading and
comparing (pairs, pivots, engine versions), not a pass/fail threshold.
Usage: make quality (python -m bench.quality [ENGINE], apertium by default).
"""

import itertools
import sys
import time
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

from bench.isolation import ignore_progress
from docrelay_common.language_routes import Hop
from docrelay_translator.engines.registry import requested_engine
from docrelay_translator.routing import bind_route
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document

DATA = Path(__file__).parent / "data" / "udhr"
# Pivot chains (source, bridge, target): three where no engine has the pair, and three beside the
# direct pair they could replace.
PIVOTS = [
    ("fr", "es", "en"),
    ("it", "es", "en"),
    ("pt", "ca", "en"),
    ("pt", "es", "en"),
    ("fr", "es", "ca"),
    ("pt", "es", "ca"),
    ("it", "es", "ca"),
    ("ro", "es", "ca"),
]
# One of each for every path: their signatures, printed at the end, need a scored corpus.
CHRF_METRIC, BLEU_METRIC = CHRF(), BLEU()


def texts(tag: str) -> dict[str, str]:
    """The declaration's paragraphs in one language, by "<article>.<paragraph>"."""
    lines = (DATA / f"{tag}.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)


def score(engine_name: str, languages: list[str]) -> tuple[str, int, float, float, float]:
    """(path, segments, chrF, BLEU, seconds) of one path through `languages`."""
    sources, references = texts(languages[0]), texts(languages[-1])
    keys = sorted(sources.keys() & references.keys(), key=lambda key: tuple(map(int, key.split("."))))
    hops = [Hop(engine=engine_name, source=a, target=b) for a, b in itertools.pairwise(languages)]
    route = bind_route(tuple(hops))
    document = text_document([sources[key] for key in keys], source_lang=languages[0])
    started = time.perf_counter()
    translated = translate_document(document, route, ignore_progress)
    seconds = time.perf_counter() - started
    hypotheses, wanted = [block.text for block in translated.blocks()], [[references[key] for key in keys]]
    chrf, bleu = (
        CHRF_METRIC.corpus_score(hypotheses, wanted).score,
        BLEU_METRIC.corpus_score(hypotheses, wanted).score,
    )
    return " > ".join(languages), len(keys), chrf, bleu, seconds


def paths(engine_name: str) -> list[list[str]]:
    """Every installed direct pair with texts in both languages, each followed by its pivot chains."""
    available = {path.stem for path in DATA.glob("*.tsv")}
    pairs = sorted(
        [source, target]
        for source, target in requested_engine(engine_name).language_pairs()
        if source in available and target in available
    )
    chains = [list(chain) for chain in PIVOTS]
    ordered: list[list[str]] = []
    for pair in pairs:
        ordered += [pair, *(chain for chain in chains if [chain[0], chain[-1]] == pair)]
    return ordered + [chain for chain in chains if [chain[0], chain[-1]] not in pairs]


def main(engine_name: str) -> None:
    print(f"quality of {engine_name} on the UDHR (30 articles, 50 paragraphs), chrF and BLEU by sacrebleu")
    print(f"{'path':22} {'segments':>8} {'chrF':>6} {'BLEU':>6} {'seconds':>8}")
    for languages in paths(engine_name):
        path, segments, chrf, bleu, seconds = score(engine_name, languages)
        print(f"{path:22} {segments:>8} {chrf:>6.1f} {bleu:>6.1f} {seconds:>8.2f}")
    print(f"signatures: {CHRF_METRIC.get_signature()} | {BLEU_METRIC.get_signature()}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "apertium")
