"""Readings files: every problem a finding at file:line:col, the same from `stratdocs lint` and `mkdocs build`."""

import os
import re

import pytest

from stratdocs.check.ruledocs import rule_doc
from stratdocs.readings.csvfile import read_series, write_series

from conftest import build_site, run_cli, write
from samples import METRICS

GOOD = "date,value,note\n2026-11-09,40,\n2026-11-16,41.5,\"provisional, final later\"\n"


def codes_at(text: str, unit: str | None = "%") -> list[tuple[str, int, int]]:
    _, findings = read_series(text, "r.csv", "m", unit)
    return [(f.code, f.line, f.column) for f in findings]


def test_a_good_file_is_read_oldest_first_with_its_notes():
    series, findings = read_series("date,value,note\n2026-11-16,41.5,b\n\n2026-11-09,40,a\n", "r.csv", "m", "%")
    assert findings == []
    assert [(r.date.isoformat(), r.value, r.note, r.line) for r in series.readings] == [
        ("2026-11-09", 40.0, "a", 4), ("2026-11-16", 41.5, "b", 2)]
    assert series.latest is not None and series.latest.value == 41.5


@pytest.mark.parametrize("text,expected", [
    ("", [("SD020", 1, 1)]),
    ("\n  \n", [("SD020", 1, 1)]),
    ("week,value\n2026-11-16,3\n", [("SD020", 1, 1)]),
    ("date,value,comment\n", [("SD020", 1, 1)]),
    ("date,value\n2026-11-16,3,extra\n", [("SD020", 2, 14)]),
    ("date,value\n23/11/2026,3\n", [("SD021", 2, 1)]),
    ("date,value\n2026-11-31,3\n", [("SD021", 2, 1)]),
    ("date,value\n20261116,3\n", [("SD021", 2, 1)]),
    ("date,value\n2026-11-16\n", [("SD022", 2, 1)]),
    ("date,value\n2026-11-16,\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,n/a\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,nan\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,1e400\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,41.5%\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,12 calls\n", [("SD022", 2, 12)]),
    ("date,value\n2026-11-16,3\n2026-11-16,4\n", [("SD023", 3, 1)]),
    ('date,value,note\n"2026-11-16",3,"a, b"\n2026-11-23,x,"c"\n', [("SD022", 3, 12)]),
])
def test_each_problem_is_located(text, expected):
    assert codes_at(text) == expected


def test_a_value_with_its_own_unit_says_the_number_to_write():
    _, [finding] = read_series("date,value\n2026-11-16,1,800 calls\n", "r.csv", "m", "calls")
    assert finding.code == "SD020"  # an unquoted comma: three cells
    _, [finding] = read_series('date,value\n2026-11-16,"1,800 calls"\n', "r.csv", "m", "calls")
    assert "write the number alone (1800)" in finding.message


def test_a_value_in_another_unit_is_a_unit_mismatch():
    _, [finding] = read_series("date,value\n2026-11-16,12 calls\n", "r.csv", "m", "%")
    assert "'calls', but the metric counts '%'" in finding.message


def test_bad_rows_are_left_out_and_good_rows_kept():
    series, findings = read_series("date,value\n2026-11-09,40\n2026-11-16,x\n2026-11-23,42\n", "r.csv", "m", "%")
    assert [r.value for r in series.readings] == [40.0, 42.0] and len(findings) == 1


def test_writing_round_trips_and_writes_numbers_as_people_do():
    series, _ = read_series(GOOD, "r.csv", "m", "%")
    readings = list(series.readings)
    text = write_series(readings)
    assert text == GOOD
    again, findings = read_series(text, "r.csv", "m", "%")
    assert findings == [] and again.readings == series.readings
    assert write_series([r for r in readings if not r.note]) == "date,value\n2026-11-09,40\n"


@pytest.mark.parametrize("code", ["SD020", "SD021", "SD022", "SD023"])
def test_the_rule_page_examples(code):
    doc = rule_doc(code)
    assert doc is not None
    bad, good = (re.findall(r"```csv\n(.*?)```", section, re.DOTALL)
                 for section in doc.text.split("## Good"))
    assert bad and good, f"{code}: a csv example under Bad and under Good"
    assert code in [c for c, _, _ in codes_at(bad[0])]
    assert codes_at(good[0]) == []


PROJECT = {"strategy/index.md": "# Home\n", **{f"strategy/{name}": text for name, text in METRICS.items()}}


def project(tmp_path, readings: dict[str, str | bytes]):
    return write(tmp_path, {**PROJECT, **{f"readings/{name}": text for name, text in readings.items()}})


def test_lint_and_build_report_the_same_readings_findings(tmp_path):
    root = project(tmp_path, {"online-completion-rate.csv": "date,value\n2026-11-16,41.5%\n",
                              "resume-link-usage.csv": "date,value\n2026-11-16,3\n2026-11-16,4\n",
                              "online-complete-rate.csv": "date,value\n2026-11-16,3\n"})
    lint = run_cli("lint", cwd=root)
    lines = sorted(line for line in lint.stdout.splitlines() if line.startswith("readings/"))
    assert lines == [
        ("readings/online-complete-rate.csv:1:1: error SD024 no metric has the id 'online-complete-rate'; "
        "did you mean 'online-completion-rate.csv'?"),
        ("readings/online-completion-rate.csv:2:12: error SD022 value '41.5%': write the number alone (41.5); "
        "the metric's unit ('%') is implied"),
        ("readings/resume-link-usage.csv:3:1: error SD023 2026-11-16 is read twice (line 2 and here): "
        "keep one reading per date")], lint.stdout
    assert lint.returncode == 1
    build = build_site(root, {})
    for line in lines:
        assert line.split(": error ")[1] in build.stderr, build.stderr


def test_linting_one_readings_file_reports_only_it(tmp_path):
    root = project(tmp_path, {"online-completion-rate.csv": "date,value\n2026-11-16,x\n",
                              "resume-link-usage.csv": "date,value\nbad,3\n"})
    out = run_cli("lint", "readings/resume-link-usage.csv", cwd=root).stdout
    assert "resume-link-usage.csv:2:1: error SD021" in out and "online-completion-rate" not in out


def test_the_readings_setting_names_the_folder(tmp_path):
    root = project(tmp_path, {})
    write(root, {"pyproject.toml": '[tool.stratdocs]\nreadings = "data/metrics"\n',
                 "data/metrics/resume-link-usage.csv": "date,value\n2026-13-01,3\n"})
    assert "data/metrics/resume-link-usage.csv:2:1: error SD021" in run_cli("lint", cwd=root).stdout
    write(root, {"pyproject.toml": "[tool.stratdocs]\nreadings = 3\n"})
    result = run_cli("lint", cwd=root)
    assert result.returncode == 2 and "'readings' must be a folder" in result.stderr


def test_no_readings_folder_is_no_finding(tmp_path):
    root = project(tmp_path, {})
    assert run_cli("lint", cwd=root).returncode == 0


def test_unreadable_files_are_findings_not_crashes(tmp_path):
    root = project(tmp_path, {"online-completion-rate.csv": "date,value\n2026-11-16,4\n".encode("utf-16"),
                              "resume-link-usage.csv": b"date,value\n" + b"2026-11-16,1\n" * 700_000})
    outside = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    outside.write_text("date,value\n2026-11-16,1\n")
    os.symlink(outside, root / "readings" / "status-page-visits.csv")
    out = run_cli("lint", cwd=root).stdout
    assert "online-completion-rate.csv:1:1: error SD003" in out
    assert "resume-link-usage.csv:1:1: error SD020 larger than 8 MiB" in out
    assert "status-page-visits.csv:1:1: error SD013" in out and "outside the readings folder" in out


def test_a_byte_order_mark_and_crlf_are_fine(tmp_path):
    series, findings = read_series("\ufeffdate,value\r\n2026-11-16,4\r\n".lstrip("\ufeff"), "r.csv", "m", "%")
    assert findings == [] and series.latest is not None
    root = project(tmp_path, {"resume-link-usage.csv": "\ufeffdate,value\r\n2026-11-16,4\r\n".encode()})
    assert run_cli("lint", cwd=root).returncode == 0


@pytest.mark.parametrize("date", ["2026-W48-1", "2026-328", "20261123", "2026-11-23T00:00", "२०२६-११-२३"])
def test_only_year_month_day_is_a_date(date):
    assert codes_at(f"date,value\n{date},3\n") == [("SD021", 2, 1)]


def test_padding_around_cells_is_forgiven_and_notes_stay_one_line():
    series, findings = read_series("date,value,note\n 2026-11-23 , 3 , a note \n", "r.csv", "m", "%")
    assert findings == [] and series.readings[0].note == "a note"
    from stratdocs.readings.csvfile import Reading
    text = write_series([Reading(series.readings[0].date, 3.0, "two\nlines")])
    assert text == "date,value,note\n2026-11-23,3,two lines\n"


def test_a_metric_names_a_source_the_settings_have(tmp_path):
    """SD342, with its rule page's examples: the source is checked against the project's settings."""
    bad, good = rule_doc("SD342").examples("Bad"), rule_doc("SD342").examples("Good")
    root = write(tmp_path, {"strategy/index.md": "# Home\n", "strategy/m.md": bad[0],
                            "pyproject.toml": '[tool.stratdocs.sources]\nclaims = "duckdb:///:memory:"\n'})
    out = run_cli("lint", cwd=root).stdout
    assert ("strategy/m.md:12:11: error SD342 readings.source 'claimz' is no data source in the settings; "
            "did you mean 'claims'?") in out, out
    (root / "strategy/m.md").write_text(good[0])
    assert run_cli("lint", cwd=root).returncode == 0
    (root / "pyproject.toml").write_text('[tool.stratdocs.sources]\nwarehouse = "sqlite:///w.db"\n')
    out = run_cli("lint", cwd=root).stdout
    assert "'claims' is no data source in the settings (known: warehouse)" in out
    (root / "pyproject.toml").write_text("")  # no source at all: this project does not pull
    assert run_cli("lint", cwd=root).returncode == 0
