"""Schemas are the contract: valid draft 2020-12, located errors."""

import json

import pytest
from jsonschema import Draft202012Validator

from stratdocs.kinds import KINDS
from stratdocs.load.load import load_bytes
from stratdocs.resources import schemas_dir
from stratdocs.validate.validate import default_schemas, validate

from samples import line_of, sheet

SCHEMA_FILES = sorted(schemas_dir().glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_kind_has_a_schema():
    names = {p.name for p in SCHEMA_FILES}
    assert {kind.schema_file for kind in KINDS.values()} <= names


def findings(text):
    doc = load_bytes(text.encode(), "a.md", "a.md")
    return validate(doc, default_schemas())


def test_wrong_type_is_located_at_the_value():
    text = sheet(**{"  minutes: 15": "  minutes: fifteen"})
    [f] = findings(text)
    assert (f.code, f.line, f.column) == ("SD006", line_of(text, "  minutes:"), 12)
    assert "cadence.minutes must be integer" in f.message


def test_unknown_key_is_located_at_the_key_with_a_suggestion():
    text = sheet(**{"guardrail:": "guardrails:"})
    [f] = findings(text)
    assert f.line == line_of(text, "guardrails:") and f.column == 1
    assert "unknown key 'guardrails'" in f.message and "did you mean 'guardrail'" in f.message


def test_bad_date_and_bad_enum():
    text = sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-13-45", "type: proxy": "type: vibe"})
    found = {f.line: f.message for f in findings(text)}
    assert "not a real date (there is no month 13)" in found[line_of(text, "decision_date")]
    assert "expected one of: proxy, leading, outcome" in found[line_of(text, "type: vibe")]


def test_missing_required_key_at_the_mapping():
    text = sheet(**{"id: online-claim-completion\n": ""})
    [f] = findings(text)
    assert "missing required key 'id'" in f.message and f.line == 2


def test_unknown_kind_suggests():
    [f] = findings("---\nkind: alignment-shet\nid: a\n---\n")
    assert f.code == "SD005" and "did you mean 'alignment-sheet'" in f.message and f.line == 2


def test_non_text_kind():
    [f] = findings("---\nkind: [a]\n---\n")
    assert f.code == "SD005"


def test_yes_in_text_field_is_text():
    assert findings(sheet(**{"owner: Priya Shah": "owner: yes"})) == []


@pytest.mark.parametrize("field, value", [
    ("id: online-claim-completion", 'id: "online-claim-completion\\n"'),
    ("metric: resume-link-usage", 'metric: "resume-link-usage\\n"'),
    ("decision_date: 2026-12-07", 'decision_date: "2026-12-07\\n"'),
    ("status: active", 'status: active\nignore: ["SD108\\n"]'),
])
def test_a_final_newline_does_not_satisfy_a_pattern(field, value):
    """JSON Schema patterns are ECMA-262: `$` is the end of the text, not 'before a final newline' as in Python."""
    from stratdocs.validate.schema_regex import matches

    found = findings(sheet(**{field: value}))
    assert "SD006" in [f.code for f in found], found
    assert not default_schemas().certainly_valid("alignment-sheet", load_bytes(
        sheet(**{field: value}).encode(), "a.md", "a.md").data)
    assert matches("^a$", "a") and not matches("^a$", "a\n") and matches("^[$]$", "$") and matches(r"^\$$", "$")


@pytest.mark.parametrize("old, new", [
    ("decision_date: 2026-12-07", f"decision_date: '{bad}'") for bad in
    ["15/12/2026", "Nov 10, 2026", "2026-11-3", "2026-11-31", "20261207", "2026-W49-1", "", "2026-12-07\n"]] + [
    ("id: online-claim-completion", f"id: '{'Bad_Id!' * 30}'"),
    ("id: online-claim-completion", "id: ''"),
    ("metric: resume-link-usage", f"metric: '{'x y' * 100}'"),
    ("type: proxy", "type: ''"),
    ("owner: Priya Shah", f"owner: '{'x' * 500}'"),
    ("owner: Priya Shah", "owner: ''"),
])
def test_one_problem_is_one_finding(old, new):
    """Several schema keywords can fail for one value (pattern and format, pattern and maxLength...)."""
    text = sheet(**{old: new})
    found = [f for f in findings(text) if f.code == "SD006"]
    assert len(found) == 1, [f.message for f in found]
