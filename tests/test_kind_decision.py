"""The decision kind: rules SD240-SD242, the page, hostile input and unsafe links."""

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
)

GOOD = good("SD240")
DATA = front(GOOD)


def test_good_doc_is_clean(tmp_path):
    assert lint_beside_examples(tmp_path, GOOD) == []


@pytest.mark.parametrize("date,expected", [("2026-11-23", []), ("2026-11-24", ["SD240"]), ("2020-01-01", [])])
def test_date_against_today(tmp_path, date, expected):
    assert codes(lint_beside_examples(tmp_path, doc_text(dict(DATA, date=date)))) == expected


def test_missing_date(tmp_path):
    data = {k: v for k, v in DATA.items() if k != "date"}
    [finding] = lint_beside_examples(tmp_path, doc_text(data))
    assert finding.code == "SD240" and "no date" in finding.message


def test_impossible_date_is_the_schemas(tmp_path):
    assert codes(lint_beside_examples(tmp_path, doc_text(dict(DATA, date="2026-02-30")))) == ["SD006"]


@pytest.mark.parametrize("verdict,flagged", [("stop", True), ("change", True), ("continue", False), ("other", False)])
def test_rationale_needed_for_stop_and_change(tmp_path, verdict, flagged):
    data = {k: v for k, v in DATA.items() if k != "rationale"}
    data["decision"] = verdict
    assert codes(lint_beside_examples(tmp_path, doc_text(data))) == (["SD241"] if flagged else [])


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a", True), ("http://example.org", True), ("../readout.md", True), ("readout.md#week-2", True),
    ("/reports/week-2", True), ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,<script>x</script>", False),
    ("file:///etc/passwd", False), ("mailto:a@b.c", False), ("vbscript:x", False), ("//evil.example/x", False),
    ("javascript&colon;alert(1)", True),  # a relative path once escaped: &amp;colon; is not a colon
    ("", False),
])
def test_evidence_links(tmp_path, url, ok):
    for evidence in ([url], [{"title": "t", "url": url}]):
        found = codes(lint_beside_examples(tmp_path, doc_text(dict(DATA, evidence=evidence))))
        if url == "":
            assert found  # the schema's minLength, or the rule
        else:
            assert found == ([] if ok else ["SD242"]), (url, found)


def test_evidence_link_is_reported_at_the_url(tmp_path):
    text = doc_text(dict(DATA, evidence=["https://ok.example", {"title": "bad", "url": "javascript:x"}]))
    [finding] = lint_beside_examples(tmp_path, text)
    assert finding.line == next(i for i, line in enumerate(text.split("\n"), 1) if "javascript:x" in line)


@pytest.mark.parametrize("key", ["date", "decision", "about", "rationale", "evidence", "deciders", "supersedes",
                                 "summary"])
@pytest.mark.parametrize("value", WRONG_VALUES, ids=range(len(WRONG_VALUES)))
def test_wrong_types_give_findings_not_crashes(tmp_path, key, value):
    found = assert_no_crash_and_findings(tmp_path, DATA, (key,), value)
    valid = (isinstance(value, str) and value and len(value) <= 20000 and key in ("rationale", "summary")) or \
            (value == [] and key in ("evidence", "deciders")) or (key == "evidence" and value == ["y"] * 2000)
    if not valid:
        assert found, f"{key}={repr(value)[:80]} gave no finding"


def test_page_structure_and_hostile_text(tmp_path):
    hostile = dict(DATA, title=HOSTILE, owner=HOSTILE, summary=HOSTILE, rationale=HOSTILE, deciders=[HOSTILE],
                   evidence=[{"title": HOSTILE, "url": "javascript:alert(1)"}, "data:text/html,<b>x</b>",
                             {"title": "ok", "url": 'https://x.example/"onmouseover="alert(1)'}])
    files = {"good.md": GOOD, "hostile.md": doc_text(hostile), "index.md": "# Home\n"}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "good" / "index.html").read_text(), "html.parser")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")][:3] == [
        "Decision", "Rationale", "Evidence"]
    assert soup.select_one(".sd-verdict").get_text(strip=True) == "Change"
    assert "online-claim-completion" in soup.select_one(".sd-about").get_text()
    assert "continue-save-and-resume" in soup.select_one(".sd-supersedes").get_text()
    links = [a["href"] for a in soup.select(".sd-evidence a")]
    assert links == ["https://analytics.claims.internal/pilots/save-and-resume/week-4",
                     "../aims/online-claim-completion.md"]
    hostile_soup = assert_inert_html((tmp_path / "site" / "hostile" / "index.html").read_text(), hostile_texts=5)
    evidence = hostile_soup.select(".sd-evidence li")
    assert evidence[0].find("a") is None and HOSTILE in evidence[0].get_text()
    assert evidence[1].find("a") is None
    assert evidence[2].find("a")["href"] == 'https://x.example/"onmouseover="alert(1)'
