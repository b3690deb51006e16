"""`stratdocs diff BASE [HEAD]` over real git repositories."""

import json
import subprocess

from conftest import run_cli, write
from samples import SHEET, sheet


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def commit(cwd, message):
    git(cwd, "add", "-A")
    git(cwd, "commit", "-qm", message)


OTHER = SHEET.replace("id: online-claim-completion", "id: other").replace("title: Claimants finish", "title: Other")


def repo(tmp_path):
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n", "strategy/aims/a.md": SHEET,
                     "strategy/b.md": OTHER, "strategy/index.md": "# Home\n"})
    git(tmp_path, "init", "-q")
    commit(tmp_path, "base")
    return tmp_path


def test_gate_date_moved_in_last_commit(tmp_path):
    repo(tmp_path)
    write(tmp_path, {"strategy/aims/a.md": sheet(**{"decision_date: 2026-12-07": "decision_date: 2027-01-11"})})
    commit(tmp_path, "move the gate")
    result = run_cli("diff", "HEAD~1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "changed strategy/aims/a.md (online-claim-completion)" in result.stdout
    assert "stage_gate.decision_date: 2026-12-07 -> 2027-01-11" in result.stdout
    assert "strategy/b.md" not in result.stdout
    assert run_cli("diff", "HEAD~1", "HEAD", cwd=tmp_path).stdout.splitlines()[1:] == result.stdout.splitlines()[1:]
    assert "0 changed" in run_cli("diff", "HEAD", cwd=tmp_path).stdout  # clean working tree
    head_before = git(tmp_path, "rev-parse", "HEAD")
    assert git(tmp_path, "status", "--porcelain") == "" and git(tmp_path, "rev-parse", "HEAD") == head_before


def test_added_removed_renamed_and_findings(tmp_path):
    repo(tmp_path)
    (tmp_path / "strategy/b.md").rename(tmp_path / "strategy/renamed.md")
    (tmp_path / "strategy/aims/a.md").unlink()
    write(tmp_path, {"strategy/new.md": SHEET.replace("id: online-claim-completion", "id: brand-new"),
                     "strategy/renamed.md": OTHER.replace("status: active", "status: paused").replace(
                         'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n', "")})
    data = json.loads(run_cli("diff", "--format", "json", "--site-url", "https://s.example.org/", "HEAD",
                              cwd=tmp_path).stdout)
    assert data["base"] == "HEAD" and data["head"] == "working tree"
    docs = {d["status"]: d for d in data["documents"]}
    assert set(docs) == {"added", "removed", "renamed"}
    assert docs["added"]["id"] == "brand-new" and docs["added"]["url"] == "https://s.example.org/new/"
    assert docs["removed"]["path"] == "strategy/aims/a.md"
    renamed = docs["renamed"]
    assert renamed["old_path"] == "strategy/b.md" and renamed["path"] == "strategy/renamed.md"
    fields = {f["field"]: (f["before"], f["after"]) for f in renamed["fields"]}
    assert fields["status"] == ("active", "paused")
    assert fields["guardrail.sli"] == ("claim form availability", None)
    assert [f["code"] for f in renamed["findings_introduced"]] == ["SD106"]
    markdown = run_cli("diff", "--format", "markdown", "--site-url", "https://s.example.org", "HEAD", cwd=tmp_path).stdout
    assert "[Other claim online](https://s.example.org/renamed/)" in markdown.replace("Other their", "Other")
    assert "`status`: active → paused" in markdown and "**SD106**" in markdown
    commit(tmp_path, "rework")
    back = json.loads(run_cli("diff", "--format", "json", "HEAD", "HEAD~1", cwd=tmp_path).stdout)
    assert [f["code"] for f in {d["status"]: d for d in back["documents"]}["renamed"]["findings_fixed"]] == ["SD106"]


def test_bad_revision_is_usage_error(tmp_path):
    repo(tmp_path)
    result = run_cli("diff", "nope", cwd=tmp_path)
    assert result.returncode == 2 and "nope" in result.stderr


DECISION = """---
kind: decision
id: stop-the-pilot
title: "Stop [the pilot](javascript:alert(1)) *now*"
status: active
owner: Priya Shah
date: 2026-11-20
decision: stop
about: online-claim-completion
rationale: The proxy did not move.
deciders: [Priya Shah]
---
"""


def test_decisions_added_are_listed_and_markdown_is_inert(tmp_path):
    repo(tmp_path)
    write(tmp_path, {"strategy/decisions/stop.md": DECISION})
    text = run_cli("diff", "HEAD", cwd=tmp_path).stdout
    assert "decision added: stop-the-pilot: stop about online-claim-completion" in text
    data = json.loads(run_cli("diff", "--format", "json", "HEAD", cwd=tmp_path).stdout)
    assert data["decisions_added"] == [{"id": "stop-the-pilot", "decision": "stop", "about": "online-claim-completion"}]
    markdown = run_cli("diff", "--format", "markdown", "HEAD", cwd=tmp_path).stdout
    assert "**Decisions added:** stop\\-the\\-pilot: stop about online\\-claim\\-completion" in markdown
    assert "](javascript" not in markdown and "\\[the pilot\\]\\(javascript:alert\\(1\\)\\) \\*now\\*" in markdown
