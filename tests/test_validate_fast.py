"""The fast path (jsonschema-rs) gives jsonschema's verdict on every document, and lint says the same without it."""

import copy
import itertools
import math
import sys

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.check.rules import all_rules
from stratdocs.kinds import KINDS
from stratdocs.load.load import load_bytes
from stratdocs.validate import validate as validate_module
from stratdocs.validate.validate import SchemaSet, default_schemas, is_date, validate

from conftest import REPO
from hostile import hostile_docs

DATES = ["2026-02-28", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00",
         "0000-01-01", "0001-01-01", "9999-12-31", "2026-1-01", "20260101", "2026-W49-1", "2026-12-07\n",
         "2026-12-07T10:00", "２０２６-01-01", "2026-01-01 ", "+2026-01-01", "", "x"]
ODD_VALUES = [None, True, 0, 1.0, 1.5, 10**30, float("inf"), float("nan"), "", "x", "no", "SD108\n", "é",
              "\ud800", [], ["a", "a"], ["a", 1], {}, {"x-a": 1}, {"unknown": 1},
              "2024-02-29", "2026-02-29", "2026-04-31", "0000-01-01", "2026-12-07\n"]


def sample_documents():
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "strategy").rglob("*.md"))]
    for code in all_rules():
        doc = rule_doc(code)
        texts += [t for t in (doc.example("Bad"), doc.example("Good")) if t] if doc else []
    for text in texts:
        doc = load_bytes(text.encode(), "x.md", "x.md")
        if doc.kind in KINDS:
            yield doc.kind, doc.data, True
    for text in hostile_docs().values():  # as they are: their mutations would add minutes and little else
        doc = load_bytes(text.encode(), "x.md", "x.md")
        yield doc.kind, doc.data, False


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from paths(child, prefix + (i,))


def mutations(data):
    for path in itertools.islice(paths(data), 1, None):
        for odd in ODD_VALUES:
            mutated = copy.deepcopy(data)
            parent = mutated
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = copy.deepcopy(odd)
            yield mutated
        mutated = copy.deepcopy(data)
        parent = mutated
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            del parent[path[-1]]
            yield mutated


def test_the_fast_path_gives_jsonschemas_verdict():
    """Valid and broken documents alike: every sample, rule example, hostile document and mutation of them."""
    pytest.importorskip("jsonschema_rs")
    schemas = default_schemas()
    checked = valid = refused = 0
    for kind, data, mutate in sample_documents():
        validator = schemas.validator(kind)
        for candidate in [data, *mutations(data)] if mutate else [data]:
            fast = schemas.certainly_valid(kind, candidate)
            exact = validator.is_valid(candidate)
            if fast != exact and not fast and _not_json(schemas, kind, candidate):
                refused += 1  # 'ask jsonschema', on purpose: a value JSON cannot hold
                continue
            assert fast == exact, f"{kind}: jsonschema-rs says {fast}, jsonschema {exact}: {candidate!r:.300}"
            checked += 1
            valid += exact
    assert checked > 10_000 and valid > 300 and checked - valid > 5_000, (checked, valid)
    assert refused < checked / 10


def _not_json(schemas, kind, value) -> bool:
    """A value jsonschema-rs refuses to take (a lone surrogate) or reads as null (infinity, NaN), as JSON has none."""
    try:
        schemas.fast_validator(kind).is_valid(value)
    except (ValueError, UnicodeError):
        return True
    return any(isinstance(v, float) and not math.isfinite(v) for v in _values(value))


def _values(value):
    yield value
    for child in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        yield from _values(child)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_fast_validator(kind):
    pytest.importorskip("jsonschema_rs")
    assert default_schemas().fast_validator(kind) is not None


def test_both_validators_check_a_date_as_jsonschema_does():
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=["date"])
    for value in [*DATES, 20260101, None]:
        assert is_date(value) == checker.conforms(value, "date"), repr(value)


def test_without_jsonschema_rs_lint_finds_the_same(monkeypatch):
    """Where jsonschema-rs has no wheel, jsonschema alone decides: the same findings, in the same order."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "strategy").rglob("*.md"))]
    texts += [text for name, text in hostile_docs().items() if "/p0/" in name or "/p5/" in name]
    docs = [load_bytes(text.encode(), f"d{n}.md", f"d{n}.md") for n, text in enumerate(texts)]

    def findings(schemas):
        return [[(f.code, f.message, f.line, f.column) for f in validate(doc, schemas)] for doc in docs]

    with_rs = findings(SchemaSet(default_schemas().directory))
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # `import jsonschema_rs` raises ImportError
    assert validate_module._jsonschema_rs() is None
    without = SchemaSet(default_schemas().directory)
    assert findings(without) == with_rs
    assert without.fast_validator("alignment-sheet") is None
    assert any(with_rs) and not all(with_rs)
