"""One date parser, accepting exactly what the schema accepts, used by rules, pages and settings."""

import datetime as dt
import json

import pytest

from stratdocs.dates import parse_date
from stratdocs.load.load import load_bytes
from stratdocs.render.alignment_sheet import gate_html
from stratdocs.render.context import RenderContext

from conftest import run_cli, write
from samples import sheet, with_metrics

NOT_DATES = ["20260101", "2026-W01-1", "2026-001", "2026-1-01", "2026-01-1", "2026-01-01T00:00", " 2026-01-01",
             "2026-01-01 ", "２０２６-01-01", "٢٠٢٦-٠١-٠١", "2026-02-30", "2026-13-01", "0000-01-01", "", "today"]


@pytest.mark.parametrize("text", NOT_DATES)
def test_what_the_schema_refuses_is_not_a_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [None, 20260101, 2026.0, ["2026-01-01"], {"d": "2026-01-01"}, True])
def test_non_strings_are_not_dates(value):
    assert parse_date(value) is None


def test_dates_the_schema_accepts():
    assert parse_date("2026-01-01") == dt.date(2026, 1, 1) and parse_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["20260101", "2026-W01-1", "2026-001"])
def test_a_refused_gate_date_is_only_a_schema_finding(tmp_path, text):
    """The gate is long past if read as a date: neither SD105 nor the page may read it so."""
    write(tmp_path, with_metrics({"strategy/a.md": sheet(**{"decision_date: 2026-12-07": f"decision_date: '{text}'"})},
                                 "strategy/"))
    result = run_cli("lint", "--format", "json", "strategy", cwd=tmp_path)
    codes = {f["code"] for f in json.loads(result.stdout)}
    assert "SD006" in codes and "SD105" not in codes
    doc = load_bytes((tmp_path / "strategy" / "a.md").read_bytes(), "a.md", "a.md")
    html = gate_html(doc, RenderContext(today=dt.date(2026, 11, 23)))
    assert "overdue" not in html and "days left" not in html and text in html


@pytest.mark.parametrize("text", ["20261123", "2026-W48-1", "soon"])
def test_settings_take_the_same_dates(tmp_path, text):
    write(tmp_path / "pinned", {"pyproject.toml": f"[tool.stratdocs]\nas_of = '{text}'\n", "strategy/a.md": "# page\n"})
    result = run_cli("lint", "strategy", cwd=tmp_path / "pinned")
    assert result.returncode == 2 and "'as_of' must be a date" in result.stderr
    write(tmp_path / "clock", {"strategy/a.md": "# page\n"})
    result = run_cli("lint", "strategy", cwd=tmp_path / "clock", STRATDOCS_TODAY=text)
    assert result.returncode == 2 and "STRATDOCS_TODAY" in result.stderr
    assert run_cli("lint", "strategy", cwd=tmp_path / "clock", STRATDOCS_TODAY="2026-11-23").returncode == 0
