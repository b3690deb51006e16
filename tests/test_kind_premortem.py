"""The premortem kind: rules SD260-SD262, the 3x3 matrix page, hostile input."""

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from kindtools import (
    HOSTILE,
    WRONG_VALUES,
    assert_inert_html,
    assert_no_crash_and_findings,
    codes,
    doc_text,
    front,
    good,
    lint_beside_examples,
    render,
)

GOOD = good("SD260")
DATA = front(GOOD)


def item(likelihood="low", impact="low", **extra):
    base = {"risk": "r", "likelihood": likelihood, "impact": impact, "early_warning_sign": "w"}
    base.update(extra)
    return base


def test_good_doc_is_clean(tmp_path):
    assert lint_beside_examples(tmp_path, GOOD) == []


def test_every_item_without_a_sign_is_reported_at_its_item(tmp_path):
    text = doc_text(dict(DATA, items=[item(), {k: v for k, v in item().items() if k != "early_warning_sign"},
                                      item(early_warning_sign="  ")]))
    found = lint_beside_examples(tmp_path, text)
    assert codes(found) == ["SD260", "SD260"]
    assert "risk 2" in found[0].message and "risk 3" in found[1].message
    assert found[0].line < found[1].line


@pytest.mark.parametrize("likelihood,impact,mitigation,flagged", [
    ("high", "high", None, True), ("high", "high", "m", False), ("high", "medium", None, False),
    ("medium", "high", None, False), ("low", "low", None, False)])
def test_high_high_needs_mitigation(tmp_path, likelihood, impact, mitigation, flagged):
    extra = {"mitigation": mitigation} if mitigation else {}
    found = codes(lint_beside_examples(tmp_path, doc_text(dict(DATA, items=[item(likelihood, impact, **extra)]))))
    assert found == (["SD261"] if flagged else [])


@pytest.mark.parametrize("items", [None, []])
def test_no_risks(tmp_path, items):
    data = {k: v for k, v in DATA.items() if k != "items"}
    if items is not None:
        data["items"] = items
    assert codes(lint_beside_examples(tmp_path, doc_text(data))) == ["SD262"]


@pytest.mark.parametrize("value", ["HIGH", "severe", 3, None])
def test_levels_outside_the_scale_are_schema_errors(tmp_path, value):
    found = codes(lint_beside_examples(tmp_path, doc_text(dict(DATA, items=[item(likelihood=value)]))))
    assert found == ["SD006"]


def test_many_risks(tmp_path):
    text = doc_text(dict(DATA, items=[item("high", "high", mitigation="m") for _ in range(2000)]))
    assert lint_beside_examples(tmp_path, text) == []
    assert '<a href="#risk-2000">2000</a>' in render(text)


@pytest.mark.parametrize("path", [("items",), ("items", 0), ("items", 0, "risk"), ("items", 0, "likelihood"),
                                  ("items", 1, "mitigation"), ("items", 0, "early_warning_sign"), ("threatens",),
                                  ("date",)])
@pytest.mark.parametrize("value", WRONG_VALUES, ids=range(len(WRONG_VALUES)))
def test_wrong_types_give_findings_not_crashes(tmp_path, path, value):
    found = assert_no_crash_and_findings(tmp_path, DATA, path, value)
    valid = (isinstance(value, str) and value and len(value) <= 20000 and path[-1] in ("risk", "early_warning_sign"))
    if path[-1] == "mitigation" and isinstance(value, str) and value.strip() and len(value) <= 20000:
        valid = True
    if not valid:
        assert found, f"{path}={repr(value)[:80]} gave no finding"


def test_matrix_and_list_and_hostile_text(tmp_path):
    hostile = dict(DATA, title=HOSTILE, owner=HOSTILE,
                   items=[item("high", "high", risk=HOSTILE, early_warning_sign=HOSTILE, mitigation=HOSTILE)])
    files = {"good.md": GOOD, "hostile.md": doc_text(hostile), "index.md": "# Home\n"}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "good" / "index.html").read_text(), "html.parser")
    rows = soup.select(".sd-pm-matrix tbody tr")
    assert [r.find("th").get_text() for r in rows] == ["high", "medium", "low"]
    assert all(len(r.find_all("td")) == 3 for r in rows)
    assert [th.get_text() for th in soup.select(".sd-pm-matrix thead th")][1:] == ["low", "medium", "high"]
    assert soup.select_one(".sd-pm-cell--medium-high").get_text(strip=True) == "1"
    assert soup.select_one(".sd-pm-cell--high-high a")["href"] == "#risk-2"
    risks = soup.select(".sd-pm-risks tbody tr")
    assert [r["id"] for r in risks] == ["risk-1", "risk-2"]
    assert "Open rate" in risks[0].get_text() and "sd-pm-risk--severe" in risks[1]["class"]
    assert_inert_html((tmp_path / "site" / "hostile" / "index.html").read_text(), hostile_texts=4)
