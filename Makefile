# Two commands set everything up on a fresh machine:
#   make demo   builds a virtual environment and runs vlr on the shipped example (indicators/):
#               validates it, writes build/coverage.xlsx and the draft build/helsinki-vlr-2026-draft.docx
#   make test   the same environment, the system packages the tests need, the linter, then the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test system-deps bench fuzz fuzz-surfaces examples docs catalogues clean

$(VENV)/.installed: pyproject.toml
	mkdir -p build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# vlr's own modules compiled as a regular (not editable) install has them: where
# PYTHONDONTWRITEBYTECODE is set, Python otherwise compiles every module vlr loads on every
# run (0.2-0.3 s of a `vlr build`). A module edited since is compiled again when imported,
# until the next make.
$(VENV)/.compiled: $(VENV)/.installed $(shell find src -name '*.py')
	$(BIN)/python -m compileall -q src
	touch $@

demo: $(VENV)/.compiled
	$(BIN)/vlr validate indicators/
	$(BIN)/vlr coverage indicators/ --xlsx build/coverage.xlsx > build/coverage.txt
	$(BIN)/vlr build indicators/
	@echo "vlr is installed in $(VENV): run $(BIN)/vlr --help, or activate it first with: . $(BIN)/activate"

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
# ruff (configured in pyproject.toml) lints and checks the formatting first.
test: $(VENV)/.compiled system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest ran no tests" >&2; exit 1; fi; exit $$rc

system-deps:
	@sh .ci/system-deps

bench: $(VENV)/.compiled
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/open_sdg.py
	$(BIN)/python benchmarks/suggest.py

# A long fuzz campaign: N mutated copies of the example through validate, build and
# check-docx; a reproducer folder per distinct failure in build/fuzz/. Then N cases of the
# newer surfaces (hostile drafts, repositories, pictures, templates, output paths), their
# reproducers in build/fuzz-surfaces/ (index.json lists them): both run, either failing fails.
N ?= 200
SEED ?= 1
JOBS ?= 3
fuzz: $(VENV)/.installed
	$(BIN)/python tests/fuzzing.py --count $(N) --seed $(SEED) --out build/fuzz; a=$$?; \
	$(BIN)/python tests/fuzz_surfaces.py --count $(N) --seed $(SEED) --out build/fuzz-surfaces --jobs $(JOBS); b=$$?; \
	exit $$((a || b))

fuzz-surfaces: $(VENV)/.installed
	$(BIN)/python tests/fuzz_surfaces.py --count $(N) --seed $(SEED) --out build/fuzz-surfaces --jobs $(JOBS)

examples: $(VENV)/.installed
	$(BIN)/python examples/make_examples.py

# The message catalogues: the messages marked in the code extracted (vlr.pot), each
# language's catalogue updated with them (a translator fills its new msgstr), and compiled.
LOCALE := src/vlr/data/locale
catalogues: $(VENV)/.installed
	$(BIN)/pybabel extract -k _ -k N_ -k n_:1,2 -k p_:1c,2 -k NP_:1c,2 --no-location --sort-output --project vlr \
		--copyright-holder "vlr contributors" -o $(LOCALE)/vlr.pot src/vlr
	$(BIN)/pybabel update -D vlr -i $(LOCALE)/vlr.pot -d $(LOCALE) --no-fuzzy-matching --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel compile -D vlr -d $(LOCALE) --statistics

# The guide's column and rule tables and the README's check-docx table, from the code.
docs: $(VENV)/.installed
	$(BIN)/python docs/make_tables.py

clean:
	rm -rf $(VENV) build .pytest_cache
