"""Findings name their fix: take away any key of a clean document of any kind, and every finding
that appears in it names that key, quoted, so the author knows what to add.

Graph findings (SD4xx) are about other documents and say which; they are not counted here.
"""

import re

import pytest
import yaml
from test_rules import lint_in_example_strategy

from stratdocs.check.ruledocs import rule_doc
from stratdocs.check.rules import all_rules
from stratdocs.load.load import load_bytes


def clean_examples() -> dict[str, str]:
    """A clean document of each kind: the first Good example of that kind in the rule pages."""
    found: dict[str, str] = {}
    for code in sorted(all_rules()):
        doc = rule_doc(code)
        for text in doc.examples("Good") if doc else []:
            kind = load_bytes(text.encode(), "x.md", "x.md").kind
            if kind and kind not in found:
                found[kind] = text
    return found


def key_paths(value, path=()):
    """Every mapping key's path, at any depth (list items are kept: only keys are taken away)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield path + (key,)
            yield from key_paths(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from key_paths(child, path + (i,))


def without(data, path):
    if len(path) == 1:
        return {k: v for k, v in data.items() if k != path[0]} if isinstance(data, dict) else data
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = without(copy[path[0]], path[1:])
    return copy


EXAMPLES = clean_examples()
CASES = [(kind, path) for kind, text in sorted(EXAMPLES.items())
         for path in key_paths(yaml.safe_load(text.split("---\n")[1]))
         if path not in (("kind",), ("id",))]


@pytest.mark.parametrize("kind, path", CASES, ids=[f"{k}:{'.'.join(map(str, p))}" for k, p in CASES])
def test_a_missing_key_is_named_by_every_finding_it_causes(tmp_path, kind, path):
    text = EXAMPLES[kind]
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    data = without(yaml.safe_load(front), path)
    changed = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body
    before = {(f.code, f.message) for f in lint_in_example_strategy(tmp_path / "before", [text])}
    findings = [f for f in lint_in_example_strategy(tmp_path / "after", [changed])
                if (f.code, f.message) not in before and not f.code.startswith("SD4")]
    key = path[-1]
    for finding in findings:
        quoted = re.findall(r"'([^']*)'", finding.message)
        assert any(key == q or q.startswith(f"{key}:") for q in quoted), \
            f"{finding.code} {finding.message!r} does not name '{key}'"
