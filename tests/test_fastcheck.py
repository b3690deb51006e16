"""The fast pre-check may only say 'valid' when jsonschema agrees (fuzzed)."""

import copy
import itertools

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.check.rules import all_rules
from stratdocs.kinds import KINDS
from stratdocs.load.load import load_bytes
from stratdocs.validate.validate import default_schemas

from conftest import REPO

ODD_VALUES = [None, True, 0, -1, 1.5, 10**12, "", " ", "x", "2026-13-45", "2026-02-29", "no", "SD999",
              "<script>", [], [1], ["a", "a"], ["a", 1], {}, {"x-": 1}, {"unknown": 1}]


def sample_documents():
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "strategy").rglob("*.md"))]
    for code in all_rules():
        doc = rule_doc(code)
        texts += [t for t in (doc.example("Bad"), doc.example("Good")) if t] if doc else []
    for text in texts:
        doc = load_bytes(text.encode(), "x.md", "x.md")
        if doc.kind in KINDS:
            yield doc.kind, doc.data


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


def test_fast_path_is_used_and_never_more_lenient():
    schemas = default_schemas()
    fast_hits = checked = 0
    for kind, data in sample_documents():
        validator = schemas.validator(kind)
        for candidate in [data, *mutations(data)]:
            checked += 1
            if schemas.certainly_valid(kind, candidate):
                fast_hits += 1
                errors = list(validator.iter_errors(candidate))
                assert not errors, f"fast path passed an invalid {kind}: {errors[0].message}"
    assert checked > 1000 and fast_hits > 100


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_schema_compiles_to_the_fast_path(kind):
    schemas = default_schemas()
    schemas.certainly_valid(kind, {})
    assert schemas._fast[kind] is not None, f"{kind} schema uses a keyword the fast path does not know"
