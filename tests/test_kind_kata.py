"""The kata kind: rules SD300-SD302, rendering, hostile input."""

import functools

import pytest

from stratdocs.check.ruledocs import rule_doc

import kindtools
from conftest import build_site
from kindtools import assert_inert, codes, doc, front, hostile, page, with_context

GOOD, *CONTEXT = rule_doc("SD301").examples("Good")  # CONTEXT: the metric it names
lint = functools.partial(kindtools.lint, context=CONTEXT)
HEADINGS = ["Health", "Challenge", "Current condition", "Target condition", "Obstacles", "Experiments",
            "Coaching questions"]  # the health panel first


def variant(**changes):
    return kindtools.variant(GOOD, **changes)


def test_good_kata_is_clean(tmp_path):
    assert lint(tmp_path, {"k.md": GOOD}) == []


def test_missing_target_condition_is_one_finding(tmp_path):
    findings = lint(tmp_path, {"k.md": variant(target_condition=None)})
    assert codes(findings) == ["SD300"] and "target condition" in findings[0].message


def test_target_condition_needs_metric_value_and_date(tmp_path):
    findings = lint(tmp_path, {"k.md": variant(target_condition={"summary": "better"})})
    assert codes(findings) == ["SD300"] * 3
    assert {m.split(":")[0] for m in (f.message for f in findings)} == {
        "target condition has no 'metric'", "target condition has no 'value'",
        "target condition has no 'date' (YYYY-MM-DD)"}


def test_a_unit_is_enough_without_a_metric_id(tmp_path):
    data = front(GOOD)
    del data["target_condition"]["metric"]
    assert lint(tmp_path / "a", {"k.md": doc(data)}) == []
    del data["target_condition"]["unit"]
    assert codes(lint(tmp_path / "b", {"k.md": doc(data)})) == ["SD300"]


def test_zero_is_a_value(tmp_path):
    data = front(GOOD)
    data["target_condition"]["value"] = 0
    assert lint(tmp_path, {"k.md": doc(data)}) == []


def test_planned_experiment_without_expectation_is_sd301_only(tmp_path):
    findings = lint(tmp_path, {"k.md": variant(experiments=[{"step": "try it"}])})
    assert codes(findings) == ["SD301"]


def test_result_without_expectation_is_sd302_only(tmp_path):
    text = variant(experiments=[{"step": "a", "expected": "x"}, {"step": "b", "actual": "it worked"}])
    findings = lint(tmp_path, {"k.md": text})
    assert codes(findings) == ["SD302"] and "experiment 2" in findings[0].message
    assert findings[0].line == text.splitlines().index("  actual: it worked") + 1


def test_blank_expectation_counts_as_missing(tmp_path):
    findings = lint(tmp_path, {"k.md": variant(experiments=[{"step": "a", "expected": "   ", "actual": "ok"}])})
    assert codes(findings) == ["SD302"]


@pytest.mark.parametrize("field,value", [
    ("target_condition", "soon"), ("target_condition", []), ("experiments", "none"), ("experiments", [1, "x", None]),
    ("obstacles", {"a": 1}), ("coaching", ["q"]), ("challenge", 42), ("learner", ["a", "b"]),
    ("current_condition", {"value": {"nested": True}}), ("experiments", [{"step": ["x"], "expected": {"y": 1}}]),
])
def test_wrong_types_give_schema_findings_not_crashes(tmp_path, field, value):
    findings = lint(tmp_path, {"k.md": variant(**{field: value})})
    assert findings and "SD006" in codes(findings) and "SD000" not in codes(findings)


def test_empty_and_huge_lists(tmp_path):
    assert codes(lint(tmp_path / "a", {"k.md": variant(experiments=[], obstacles=[])})) == []
    many = [{"step": f"step {n}", "expected": f"{n}%"} for n in range(3000)]
    assert lint(tmp_path / "b", {"k.md": variant(experiments=many)}) == []
    many[2999] = {"step": "last", "actual": "done"}
    assert codes(lint(tmp_path / "c", {"k.md": variant(experiments=many)})) == ["SD302"]


def test_unicode_is_fine(tmp_path):
    text = variant(title="Kata 🚀 ذهب naïve 漢字", challenge="Ça marche — 100 %\u200b\u202e",
                   learner="Zoë Ødegård")
    assert lint(tmp_path, {"k.md": text}) == []


def test_kata_page_structure(tmp_path):
    result = build_site(tmp_path, with_context({"k.md": GOOD}, CONTEXT), strict=True)
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site", "k")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")][:7] == HEADINGS
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup.select(".sd-experiments tbody tr")]
    assert len(rows) == 2 and rows[0][1].startswith("Email a resume link") and rows[1][4] == "—"
    assert "20%" in soup.select_one(".sd-condition--target .sd-condition-value").get_text()
    assert "days left" in soup.select_one(".sd-condition--target .sd-condition-date").get_text()
    assert "Sam Reid" in soup.select_one(".sd-header").get_text()
    questions = [dt.get_text() for dt in soup.select(".sd-coaching dt")]
    assert questions[0] == "What is the target condition?" and len(questions) == 6


def test_hostile_text_renders_inert(tmp_path):
    data = hostile(front(GOOD))
    data["obstacles"].append({"obstacle": "<script>z</script>", "working_on": True})
    result = build_site(tmp_path, {"k.md": doc(data)})
    assert result.returncode == 0, result.stderr
    assert_inert(page(tmp_path / "site", "k"), HEADINGS)
