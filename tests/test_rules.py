"""Every rule: a docs page whose bad example fails and whose good example passes."""

import datetime as dt
from pathlib import Path

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.check.rules import all_rules
from stratdocs.config import Config
from stratdocs.load.load import load_bytes
from stratdocs.pipeline import discover, run

from conftest import REPO
from samples import SHEET, line_of, sheet, with_metrics

TODAY = dt.date(2026, 11, 23)
# Not expressible as a text example; each has its own test (test_load, test_index, test_files_policy).
NON_TEXT_EXAMPLES = {"SD000", "SD003", "SD007", "SD010", "SD011", "SD013", "SD014", "SD015",
                     "SD020", "SD021", "SD022", "SD023", "SD024", "SD342",  # files, readings (tests/test_readings.py)
                     "SD030", "SD031"}  # OpenSLO files (tests/test_openslo.py)


def lint(tmp_path: Path, files: dict[str, str], config: Config | None = None):
    """Lint files beside the metric docs the sample sheet refers to; only their findings count."""
    everything = with_metrics(files, "zz-metrics/")
    for name, text in everything.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    findings = run(discover(tmp_path), config or Config(today=TODAY)).findings
    return [f for f in findings if "zz-metrics/" not in f.path]


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_rule_has_a_docs_page(code):
    doc = rule_doc(code)
    assert doc is not None, f"no docs page for {code}"
    rule = all_rules()[code]
    assert doc.text.startswith(f"# {code} {rule.name}\n")
    assert "## Bad" in doc.text and "## Good" in doc.text


def lint_in_example_strategy(root: Path, examples: list[str], readings: dict[str, str] | None = None) -> list:
    """Lint examples beside the repository's example strategy and its readings, so their references resolve.

    Strategy docs whose id an example reuses are left out, and readings files the page shows replace the
    example's; only the examples' findings count.
    """
    example_ids = {load_bytes(text.encode(), "x.md", "x.md").id for text in examples}
    for source in discover(REPO / "strategy"):
        text = source.path.read_text(encoding="utf-8")
        if load_bytes(text.encode(), "x.md", "x.md").id not in example_ids:
            (root / source.src_uri).parent.mkdir(parents=True, exist_ok=True)
            (root / source.src_uri).write_text(text, encoding="utf-8")
    names = [f"zz-examples/example-{i}.md" for i in range(len(examples))]
    for name, text in zip(names, examples, strict=True):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    readings_dir = root.with_name(f"{root.name}-readings")
    readings_dir.mkdir(parents=True)
    for path in (REPO / "readings").glob("*.csv"):
        (readings_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for metric_id, text in (readings or {}).items():
        (readings_dir / f"{metric_id}.csv").write_text(text, encoding="utf-8")
    findings = run(discover(root), Config(today=TODAY, readings_dir=readings_dir)).findings
    return [f for f in findings if "zz-examples/" in f.path]


@pytest.mark.parametrize("code", sorted(set(all_rules()) - NON_TEXT_EXAMPLES))
def test_bad_example_fails_and_good_example_passes(code, tmp_path):
    doc = rule_doc(code)
    bad, good = doc.examples("Bad"), doc.examples("Good")
    assert bad and good, f"{code} docs need a ```markdown bad and good example"
    bad_findings = lint_in_example_strategy(tmp_path / "bad", bad, doc.readings("Bad"))
    assert code in [f.code for f in bad_findings], f"{code} bad example does not trigger it"
    good_findings = lint_in_example_strategy(tmp_path / "good", good, doc.readings("Good"))
    assert good_findings == [], f"{code} good example is not clean: {good_findings}"


def test_duplicate_id_is_reported_at_both_files(tmp_path):
    findings = lint(tmp_path, {"a.md": SHEET, "sub/b.md": SHEET})
    dup = [f for f in findings if f.code == "SD007"]
    assert sorted(f.path.rsplit("/", 2)[-1] for f in dup) == ["a.md", "b.md"]
    assert all(f.line == line_of(SHEET, "id:") for f in dup)


def test_missing_guardrail_is_reported_at_the_top_mapping(tmp_path):
    text = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""})
    [finding] = lint(tmp_path, {"a.md": text})
    assert (finding.code, finding.severity.value, finding.line) == ("SD106", "error", 2)
    assert "guardrail" in finding.message


def test_signal_count_four_signals(tmp_path):
    extra = ("  - type: leading\n    metric: resume-link-usage\n"
             "  - type: leading\n    metric: online-completion-rate\nstage_gate:")
    findings = lint(tmp_path, {"a.md": sheet(**{"stage_gate:": extra})})
    assert [f.code for f in findings] == ["SD101"]
    assert "4 feedback" in findings[0].message


def test_gate_overdue_only_while_active(tmp_path):
    past = sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-11-01"})
    [finding] = lint(tmp_path / "a", {"a.md": past})
    assert finding.code == "SD105" and "22 day(s) ago" in finding.message
    assert lint(tmp_path / "b", {"a.md": past.replace("status: active", "status: done")}) == []


@pytest.mark.parametrize("statement,flagged", [
    ("Ship a save-and-resume claim form", True),
    ("We will launch the new portal", True),
    ("To deliver the redesigned form by March", True),
    ("Shipping the app to all claimants", True),
    ("Built a new API", True),
    ("More claimants finish their claim online", False),
    ("Claimants build confidence filling in the form", False),
    ("Shipmates use the service", False),
])
def test_aim_output_words(tmp_path, statement, flagged):
    text = sheet(**{"statement: More first-time claimants complete their claim online without calling the helpline":
                    f"statement: {statement}"})
    codes = [f.code for f in lint(tmp_path, {"a.md": text})]
    assert ("SD108" in codes) is flagged


def test_output_word_list_is_configurable(tmp_path):
    text = sheet(**{"statement: More first-time": "statement: Digitise first-time"})
    assert lint(tmp_path / "a", {"a.md": text}) == []
    config = Config(today=TODAY, output_words=("digitise",))
    assert [f.code for f in lint(tmp_path / "b", {"a.md": text}, config)] == ["SD108"]


def test_rule_survives_wrong_types(tmp_path):
    text = sheet(**{"stage_gate:\n": "stage_gate: soon\nx-old:\n"})
    findings = lint(tmp_path, {"a.md": text})
    assert {f.code for f in findings} <= {"SD006"} and findings
