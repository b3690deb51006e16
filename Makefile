# Two commands: `make site` (or `make serve`) and `make test`. Each sets everything up,
# from the versions locked in constraints.txt (see "Versions" in the README).
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := constraints.txt
LATEST := .venv-latest
VENDORED := plugins/stratdocs/assets/vendor/mermaid.min.js plugins/stratdocs/assets/vendor/cytoscape.min.js
HISTORY := .cache/example-history
HISTORY_FROM := history/story.yaml history/replay_story.py \
	$(shell find strategy readings slos -type f -not -path '*/.*' 2>/dev/null)

.PHONY: site serve test test-latest lock dist bench lint lint-code lint-strategy clean

# The build backend comes from the lock too (--no-build-isolation), so nothing is unpinned.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) pip hatchling editables
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --no-build-isolation -e '.[test,readings]'
	touch $(STAMP)

# mermaid.js and cytoscape.js, from the npm registry (pinned, sha256-checked); served by the site itself.
$(VENDORED): $(STAMP)
	$(BIN)/python -m stratdocs.render.vendor

# The example strategy's git history, which the Alignment Index replays (mkdocs.yml: alignment.history):
# made from the story in history/story.yaml, ending in today's strategy/, readings/ and slos/.
$(HISTORY): $(HISTORY_FROM) | $(STAMP)
	$(BIN)/python history/replay_story.py $@
	touch $@

site: $(STAMP) $(VENDORED) $(HISTORY)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP) $(VENDORED) $(HISTORY)
	$(BIN)/mkdocs serve

test: $(STAMP) $(VENDORED) $(HISTORY) lint-code
	$(BIN)/python -m pytest

# Every test against the newest releases pyproject.toml allows, in a separate environment.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip hatchling editables
	$(LATEST)/bin/python -m pip install --quiet --upgrade --no-build-isolation -e '.[test,readings]'
	$(LATEST)/bin/python -m stratdocs.render.vendor
	$(LATEST)/bin/ruff check plugins tests bench hatch_build.py history
	$(LATEST)/bin/mypy
	$(LATEST)/bin/python -m pytest

# Refresh the lock: the newest allowed releases, written only if every test passes with them.
lock: test-latest
	{ echo "# The versions 'make' installs: written by 'make lock' after 'make test-latest' passed."; \
	  $(LATEST)/bin/python -m pip freeze --all --exclude-editable | LC_ALL=C sort -f -t= -k1,1; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)

# A wheel with mermaid.js, the schemas and the licence inside: installs with no network.
dist: $(STAMP) $(VENDORED)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

# Two different checks: lint-code is the project's own code (ruff, mypy; part of `make test`),
# lint-strategy is the product checking the example strategy. `make lint` runs both.
lint: lint-code lint-strategy

lint-code: $(STAMP)
	$(BIN)/ruff check plugins tests bench hatch_build.py history
	$(BIN)/mypy

lint-strategy: $(STAMP)
	$(BIN)/stratdocs lint strategy

bench: $(STAMP) $(VENDORED)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/map.py

clean:
	rm -rf site dist $(VENV) $(LATEST) .pytest_cache .cache
