# Two commands: `make site` (or `make serve`) and `make test`. Each sets everything up.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MERMAID := plugins/stratdocs/assets/vendor/mermaid.min.js

.PHONY: site serve test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# mermaid.js, from the npm registry (pinned, sha256-checked); served by the site itself.
$(MERMAID): $(STAMP)
	$(BIN)/python -m stratdocs.vendor

site: $(STAMP) $(MERMAID)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP) $(MERMAID)
	$(BIN)/mkdocs serve

test: $(STAMP) $(MERMAID)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/stratdocs lint strategy

bench: $(STAMP) $(MERMAID)
	$(BIN)/python bench/bench.py

clean:
	rm -rf site $(VENV) .pytest_cache
