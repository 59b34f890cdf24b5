# The commands README.md shows. Every target installs what it needs first, so each works on a fresh machine.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PYTEST_ARGS ?=

.PHONY: install run up test lint fuzz bench bench-large bench-load bench-ocr fidelity quality

install:
	@scripts/install-system-deps.sh
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q uv
	@$(UV) sync --all-packages --frozen -q
	@$(MAKE) -s .venv/.bytecode
	@$(UV) run python -m compileall -q -j0 libs services tests bench >/dev/null

# Every process would compile each module it imports from source when no bytecode is cached: a fresh
# checkout has none, and where PYTHONDONTWRITEBYTECODE is set (CI) Python never writes any. Compiled here
# once per lock file, a stack of services starts in a third of the CPU time.
.venv/.bytecode: uv.lock
	@$(UV) sync --all-packages --frozen -q --compile-bytecode
	@touch $@

run: install  ## translate the bundled sample PDF end to end on the embedded defaults
	$(UV) run docrelay demo

up: install  ## start the whole stack until Ctrl-C
	$(UV) run docrelay up

# Two test processes (pytest-xdist), each file in one of them, and the files that share a session stack
# (tests/e2e, tests/hardening) in one process per directory (tests/support/scheduling.py), started first:
# much of the suite waits on stacks of real processes, so two streams share the 2 cores. Then the tests
# marked serial, alone: only the files that mark some, so the second run does not collect the whole suite
# again. Both parts always run; make test fails if either does. TEST_PROCESSES=0 runs the first part in
# one process.
TEST_PROCESSES ?= 2
SERIAL_FILES = $(shell grep -rl --include='test_*.py' 'mark.serial' tests)
test: install
	@$(UV) run pytest -n $(TEST_PROCESSES) --dist loadscope --no-loadscope-reorder --durations=25 -m "not serial" $(PYTEST_ARGS); \
	parallel=$$?; \
	$(UV) run pytest --durations=10 -m serial $(PYTEST_ARGS) $(SERIAL_FILES); \
	serial=$$?; \
	test $$parallel -eq 0 -a $$serial -eq 0

FUZZ_ROUNDS ?= 5
fuzz: install  ## damaged corpus PDFs through the running stack, a fresh seed each round (printed to replay)
	@for round in $$(seq $(FUZZ_ROUNDS)); do \
		DOCRELAY_FUZZ_SEED=new $(UV) run pytest -q -s tests/hardening/test_file_fuzz.py || exit 1; \
	done

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy libs services tests bench

bench: install
	$(UV) run python -m bench.stages

bench-large: install  ## a 300-page job with 1 and 2 workers per stage: wall time ratio and peak worker memory
	$(UV) run python -m bench.large

bench-load: install  ## the stack under load against the floor of the same work in one process pool (~10 min; BENCH_ARGS=--quick)
	$(UV) run python -m bench.load $(BENCH_ARGS)

bench-ocr: install  ## scanned pages: seconds per OCR page, pages/s with 1 and 2 extract replicas
	$(UV) run python -m bench.ocr

fidelity: install  ## pseudo-localize the whole corpus (layout, glyphs, images), then tables and forms with Apertium (tokens in place)
	$(UV) run python -m bench.fidelity

quality: install  ## chrF and BLEU of apertium en->es against the UN's own Spanish text
	$(UV) run python -m bench.quality
