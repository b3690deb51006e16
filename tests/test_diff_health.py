"""`stratdocs diff` reports what the evidence says that moved: gate verdicts, aim done, guardrails, computed health.

Real git repositories with commits at chosen dates; each revision is read with its own readings folder,
and both are evaluated as of the same day (the as_of setting).
"""

import json
import os
import subprocess

from test_diff import check_inert

from conftest import run_cli, write
from samples import metric, sheet

AS_OF = "2026-11-23"
PYPROJECT = f'[project]\nname = "x"\n\n[tool.stratdocs]\nas_of = {AS_OF}\n'
RULE = "stage_gate:\n  continue_if: at least 20% of claimants who leave the form use the resume link by week 2\n"
SHEET = sheet(**{RULE: RULE + "  rule: {metric: resume-link-usage, at_least: 20}\n"})
GUARDED = sheet(**{
    RULE: RULE + "  rule: {metric: resume-link-usage, at_least: 20}\n",
    "  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running\n":
        "  definition_of_done: 70% of claims started online are submitted online\n"
        "  done_rule: {metric: online-completion-rate, at_least: 70}\n",
    '  slo: ">= 99.5% over 28 days"\n': '  slo: ">= 99.5% over 28 days"\n  metric: form-availability\n'
                                       "  at_least: 99.5\n"})
METRICS = {"strategy/metrics/resume-link-usage.md": metric("resume-link-usage", "online-completion-rate"),
           "strategy/metrics/online-completion-rate.md": metric("online-completion-rate"),
           "strategy/metrics/form-availability.md": metric("form-availability")}
GATE_LINE = ("stage gate on course -> off course (Resume link usage 14% on 2026-11-16, needs at least 20%)")
HEALTH_LINE = ("health on-track -> at-risk (off course for the stage gate due 2026-12-07: Resume link usage 14% "
               "on 2026-11-16, needs at least 20%)")


def git(cwd, *args, date=None):
    extra = {"GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"} if date else {}
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True, env={**os.environ, **extra}).stdout


def commit(cwd, message, date):
    git(cwd, "add", "-A")
    git(cwd, "commit", "-qm", message, date=date)
    return git(cwd, "rev-parse", "--short", "HEAD").strip()


def project(tmp_path, sheet_text=SHEET, readings=None, as_of=AS_OF):
    write(tmp_path, {"pyproject.toml": PYPROJECT.replace(AS_OF, as_of), "strategy/aims/a.md": sheet_text, **METRICS,
                     **{f"readings/{name}.csv": text for name, text in (readings or {}).items()}})
    git(tmp_path, "init", "-q")
    return commit(tmp_path, "start", "2026-11-10")


def diff(cwd, *args, output="text"):
    result = run_cli("diff", "--format", output, *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if output == "json" else result.stdout


def test_a_reading_below_the_gate_moves_the_gate_and_the_health(tmp_path):
    first = project(tmp_path, readings={"resume-link-usage": "date,value\n2026-11-09,22\n"})
    write(tmp_path, {"readings/resume-link-usage.csv": "date,value\n2026-11-09,22\n2026-11-16,14\n"})
    second = commit(tmp_path, "a week of readings", "2026-11-17")

    text = diff(tmp_path, first, second)
    assert f"strategy diff {first}..{second}: 0 added, 0 removed, 0 renamed, 1 changed" in text
    assert (f"evidence as of {AS_OF} (the as_of setting) for both revisions, from the readings at each revision"
            in text)
    assert "~ changed strategy/aims/a.md (online-claim-completion)\n" in text  # no document changed: the evidence did
    assert f"\n    evidence: {GATE_LINE}\n    evidence: {HEALTH_LINE}" in text
    assert "resume-link-usage.md" not in text  # the metric itself has no verdict

    markdown = diff(tmp_path, first, second, output="markdown")
    check_inert(markdown)
    assert (f"\n\nEvidence as of {AS_OF} (the as\\_of setting) for both revisions, from the readings at each "
            "revision.\n\n" in markdown)
    assert "  - :warning: stage gate on course → off course (Resume link usage 14% on 2026-11-16" in markdown
    assert "  - :warning: health on-track → at-risk (off course for the stage gate due 2026-12-07" in markdown

    data = diff(tmp_path, first, second, output="json")
    assert data["as_of"] == {"date": AS_OF, "setting": True, "readings": "each revision"}
    [doc] = data["documents"]
    assert doc["id"] == "online-claim-completion" and doc["fields"] == [] and doc["findings_introduced"] == []
    gate, health = doc["evidence"]
    assert [gate[k] for k in ("topic", "before", "after", "change")] == ["gate", "on course", "off course", "worse"]
    assert gate["details"] == ["Resume link usage 14% on 2026-11-16, needs at least 20%"]
    assert gate["after_state"]["conditions"][0]["latest"] == {"date": "2026-11-16", "value": 14.0}
    assert gate["after_state"]["final"] is False and gate["after_state"]["date"] == "2026-12-07"
    assert (health["topic"], health["before"], health["after"]) == ("health", "on-track", "at-risk")
    assert [r["topic"] for r in health["after_state"]["reasons"]] == ["gate"]
    assert health["summary"] == HEALTH_LINE.replace("->", "→")

    back = diff(tmp_path, second, first, output="json")["documents"][0]["evidence"]
    assert [(e["before"], e["after"], e["change"]) for e in back] == [("off course", "on course", "better"),
                                                                      ("at-risk", "on-track", "better")]
    assert back[1]["details"] == []  # on track: no reason left


def test_a_reading_that_moves_no_verdict_reports_none(tmp_path):
    first = project(tmp_path, readings={"resume-link-usage": "date,value\n2026-11-09,22\n"})
    write(tmp_path, {"readings/resume-link-usage.csv": "date,value\n2026-11-09,22\n2026-11-16,24\n"})
    second = commit(tmp_path, "still on course", "2026-11-17")
    text = diff(tmp_path, first, second)
    assert "0 changed" in text and "evidence" not in text
    assert diff(tmp_path, first, second, output="json")["documents"] == []
    markdown = diff(tmp_path, first, second, output="markdown")
    assert "No strategy document changed." in markdown and "Evidence as of" not in markdown


def test_the_readings_folder_absent_at_one_revision(tmp_path):
    first = project(tmp_path)  # no readings folder at all
    write(tmp_path, {"readings/resume-link-usage.csv": "date,value\n2026-11-16,21\n"})
    second = commit(tmp_path, "first reading", "2026-11-17")
    evidence = diff(tmp_path, first, second, output="json")["documents"][0]["evidence"]
    assert [(e["topic"], e["before"], e["after"], e["change"]) for e in evidence] == [
        ("gate", "no evidence", "on course", "better")]  # no evidence before the date is no risk: health stays
    assert "stage gate on course -> no evidence (Resume link usage has no reading, needs at least 20%)" in diff(
        tmp_path, second, first)


def test_the_working_tree_reads_its_own_readings(tmp_path):
    project(tmp_path, readings={"resume-link-usage": "date,value\n2026-11-09,22\n"})
    assert "0 changed" in diff(tmp_path, "HEAD")
    write(tmp_path, {"readings/resume-link-usage.csv": "date,value\n2026-11-09,22\n2026-11-16,14\n"})
    text = diff(tmp_path, "HEAD")
    assert f"evidence: {GATE_LINE}" in text and f"evidence: {HEALTH_LINE}" in text
    (tmp_path / "readings/resume-link-usage.csv").unlink()
    (tmp_path / "readings").rmdir()
    assert "stage gate on course -> no evidence" in diff(tmp_path, "HEAD")


def test_guardrail_done_and_a_document_change_together(tmp_path):
    first = project(tmp_path, GUARDED, readings={"resume-link-usage": "date,value\n2026-11-09,22\n",
                                                 "form-availability": "date,value\n2026-11-09,99.9\n"})
    write(tmp_path, {"readings/form-availability.csv": "date,value\n2026-11-09,99.9\n2026-11-16,99.1\n",
                     "readings/online-completion-rate.csv": "date,value\n2026-11-16,72\n",
                     "strategy/aims/a.md": GUARDED.replace("status: active", "status: paused")})
    second = commit(tmp_path, "readings and a pause", "2026-11-17")
    text = diff(tmp_path, first, second)
    assert "    status: active -> paused\n" in text
    assert ("    evidence: aim no evidence -> done (Online completion rate 72% on 2026-11-16, needs at least 70%)\n"
            in text)
    assert ("    evidence: guardrail holds -> breached since 2026-11-16 (Form availability 99.1% on 2026-11-16, "
            "needs at least 99.5%)\n" in text)
    assert ("    evidence: health on-track -> at-risk (guardrail breached since 2026-11-16: Form availability 99.1% "
            "on 2026-11-16, needs at least 99.5%)" in text)
    assert "stage gate" not in text  # still on course
    markdown = diff(tmp_path, first, second, output="markdown")
    assert "  - :white_check_mark: aim no evidence → done" in markdown
    assert "  - :warning: guardrail holds → breached since 2026-11-16" in markdown
    data = diff(tmp_path, first, second, output="json")
    assert [(e["topic"], e["change"]) for e in data["documents"][0]["evidence"]] == [
        ("done", "better"), ("guardrail", "worse"), ("health", "worse")]


def test_the_gate_verdict_once_its_date_has_come(tmp_path):
    first = project(tmp_path, readings={"resume-link-usage": "date,value\n2026-11-30,22\n"}, as_of="2026-12-10")
    write(tmp_path, {"readings/resume-link-usage.csv": "date,value\n2026-11-30,22\n2026-12-07,19\n"})
    second = commit(tmp_path, "the gate week", "2026-12-08")
    text = diff(tmp_path, first, second)
    assert "evidence as of 2026-12-10 (the as_of setting)" in text
    assert ("evidence: stage gate continue -> change (Resume link usage 19% on 2026-12-07, needs at least 20%)"
            in text)
    assert ("evidence: health on-track -> off-track (stage gate rule not met on 2026-12-07: Resume link usage 19% "
            "on 2026-12-07, needs at least 20%)" in text)
    assert diff(tmp_path, first, second, output="json")["documents"][0]["evidence"][0]["after_state"]["final"] is True


def test_readings_outside_the_repository_are_read_as_they_are_on_both_sides(tmp_path):
    repo = tmp_path / "repo"
    write(tmp_path, {"outside/resume-link-usage.csv": "date,value\n2026-11-16,14\n"})
    write(repo, {"pyproject.toml": PYPROJECT + 'readings = "../outside"\n', "strategy/aims/a.md": SHEET, **METRICS})
    git(repo, "init", "-q")
    first = commit(repo, "start", "2026-11-10")
    write(repo, {"strategy/aims/a.md": SHEET.replace("status: active", "status: paused")})
    second = commit(repo, "pause", "2026-11-17")
    text = diff(repo, first, second)
    assert "status: active -> paused" in text and "evidence:" not in text
    data = diff(repo, first, second, output="json")
    assert data["as_of"]["readings"] == "working tree" and data["documents"][0]["evidence"] == []


def test_ignored_readings_are_read_as_they_are_on_both_sides(tmp_path):
    """Readings that git does not keep (pulled, say) are the same evidence for every revision."""
    write(tmp_path, {".gitignore": "/readings/\n", "readings/resume-link-usage.csv": "date,value\n2026-11-16,14\n"})
    first = project(tmp_path)
    assert "0 changed" in diff(tmp_path, first)
    write(tmp_path, {"strategy/aims/a.md": SHEET.replace("status: active", "status: paused")})
    text = diff(tmp_path, first)
    assert "status: active -> paused" in text and "evidence:" not in text
    assert diff(tmp_path, first, output="json")["as_of"]["readings"] == "working tree"


GO_NO_GO = """---
kind: go-no-go
id: public-beta
title: Resume link for all
status: active
owner: Priya Shah
milestone: Switch the resume link on for all claimants
date: 2099-12-14
verdict: no-go
serves: [online-claim-completion]
votes:
  - role: UX
    voter: Ana Costa
    vote: go
    reason: fine
  - role: "@org/team [x](javascript:alert(1)) *now* $x$"
    voter: Dev Patel
    vote: no-go
    reason: links do not expire
---
"""


def test_user_text_in_a_reason_is_inert_in_markdown(tmp_path):
    first = project(tmp_path, readings={"resume-link-usage": "date,value\n2026-11-09,22\n"})
    write(tmp_path, {"strategy/reviews/beta.md": GO_NO_GO})
    second = commit(tmp_path, "a vote", "2026-11-17")
    markdown = diff(tmp_path, first, second, output="markdown")
    check_inert(markdown)
    assert "no-go from UX" not in markdown
    assert "health on-track → at-risk (go/no-go 'Resume link for all': no-go from @\u2060org/team \\[x\\]" in markdown
    text = diff(tmp_path, first, second)
    assert "evidence: health on-track -> at-risk (go/no-go 'Resume link for all': no-go from @org/team" in text
