"""The ogsm kind: rules SD320-SD322, the grid on the page, hostile input."""

import functools

import pytest

from stratdocs.check.ruledocs import rule_doc

import kindtools
from conftest import build_site
from kindtools import assert_inert, codes, doc, front, hostile, page

GOOD, *CONTEXT = rule_doc("SD321").examples("Good")  # CONTEXT: the metrics it names
lint = functools.partial(kindtools.lint, context=CONTEXT)
HEADINGS = ["Health", "Objective", "Goals", "Strategies and measures"]  # the health panel first


def variant(**changes):
    return kindtools.variant(GOOD, **changes)


def test_good_ogsm_is_clean(tmp_path):
    assert lint(tmp_path, {"o.md": GOOD}) == []


@pytest.mark.parametrize("target,flagged", [(70, False), (0, False), (0.8, False), ("70%", False),
                                            (">= 1,400 calls a week", False), ("lots more", True), ("", True)])
def test_goal_target_must_hold_a_number(tmp_path, target, flagged):
    goal = {"goal": "more", "target": target, "date": "2027-01-01"}
    found = codes(lint(tmp_path, {"o.md": variant(goals=[goal])}))
    assert ("SD320" in found) is flagged
    assert ("SD500" in found) is (isinstance(target, str) and not flagged)  # text with a number: write it as one
    assert set(found) <= {"SD320", "SD006", "SD500"}


def test_goal_without_date_or_target(tmp_path):
    findings = lint(tmp_path, {"o.md": variant(goals=[{"goal": "more"}, {"goal": "b", "target": 3}])})
    messages = [f.message for f in findings]
    assert codes(findings) == ["SD320"] * 3
    assert any("goal 1 has no 'target'" in m for m in messages) and any("goal 2 has no 'date'" in m for m in messages)


def test_missing_or_empty_goals_and_strategies(tmp_path):
    assert codes(lint(tmp_path / "a", {"o.md": variant(goals=None, strategies=None)})) == ["SD320", "SD321"]
    assert codes(lint(tmp_path / "b", {"o.md": variant(goals=[], strategies=[])})) == ["SD320", "SD321"]


def test_each_strategy_needs_a_measure(tmp_path):
    strategies = [{"strategy": "a", "measures": [{"measure": "m"}]}, {"strategy": "b", "measures": []},
                  {"strategy": "c"}]
    findings = lint(tmp_path, {"o.md": variant(strategies=strategies)})
    assert codes(findings) == ["SD321", "SD321"]
    assert "strategy 2" in findings[0].message and "strategy 3" in findings[1].message


def test_objective_is_required_by_rule(tmp_path):
    assert codes(lint(tmp_path, {"o.md": variant(objective=None)})) == ["SD322"]


def test_metric_references_are_checked_as_ids(tmp_path):
    findings = lint(tmp_path, {"o.md": variant(goals=[{"goal": "g", "metric": "Not An Id", "target": 1,
                                                       "date": "2027-01-01"}])})
    assert "SD006" in codes(findings)


@pytest.mark.parametrize("field,value", [
    ("goals", "all of them"), ("goals", [1, None, "x"]), ("strategies", {"a": 1}),
    ("strategies", [{"measures": "one"}]), ("objective", ["a"]), ("goals", [{"target": True, "date": 5}]),
    ("strategies", [{"strategy": "s", "serves": "not-a-list", "measures": [None]}]),
])
def test_wrong_types_give_findings_not_crashes(tmp_path, field, value):
    findings = lint(tmp_path, {"o.md": variant(**{field: value})})
    assert findings and "SD000" not in codes(findings)


def test_huge_and_unicode(tmp_path):
    goals = [{"goal": f"ゴール {n} 🎯", "target": n, "date": "2027-01-01"} for n in range(2000)]
    strategies = [{"strategy": f"Stratégie {n}", "measures": [{"measure": "μ"}]} for n in range(2000)]
    assert lint(tmp_path, {"o.md": variant(goals=goals, strategies=strategies)}) == []


def test_ogsm_grid_on_the_page(tmp_path):
    data = front(GOOD)
    data["strategies"].append({"strategy": "Tell claimants where their claim is", "serves": ["fewer-chase-calls"],
                               "measures": [{"measure": "visits", "metric": "status-page-visits", "target": 2},
                                            {"measure": "calls", "metric": "chase-calls-per-claim", "target": 0.8}]})
    data["strategies"].append({"strategy": "No measure yet"})
    result = build_site(tmp_path, {"o.md": doc(data, "# Notes\n")})
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site", "o")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")][:4] == HEADINGS
    assert "claim a carer's support payment online" in soup.select_one(".sd-objective").get_text()
    goal = [td.get_text(strip=True) for td in soup.select(".sd-goals tbody tr")[0].find_all("td")]
    assert goal == ["More claims are completed online", "online-completion-rate", "70%", "2099-09-30"]
    rows = soup.select(".sd-strategies tbody tr")
    assert len(rows) == 4  # 1 + 2 measures + 1 without
    assert rows[1].select_one(".sd-strategy")["rowspan"] == "2"
    assert "fewer-chase-calls" in rows[1].select_one(".sd-serves").get_text()
    assert "No measure" in rows[3].get_text()


def test_hostile_text_renders_inert(tmp_path):
    result = build_site(tmp_path, {"o.md": doc(hostile(front(GOOD)))})
    assert result.returncode == 0, result.stderr
    assert_inert(page(tmp_path / "site", "o"), HEADINGS)
