"""The assumption kind: rules SD380-SD381, the page, hostile input."""

import functools

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.findings import Severity

import kindtools
from conftest import build_site, run_cli, write
from kindtools import assert_inert, codes, doc, front, hostile, page

GOOD = rule_doc("SD381").example("Good")
DECISION = rule_doc("SD380").examples("Good")[1]  # id resume-link-by-sms
lint = functools.partial(kindtools.lint, context=[DECISION])
HEADINGS = ["Assumption", "Test", "Result"]


def variant(**changes):
    return kindtools.variant(GOOD, **changes)


def test_good_assumption_is_clean(tmp_path):
    assert lint(tmp_path, {"a.md": GOOD}) == []


def test_untested_needs_nothing_more(tmp_path):
    assert lint(tmp_path, {"a.md": variant(result="untested", evidence=None)}) == []
    assert lint(tmp_path / "b", {"a.md": variant(result=None, evidence=None)}) == []


def test_invalidated_without_decision_is_a_warning(tmp_path):
    [finding] = lint(tmp_path, {"a.md": variant(result="invalidated")})
    assert finding.code == "SD380" and finding.severity is Severity.WARNING
    assert lint(tmp_path / "b", {"a.md": variant(result="invalidated", decided_by="resume-link-by-sms")}) == []


def test_decision_reference_may_name_a_node(tmp_path):
    found = codes(lint(tmp_path, {"a.md": variant(result="invalidated", decided_by="decision-log#entry-3")}))
    assert "SD006" not in found and "SD380" not in found
    assert "SD006" in codes(lint(tmp_path / "b", {"a.md": variant(decided_by="Not a ref")}))


@pytest.mark.parametrize("result", ["validated", "invalidated"])
def test_tested_result_needs_evidence(tmp_path, result):
    found = codes(lint(tmp_path, {"a.md": variant(result=result, evidence=None, decided_by="resume-link-by-sms")}))
    assert found == ["SD381"]


def test_warnings_fail_only_a_strict_lint(tmp_path):
    write(tmp_path / "strategy", {"a.md": variant(result="invalidated")})
    assert run_cli("lint", "strategy", cwd=tmp_path).returncode == 0
    assert run_cli("lint", "--strict", "strategy", cwd=tmp_path).returncode != 0


@pytest.mark.parametrize("field,value", [("result", "maybe"), ("result", ["invalidated"]), ("underpins", "x"),
                                         ("underpins", [1, 2]), ("decided_by", ["d"]), ("evidence", {"n": 3}),
                                         ("date", "next week"), ("assumption", None)])
def test_wrong_types_give_findings_not_crashes(tmp_path, field, value):
    data = front(GOOD)
    data[field] = value
    findings = lint(tmp_path, {"a.md": doc(data)})
    assert findings and "SD006" in codes(findings) and "SD000" not in codes(findings)


def test_huge_lists_and_unicode(tmp_path):
    many = [f"sheet-{n}" for n in range(5000)]
    text = variant(underpins=many, assumption="Les demandeurs lisent l’e-mail 📧 — نعم", owner="Zoë")
    assert set(codes(lint(tmp_path, {"a.md": text}))) <= {"SD401"}  # none of the 5000 sheets exists here


def test_assumption_page(tmp_path):
    text = variant(result="invalidated", decided_by="resume-link-by-sms", underpins=["online-claim-completion"])
    result = build_site(tmp_path, {"a.md": text, "d.md": DECISION})
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site", "a")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")][:3] == HEADINGS
    assert soup.select_one(".sd-header .sd-result").get_text() == "invalidated"
    assert "sd-result--invalidated" in soup.select_one(".sd-header .sd-result")["class"]
    assert soup.select_one(".sd-underpins code").get_text() == "online-claim-completion"
    assert "64% of emails" in soup.select_one(".sd-evidence").get_text()
    decided_by = soup.select_one(".sd-decided-by a.sd-ref")  # the decision's title, its id on hover
    assert decided_by["title"] == "resume-link-by-sms" and decided_by.get_text() != "resume-link-by-sms"
    assert "prototype" not in soup.select_one(".sd-test").get_text()
    assert "Validate the solution approach" in soup.select_one(".sd-test").get_text()


def test_hostile_text_renders_inert(tmp_path):
    data = hostile(front(GOOD))
    data["decided_by"] = '"><script>alert(1)</script>'
    result = build_site(tmp_path, {"a.md": doc(data)})
    assert result.returncode == 0, result.stderr
    assert_inert(page(tmp_path / "site", "a"), HEADINGS)
