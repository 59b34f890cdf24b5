"""File fuzzing: damaged copies of corpus PDFs go through extract -> reconstruct. Each ends with a result, a
pdf_* code or language_undetected (bytes flipped in a font can turn the text into glyphs of no language):
never internal_error, a hang or a dead worker."""

import os
import random
import time

import httpx
import pytest

from tests.hardening.conftest import Hardened, submit
from tests.hardening.helpers import error_code, wait_for_jobs
from tests.support.corpus import corpus_pdf
from tests.support.pdf_mutations import MUTATIONS

pytestmark = pytest.mark.hardening

# Small real PDFs with text, so each damaged copy takes seconds when it survives.
SOURCES = ("dmca.pdf", "multilang.pdf", "kampo-ja.pdf")
# Seeds that once found a failure, replayed on every run so that `make test` is the same each time
# (a content stream qpdf cannot decode; a `Tr` whose operand is not a number; glyphs of no size; text
# of no language). `make fuzz` explores new seeds: DOCRELAY_FUZZ_SEED=new, or a comma-separated list of
# seeds to replay.
REGRESSION_SEEDS = (853089, 715317, 296355)
# How a damaged file may end besides a result: what it did to the file, in words a user can act on.
CLEAR_CODES = ("pdf_", "language_undetected")
# The budget: mutants per mutation kind (all of them queued at once), and the time they may take.
MUTANTS_PER_KIND = 1
FUZZ_TIMEOUT = 240


def test_damaged_corpus_pdfs_end_with_a_result_or_a_pdf_code(hardened: Hardened, api: httpx.Client) -> None:
    seeds = fuzz_seeds(os.environ.get("DOCRELAY_FUZZ_SEED", ""))
    print(f"fuzz seeds {seeds} (replay with DOCRELAY_FUZZ_SEED={','.join(map(str, seeds))})")
    jobs: dict[str, str] = {}
    for seed in seeds:
        rng = random.Random(seed)
        for kind, mutate in MUTATIONS.items():
            for index in range(MUTANTS_PER_KIND):
                source = rng.choice(SOURCES)
                damaged = mutate(corpus_pdf(source).read_bytes(), rng)
                name = f"{kind}-{index}-{source}"
                answer = submit(api, damaged, name, target_lang="en-XA", engine="pseudo")
                if answer.status_code == 202:
                    jobs[answer.json()["id"]] = f"seed {seed}: {kind} #{index} of {source}"
                else:
                    # Refused at the door (the damage hit the %PDF- header): an error in shape, not a crash.
                    assert answer.status_code < 500 and answer.json()["error"]["code"], answer.text

    ended = wait_for_jobs(api, list(jobs), timeout=FUZZ_TIMEOUT)
    outcomes = {jobs[job_id]: error_code(job) or job["status"] for job_id, job in ended.items()}
    print(outcomes)
    for what, outcome in outcomes.items():
        assert outcome == "succeeded" or outcome.startswith(CLEAR_CODES), what
    assert not hardened.stack.dead_processes()


def fuzz_seeds(asked: str) -> list[int]:
    """The regression seeds by default; "new": one fresh seed; else the seeds listed."""
    if not asked:
        return list(REGRESSION_SEEDS)
    if asked == "new":
        return [time.time_ns() % 1_000_000]
    return [int(seed) for seed in asked.split(",")]
