"""Lint output for CI systems: GitHub annotations, SARIF 2.1.0, GitLab Code Quality, colour."""

import json
import os
import pty
import re
import subprocess

import pytest

from stratdocs.check.rules import all_rules

from conftest import BIN, REPO, env, run_cli, write
from samples import SHEET, line_of, sheet, with_metrics

SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"  # OASIS, unchanged: see tests/data/README.md
NO_GUARDRAIL = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""})
BAD_OWNER = sheet(**{"owner: Priya Shah\n": "owner: Priya Shah\nowner: Tom\n"})


@pytest.fixture
def broken(tmp_path):
    write(tmp_path, with_metrics({"strategy/aims/a.md": NO_GUARDRAIL,
                                  "strategy/b.md": BAD_OWNER.replace("id: online", "id: b"),
                                  "strategy/c.md": sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-01-01",
                                                            "id: online": "id: c"})}, "strategy/"))
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\n# unconnected sheets, a past gate with no readings: "
                                       "not under test\nignore = ['SD405', 'SD602']\n"})
    return tmp_path


def test_github_annotations(broken):
    result = run_cli("lint", "--format", "github", "strategy", cwd=broken)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"::error file=strategy/b.md,line={line_of(BAD_OWNER, 'owner: Tom')},col=1,title=SD002 duplicate-key::" \
        in "\n".join(lines)
    assert any(re.match(r"^::error file=strategy/aims/a\.md,line=2,col=1,title=SD106 [a-z-]+::.*guardrail", line)
               for line in lines)
    assert any(line.startswith("::warning file=strategy/c.md,") and "title=SD105" in line for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_github_escapes_newlines_and_percent():
    from stratdocs.cli.formats import format_github
    from stratdocs.findings import Finding, Severity

    out = format_github([Finding("a,b:c.md", 3, 4, Severity.ERROR, "SD006", "100% bad\nsecond line", "schema")])
    assert out == "::error file=a%2Cb%3Ac.md,line=3,col=4,title=SD006 schema::100%25 bad%0Asecond line"


def _sarif(cwd, *args):
    result = run_cli("lint", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def test_sarif_validates_against_the_official_schema(broken):
    from jsonschema import Draft4Validator

    assert SARIF_SCHEMA.is_file(), f"SARIF schema missing at {SARIF_SCHEMA}"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    result, log = _sarif(broken, "strategy")
    assert result.returncode == 1
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules())
    # No site_url: no link a code-scanning page could not open, a help text, and a warning on stderr.
    assert all("helpUri" not in r and r["shortDescription"]["text"]
               and f"stratdocs rules {r['id']}" in r["help"]["text"]
               for r in rules)
    assert "set site_url in mkdocs.yml" in result.stderr
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"SD002", "SD105", "SD106"}
    loc = by_rule["SD106"]["locations"][0]["physicalLocation"]
    assert (loc["artifactLocation"]["uri"] == "strategy/aims/a.md"
            and loc["region"] == {"startLine": 2, "startColumn": 1})
    assert rules[by_rule["SD106"]["ruleIndex"]]["id"] == "SD106"
    assert by_rule["SD105"]["level"] == "warning"
    # a clean run is valid SARIF too
    write(broken, with_metrics({"clean/a.md": SHEET}, "clean/"))
    _, clean = _sarif(broken, "clean")
    assert clean["runs"][0]["results"] == [] and not list(Draft4Validator(schema).iter_errors(clean))


def test_sarif_help_uri_follows_site_url_and_docs_url(tmp_path):
    write(tmp_path, {"mkdocs.yml": "site_name: x\nsite_url: https://strategy.example.org/claims/\ndocs_dir: strategy\n",
                     **with_metrics({"strategy/a.md": NO_GUARDRAIL}, "strategy/")})
    _, log = _sarif(tmp_path)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == \
        "https://strategy.example.org/claims/reference/rules/SD000/"
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\ndocs_url = 'https://docs.example.org/rules'\n"})
    _, log = _sarif(tmp_path)
    assert log["runs"][0]["tool"]["driver"]["rules"][1]["helpUri"] == "https://docs.example.org/rules/SD001/"


def test_gitlab_code_quality_with_stable_fingerprints(broken):
    first = run_cli("lint", "--format", "gitlab", "strategy", cwd=broken)
    second = run_cli("lint", "--format", "gitlab", "strategy", cwd=broken)
    assert first.returncode == 1 and first.stdout == second.stdout
    issues = json.loads(first.stdout)
    assert {i["check_name"] for i in issues} == {"SD002", "SD105", "SD106"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["description"] and isinstance(issue["location"]["lines"]["begin"], int)
    [a] = [i for i in issues if i["check_name"] == "SD106"]
    assert a["location"] == {"path": "strategy/aims/a.md", "lines": {"begin": 2}} and a["severity"] == "major"


def test_json_and_text_unchanged(broken):
    text = run_cli("lint", "strategy", cwd=broken)
    data = json.loads(run_cli("lint", "--format", "json", "strategy", cwd=broken).stdout)
    assert len(text.stdout.splitlines()) == len(data) == 3


def _lint_on_a_terminal(cwd, **extra):
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.run([str(BIN / "stratdocs"), "lint", "strategy"], cwd=cwd, stdout=terminal,
                              stderr=subprocess.PIPE, env={k: v for k, v in env(**extra).items() if k != "NO_COLOR"}
                              if "NO_COLOR" not in extra else env(**extra), timeout=120, check=False)
        os.close(terminal)
        terminal = None
        out = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        return proc.returncode, out.decode("utf-8", "replace")
    finally:
        os.close(controller)
        if terminal is not None:
            os.close(terminal)


def test_colour_only_on_a_terminal_and_no_color_respected(broken):
    code, coloured = _lint_on_a_terminal(broken, TERM="xterm-256color")
    assert code == 1 and "\x1b[" in coloured and "SD106" in coloured
    code, plain = _lint_on_a_terminal(broken, TERM="xterm-256color", NO_COLOR="1")
    assert code == 1 and "\x1b[" not in plain and "SD106" in plain
    piped = run_cli("lint", "strategy", cwd=broken, NO_COLOR="")
    assert "\x1b[" not in piped.stdout
