"""Configurable rules: select, ignore, severity, per-path ignores, a doc's own `ignore:` (SD012),
the same from pyproject.toml and mkdocs.yml; `stratdocs rules`; --changed-since."""

import json
import subprocess

import pytest

from conftest import MKDOCS_YML, build_site, run_cli, write
from samples import SHEET, line_of, sheet, with_metrics

OUTPUT_AIM = sheet(**{"statement: More first-time claimants complete their claim online without calling the helpline":
                      "statement: Ship a save-and-resume claim form"})
OVERDUE = sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-01-01", "id: online": "id: overdue"})
NO_GUARDRAIL = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': "",
                        "id: online": "id: unguarded"})
DOCS = with_metrics({"strategy/a.md": OUTPUT_AIM, "strategy/drafts/b.md": OVERDUE, "strategy/c.md": NO_GUARDRAIL},
                    "strategy/")
# The reading OVERDUE's gate rule is judged on: the gate is overdue, not also without readings (SD602).
READINGS = {"readings/resume-link-usage.csv": "date,value\n2025-12-29,21\n"}


def reported(stdout: str) -> list[dict]:
    """The findings, less SD405 (unconnected sheet: these fixtures are deliberately unconnected)."""
    return [f for f in json.loads(stdout) if f["code"] != "SD405"]


def codes(tmp_path, pyproject: str = "", *args):
    write(tmp_path, {**DOCS, **READINGS})
    if pyproject:
        write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\n" + pyproject})
    result = run_cli("lint", "--format", "json", *args, "strategy", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, sorted((f["path"].split("/")[-1], f["code"], f["severity"])
                                     for f in reported(result.stdout))


def test_defaults(tmp_path):
    assert codes(tmp_path) == (1, [("a.md", "SD108", "warning"), ("b.md", "SD105", "warning"),
                                   ("c.md", "SD106", "error")])


def test_ignore_in_pyproject_removes_its_findings(tmp_path):
    assert codes(tmp_path, 'ignore = ["SD106"]\n') == (0, [("a.md", "SD108", "warning"), ("b.md", "SD105", "warning")])


def test_select_by_code_and_prefix(tmp_path):
    assert codes(tmp_path / "x", 'select = ["SD105"]\n')[1] == [("b.md", "SD105", "warning")]
    assert codes(tmp_path / "y", 'select = ["SD10"]\nignore = ["SD108"]\n')[1] == [
        ("b.md", "SD105", "warning"), ("c.md", "SD106", "error")]


def test_severity_override(tmp_path):
    assert codes(tmp_path, '[tool.stratdocs.severity]\nSD108 = "error"\nSD106 = "info"\n') == (
        1, [("a.md", "SD108", "error"), ("b.md", "SD105", "warning"), ("c.md", "SD106", "info")])


def test_per_path_ignores(tmp_path):
    assert codes(tmp_path, '[tool.stratdocs.per_path_ignores]\n"drafts/*" = ["SD105"]\n"*/c.md" = ["SD1"]\n') == (
        0, [("a.md", "SD108", "warning")])


def test_mkdocs_options_give_the_same_result_in_cli_and_build(tmp_path):
    options = ("  - stratdocs:\n      ignore: [SD106]\n      severity: {SD108: error}\n"
               "      per_path_ignores: {'drafts/*': [SD105]}\n")
    yml = MKDOCS_YML.replace("  - stratdocs\n", options)
    write(tmp_path, READINGS)
    build = build_site(tmp_path, {k.removeprefix("strategy/"): v for k, v in DOCS.items()}, mkdocs_yml=yml)
    assert build.returncode == 0, build.stderr
    logged = [line for line in build.stderr.splitlines() if " SD1" in line]
    assert len(logged) == 1 and "ERROR" in logged[0] and "SD108" in logged[0]
    lint = run_cli("lint", "--format", "json", cwd=tmp_path)
    assert [(f["code"], f["severity"]) for f in reported(lint.stdout)] == [("SD108", "error")]
    # the rendered page shows only what is reported
    page = (tmp_path / "site" / "c" / "index.html").read_text()
    assert "SD106" not in page


@pytest.mark.parametrize("setting,named", [
    ("selec = ['SD105']", "selec"),
    ("ignore = 'SD105'", "ignore"),
    ("ignore = ['SD9']", "SD9"),
    ("ignore = ['XY100']", "XY100"),
    ("severity = {SD108 = 'fatal'}", "severity.SD108"),
    ("severity = {SD1 = 'error'}", "severity"),
    ("per_path_ignores = {'x/*' = 'SD105'}", "per_path_ignores.x/*"),
    ("output_words = 'ship'", "output_words"),
    ("as_of = 'next tuesday'", "as_of"),
    ("as_of = 2026-11-23T10:00:00", "as_of"),
    ("as_of = 20261123", "as_of"),
])
def test_bad_config_exit_2_names_the_key(tmp_path, setting, named):
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\n" + setting + "\n", "strategy/a.md": SHEET})
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert result.returncode == 2 and named in result.stderr, result.stderr


def test_bad_plugin_option_fails_the_build_naming_the_key(tmp_path):
    yml = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      ignore: [SD9]\n")
    build = build_site(tmp_path, {"a.md": SHEET}, mkdocs_yml=yml)
    assert build.returncode != 0 and "SD9" in build.stderr
    assert run_cli("lint", cwd=tmp_path).returncode == 2


def test_document_ignore_silences_and_unused_ignore_is_sd012(tmp_path):
    silenced = OUTPUT_AIM.replace("owner: Priya Shah\n", "owner: Priya Shah\nignore: [SD108]\n")
    unused = SHEET.replace("owner: Priya Shah\n", "owner: Priya Shah\nignore: [SD108, SD106]\n")
    write(tmp_path, with_metrics({"s/a.md": silenced, "s/b.md": unused.replace("id: online", "id: b")}, "s/"))
    result = run_cli("lint", "--format", "json", "s", cwd=tmp_path)
    found = [(f["path"], f["code"], f["line"]) for f in reported(result.stdout)]
    line = line_of(unused, "ignore:")
    assert found == [("s/b.md", "SD012", line), ("s/b.md", "SD012", line)]
    assert result.returncode == 0  # SD012 is a warning
    messages = " ".join(f["message"] for f in reported(result.stdout))
    assert "SD108" in messages and "SD106" in messages


def test_rules_lists_and_shows_docs(tmp_path):
    listing = run_cli("rules", cwd=tmp_path)
    assert listing.returncode == 0
    assert any(line.split()[:3] == ["SD012", "warning", "unused-ignore"] for line in listing.stdout.splitlines())
    assert any(line.split()[:2] == ["SD108", "warning"] for line in listing.stdout.splitlines())
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\nseverity = {SD108 = 'error'}\n"})
    assert any(line.split()[:2] == ["SD108", "error"] for line in run_cli("rules", cwd=tmp_path).stdout.splitlines())
    page = run_cli("rules", "SD012", cwd=tmp_path)
    assert page.returncode == 0 and page.stdout.startswith("# SD012 unused-ignore\n") and "## Bad" in page.stdout
    assert run_cli("rules", "sd108", cwd=tmp_path).stdout.startswith("# SD108 ")
    assert run_cli("rules", "SD999", cwd=tmp_path).returncode == 2


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_changed_since_reports_only_changed_files_and_their_referrers(tmp_path):
    serving = NO_GUARDRAIL.replace("owner: Priya Shah\n", "owner: Priya Shah\nserves: [overdue-claim-completion]\n")
    write(tmp_path, with_metrics({"strategy/a.md": OUTPUT_AIM, "strategy/drafts/b.md": OVERDUE,
                                  "strategy/c.md": serving},
                                 "strategy/") | READINGS)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    assert run_cli("lint", "--changed-since", "HEAD", "strategy", cwd=tmp_path).stdout == ""
    (tmp_path / "strategy/a.md").write_text(OUTPUT_AIM.replace("Priya Shah", "Tom Ode"))
    result = run_cli("lint", "--format", "json", "--changed-since", "HEAD", "strategy", cwd=tmp_path)
    assert [f["code"] for f in reported(result.stdout)] == ["SD108"]
    write(tmp_path, {"strategy/drafts/b.md": OVERDUE.replace("Priya Shah", "Tom Ode")})
    result = run_cli("lint", "--format", "json", "--changed-since", "HEAD", "strategy", cwd=tmp_path)
    # c.md serves the changed b.md, so its findings are reported too
    assert sorted(f["code"] for f in reported(result.stdout)) == ["SD105", "SD106", "SD108"]
    assert run_cli("lint", "--changed-since", "no-such-rev", "strategy", cwd=tmp_path).returncode == 2


# OVERDUE's gate (2026-01-01) is overdue from 2026-01-02 on; the tests' clock says 2026-11-23.
@pytest.mark.parametrize("as_of, overdue", [("2025-12-31", False), ("2026-01-02", True), ("'2025-06-01'", False)])
def test_as_of_in_pyproject_is_the_day_rules_count_from(tmp_path, as_of, overdue):
    _, found = codes(tmp_path, f"as_of = {as_of}\n")
    assert (("b.md", "SD105", "warning") in found) is overdue


@pytest.mark.parametrize("clock", ["2026-11-23", "2030-06-01"])
def test_as_of_in_mkdocs_yml_wins_over_the_clock_in_build_and_lint(tmp_path, clock):
    yml = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      as_of: 2025-12-31\n")  # YAML reads a date
    files = with_metrics({"b.md": OVERDUE})
    build = build_site(tmp_path, files, strict=True, mkdocs_yml=yml, STRATDOCS_TODAY=clock)
    assert build.returncode == 0, build.stderr
    lint = run_cli("lint", "--strict", cwd=tmp_path, STRATDOCS_TODAY=clock)
    assert lint.returncode == 0, lint.stdout
    assert "(as of 2025-12-31, the as_of setting)" in lint.stderr
    sheet_page = (tmp_path / "site" / "b" / "index.html").read_text(encoding="utf-8")
    assert "2026-01-01 (1 day left, as of 2025-12-31)" in sheet_page
    plain = build_site(tmp_path, files, strict=True, STRATDOCS_TODAY=clock)
    assert plain.returncode != 0 and "SD105" in plain.stderr  # without as_of the clock counts


def test_as_of_dates_new_documents(tmp_path):
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\nas_of = 2025-03-04\n"})
    assert run_cli("new", "decision", "first-call", cwd=tmp_path, STRATDOCS_TODAY="2031-01-01").returncode == 0
    assert "date: 2025-03-04" in (tmp_path / "strategy" / "first-call.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "'soon'", "[2026-11-23]"])
def test_impossible_as_of_in_mkdocs_yml_is_a_usage_error(tmp_path, value):
    yml = MKDOCS_YML.replace("  - stratdocs\n", f"  - stratdocs:\n      as_of: {value}\n")
    write(tmp_path, {"mkdocs.yml": yml, "strategy/a.md": SHEET})
    result = run_cli("lint", cwd=tmp_path)
    assert result.returncode == 2 and "'as_of' must be a date (YYYY-MM-DD)" in result.stderr, result.stderr


def test_bad_stratdocs_today_is_a_usage_error(tmp_path):
    write(tmp_path, {"strategy/a.md": SHEET})
    result = run_cli("lint", "strategy", cwd=tmp_path, STRATDOCS_TODAY="soon")
    assert result.returncode == 2 and "STRATDOCS_TODAY" in result.stderr


def test_the_clock_is_read_in_one_place():
    """Rules, pages, templates and export count days from Config.today; only today_from_env reads the clock,
    so STRATDOCS_TODAY (and as_of) reach everything that depends on the day."""
    import re

    from conftest import REPO

    clock = re.compile(r"\b(date|datetime)\.(today|now|utcnow)\b|\btime\.(time|localtime|gmtime)\(")
    package = REPO / "plugins" / "stratdocs"
    readers = [f"{path.relative_to(package)}: {line.strip()}" for path in sorted(package.rglob("*.py"))
               for line in path.read_text(encoding="utf-8").splitlines() if clock.search(line)]
    assert readers == ["config.py: return dt.date.today()"]
