"""The go-no-go kind: rules SD360-SD361, the computed verdict on the page, hostile input."""

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.render.go_no_go import computed_verdict

from conftest import build_site
from kindtools import assert_inert, codes, doc, front, hostile, lint, page

GOOD = rule_doc("SD360").example("Good")
HEADINGS = ["Milestone", "Verdict", "Votes"]


def poll(verdict, *votes):
    data = front(GOOD)
    data["verdict"] = verdict
    data["votes"] = [{"role": role, "vote": vote, **({"reason": reason} if reason else {})}
                     for role, vote, reason in votes]
    return doc(data)


@pytest.mark.parametrize("votes,expected", [
    ([], "pending"), (None, "pending"), ("go", "pending"), ([{"vote": "go"}], "go"),
    ([{"vote": "go"}, {"vote": "pending"}], "pending"), ([{"vote": "go"}, {"vote": "no-go"}], "no-go"),
    ([{"vote": "pending"}, {"vote": "no-go"}], "no-go"), ([1, "go", None, {"vote": "go"}], "go"),
])
def test_computed_verdict(votes, expected):
    assert computed_verdict(votes) == expected


def test_good_poll_is_clean(tmp_path):
    assert lint(tmp_path, {"g.md": GOOD}) == []


def test_declared_go_over_a_no_go_names_the_roles(tmp_path):
    text = poll("go", ("UX", "go", "fine"), ("security", "no-go", "no expiry"), ("support", "no-go", "no script"))
    [finding] = lint(tmp_path, {"g.md": text})
    assert finding.code == "SD360" and "2 role(s)" in finding.message
    assert "security, support" in finding.message
    assert finding.line == text.splitlines().index("verdict: go") + 1


def test_all_go_declared_go_is_clean(tmp_path):
    assert lint(tmp_path, {"g.md": poll("go", ("UX", "go", None), ("technical", "go", None))}) == []


def test_declared_no_go_or_pending_with_a_no_go_is_fine(tmp_path):
    assert lint(tmp_path / "a", {"g.md": poll("no-go", ("UX", "no-go", "broken"))}) == []
    assert lint(tmp_path / "b", {"g.md": poll("pending", ("UX", "no-go", "broken"))}) == []


def test_every_no_go_needs_a_reason(tmp_path):
    text = poll("no-go", ("UX", "go", None), ("security", "no-go", None), ("support", "no-go", "   "))
    findings = lint(tmp_path, {"g.md": text})
    assert codes(findings) == ["SD361", "SD361"]
    assert "security" in findings[0].message and "support" in findings[1].message


def test_both_rules_at_once(tmp_path):
    assert sorted(codes(lint(tmp_path, {"g.md": poll("go", ("security", "no-go", None))}))) == ["SD360", "SD361"]


@pytest.mark.parametrize("field,value", [
    ("votes", "everyone says go"), ("votes", [1, None]), ("votes", [{"role": "UX", "vote": "maybe"}]),
    ("votes", [{"role": ["UX"], "vote": "no-go"}]), ("verdict", "GO"), ("verdict", True), ("milestone", ["x"]),
    ("votes", [{"vote": "no-go", "reason": 5}]),
])
def test_wrong_types_give_findings_not_crashes(tmp_path, field, value):
    data = front(GOOD)
    data[field] = value
    findings = lint(tmp_path, {"g.md": doc(data)})
    assert findings and "SD006" in codes(findings) and "SD000" not in codes(findings)


def test_huge_poll_and_unicode(tmp_path):
    votes = [("rôle ✅ " + str(n), "go", "ça va") for n in range(3000)]
    assert lint(tmp_path / "a", {"g.md": poll("go", *votes)}) == []
    votes.append(("sécurité 🔒", "no-go", "pas encore"))
    [finding] = lint(tmp_path / "b", {"g.md": poll("go", *votes)})
    assert finding.code == "SD360" and "sécurité 🔒" in finding.message


def test_page_shows_declared_next_to_computed(tmp_path):
    files = {"ok.md": GOOD, "bad.md": poll("go", ("UX", "go", "fine"), ("security", "no-go", "no expiry"))}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    ok = page(tmp_path / "site", "ok")
    assert [h.get_text(strip=True).rstrip("¶") for h in ok.select("article h2")][:3] == HEADINGS
    assert ok.select_one(".sd-verdict-declared .sd-vote").get_text() == "no-go"
    assert ok.select_one(".sd-verdict-computed .sd-vote").get_text() == "no-go"
    assert not ok.select(".sd-verdict--mismatch")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in ok.select(".sd-votes tbody tr")]
    assert rows[1][:3] == ["security", "Dev Patel", "no-go blocks"] and "expire" in rows[1][3]
    assert ok.select(".sd-votes tbody tr")[1]["class"] == ["sd-vote-row--blocking"]
    assert ok.select_one(".sd-verdict-computed .sd-verdict-why").get_text() == "blocked by security"
    bad = page(tmp_path / "site", "bad")
    assert bad.select_one(".sd-verdict-declared .sd-vote").get_text() == "go"
    assert bad.select_one(".sd-verdict-computed .sd-vote").get_text() == "no-go"
    assert bad.select_one(".sd-verdict--mismatch") and "SD360" in bad.select_one(".sd-findings").get_text()


def test_hostile_text_renders_inert(tmp_path):
    result = build_site(tmp_path, {"g.md": doc(hostile(front(GOOD)))})
    assert result.returncode == 0, result.stderr
    assert_inert(page(tmp_path / "site", "g"), HEADINGS)
