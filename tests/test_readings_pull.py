"""Pulling and adding readings, against real databases: DuckDB, SQLite and a PostgreSQL server started here."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from stratdocs.config import Config, ConfigError
from stratdocs.readings.csvfile import Reading
from stratdocs.readings.merge import MergeError, merge_file
from stratdocs.readings.pull import readings_from_rows
from stratdocs.readings.sources import Secrets, SourceError, resolve_url

from conftest import REPO, TODAY, run_cli, write

METRIC = """---
kind: metric
id: {id}
title: {id}
status: active
owner: Test
definition: What is counted, over what population and period
unit: "%"
direction: up
source: the test database
readings:
  source: {source}
  query: |
    {query}
---
"""
WEEKLY = "week,value\n2026-11-02,40\n2026-11-09,41.5\n2026-11-16,43\n"
FROM_CSV = "select week as date, value from read_csv('data/weekly.csv') order by week"


def project(root: Path, sources: dict[str, str], metrics: dict[str, tuple[str, str]],
            files: dict[str, str] | None = None) -> Path:
    """A project: pyproject sources, metrics (id -> source, query) in strategy/, and any other files."""
    table = "".join(f"{name} = {json.dumps(url)}\n" for name, url in sources.items())
    docs = {f"strategy/{metric_id}.md": METRIC.format(id=metric_id, source=source, query=query)
            for metric_id, (source, query) in metrics.items()}
    return write(root, {"pyproject.toml": f"[tool.stratdocs.sources]\n{table}", **docs, **(files or {})})


def r(day: str, value: float, note: str = "") -> Reading:
    return Reading(dt.date.fromisoformat(day), float(value), note)


# --- merging -----------------------------------------------------------------------------------


def test_new_dates_are_added_in_order_and_nothing_is_deleted(tmp_path):
    path = write(tmp_path, {"m.csv": "date,value\n2026-11-09,41\n2026-11-23,44\n"}) / "m.csv"
    merge = merge_file(path, "m", "%", [r("2026-11-16", 42.5), r("2026-11-30", 45)], restate=False)
    assert [str(x.date) for x in merge.added] == ["2026-11-16", "2026-11-30"] and merge.written
    assert path.read_text() == "date,value\n2026-11-09,41\n2026-11-16,42.5\n2026-11-23,44\n2026-11-30,45\n"


def test_a_changed_past_value_is_reported_and_kept_unless_restated(tmp_path):
    path = write(tmp_path, {"m.csv": "date,value\n2026-11-09,41\n2026-11-16,42\n"}) / "m.csv"
    before = path.read_bytes()
    merge = merge_file(path, "m", "%", [r("2026-11-09", 41), r("2026-11-16", 42.4)], restate=False)
    assert [str(x) for x in merge.pending] == ["2026-11-16: 42 -> 42.4"]
    assert not merge.written and path.read_bytes() == before
    merge = merge_file(path, "m", "%", [r("2026-11-16", 42.4)], restate=True)
    assert merge.applied and merge.pending == []
    assert path.read_text() == "date,value\n2026-11-09,41\n2026-11-16,42.4\n"


def test_a_value_equal_but_for_float_noise_is_unchanged(tmp_path):
    path = write(tmp_path, {"m.csv": "date,value\n2026-11-16,16.6\n"}) / "m.csv"
    merge = merge_file(path, "m", "%", [r("2026-11-16", 100.0 * 0.166)], restate=False)
    assert merge.unchanged and not merge.written


def test_notes_from_the_source_are_kept_and_never_overwrite_the_files(tmp_path):
    path = write(tmp_path, {"m.csv": "date,value,note\n2026-11-09,41,\n2026-11-16,42,checked by hand\n"}) / "m.csv"
    merge = merge_file(path, "m", "%", [r("2026-11-09", 41, "from the source"), r("2026-11-16", 42, "other"),
                                        r("2026-11-23", 43, "provisional, final later")], restate=False)
    assert merge.notes_added == 1 and len(merge.added) == 1 and merge.pending == []
    assert path.read_text() == ('date,value,note\n2026-11-09,41,from the source\n2026-11-16,42,checked by hand\n'
                                '2026-11-23,43,"provisional, final later"\n')


def test_a_file_that_does_not_parse_is_never_rewritten(tmp_path):
    path = write(tmp_path, {"m.csv": "date,value\n2026-11-09,41\n2026-11-16,n/a\n"}) / "m.csv"
    before = path.read_bytes()
    with pytest.raises(MergeError, match=r"m\.csv:3:12: value 'n/a' is not a number.*left as it is"):
        merge_file(path, "m", "%", [r("2026-11-23", 43)], restate=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.csv"]  # no temporary file left behind


def test_a_new_file_is_created_with_its_folder(tmp_path):
    path = tmp_path / "readings" / "m.csv"
    merge_file(path, "m", "%", [r("2026-11-16", 42)], restate=False)
    assert path.read_text() == "date,value\n2026-11-16,42\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("columns,rows,message", [
    (["week", "value"], [], "name them date and value"),
    (["date", "value"], [(dt.date(2026, 11, 16), None)], r"row 1 \(2026-11-16\): no value \(NULL\)"),
    (["date", "value"], [("16/11/2026", 1)], "row 1: date '16/11/2026' is not a date"),
    (["date", "value"], [(dt.date(2026, 11, 16), "41%")], "write the number alone"),
    (["date", "value"], [(dt.date(2026, 11, 16), float("nan"))], "not a finite number"),
    (["date", "value"], [(dt.date(2026, 11, 16), True)], "not a number"),
    (["date", "value"], [("2026-11-16", 1), ("2026-11-16 00:00:00", 2)], "row 2: 2026-11-16 is also row 1"),
])
def test_bad_rows_fail_the_whole_query(columns, rows, message):
    with pytest.raises(SourceError, match=message):
        readings_from_rows(columns, rows, "%")


def test_rows_become_readings_whatever_types_the_driver_gives():
    import decimal

    rows = [(dt.datetime(2026, 11, 9, 0, 0), decimal.Decimal("41.50"), None),
            ("2026-11-16T00:00:00", "42", "line one\nline two")]
    assert readings_from_rows(["DATE", "Value", "note"], rows, "%") == [
        r("2026-11-09", 41.5), r("2026-11-16", 42, "line one line two")]


# --- sources and secrets -----------------------------------------------------------------------


def test_placeholders_fill_each_part_of_the_url_and_are_secrets(tmp_path):
    environ = {"PW": "p@ss/w:rd%", "USER": "app"}
    url, secrets = resolve_url("postgresql+psycopg://${USER}:${PW}@db:5432/claims", environ, tmp_path)
    assert (url.username, url.password, url.host, url.database) == ("app", "p@ss/w:rd%", "db", "claims")
    assert secrets.hide("user app, password p@ss/w:rd% or p%40ss%2Fw%3Ard%25") == "user ***, password *** or ***"
    url, _ = resolve_url("postgresql+psycopg://app:${PW}@db:${PORT}/claims", {**environ, "PORT": "6543"}, tmp_path)
    assert (url.password, url.host, url.port) == ("p@ss/w:rd%", "db", 6543)
    url, _ = resolve_url("${DATABASE_URL}", {"DATABASE_URL": "postgresql+psycopg://app:pw@db/claims"}, tmp_path)
    assert (url.password, url.host, url.database) == ("pw", "db", "claims")
    with pytest.raises(SourceError, match="environment variable MISSING is not set"):
        resolve_url("postgresql+psycopg://app:${MISSING}@db/claims", environ, tmp_path)


def test_relative_file_databases_are_in_the_project(tmp_path):
    assert resolve_url("sqlite:///data/c.sqlite", {}, tmp_path)[0].database == str(tmp_path / "data/c.sqlite")
    assert resolve_url("duckdb:///c.duckdb", {}, tmp_path)[0].database == str(tmp_path / "c.duckdb")
    assert resolve_url("duckdb:///:memory:", {}, tmp_path)[0].database == ":memory:"
    assert resolve_url("sqlite:////abs/c.sqlite", {}, tmp_path)[0].database == "/abs/c.sqlite"


def test_secrets_hide_every_form_of_a_value():
    assert Secrets(("s3cret",)).hide("a s3cret b") == "a *** b"
    assert Secrets().hide("nothing") == "nothing"


@pytest.mark.parametrize("sources,message", [
    ({"c": "postgresql://app:hunter2@db/claims"}, "'sources.c': the URL holds a password; write it as ${ENV_VAR}"),
    ({"c": "postgresql://app:x${PW}@db/claims"}, "the URL holds a password"),
    ({"c": "claims.duckdb"}, "'sources.c' must be an SQLAlchemy URL"),
    ({"bad name": "duckdb:///:memory:"}, "'bad name' is not a source name"),
    ("duckdb:///:memory:", "'sources' must be a table"),
])
def test_the_sources_setting_is_checked_and_never_echoes_a_password(sources, message):
    with pytest.raises(ConfigError) as err:
        Config.from_mapping({"sources": sources}, "pyproject.toml")
    assert message in str(err.value) and "hunter2" not in str(err.value)


def test_a_password_placeholder_is_accepted():
    config = Config.from_mapping({"sources": {"c": "postgresql+psycopg://app:${PW}@db/claims"}}, "p")
    assert config.sources == (("c", "postgresql+psycopg://app:${PW}@db/claims"),)
    assert Config.from_mapping({"sources": {"c": "${DATABASE_URL}"}}, "p").sources == (("c", "${DATABASE_URL}"),)


def test_a_bad_sources_setting_is_a_usage_error(tmp_path):
    write(tmp_path, {"pyproject.toml": '[tool.stratdocs.sources]\nc = "postgresql://app:hunter2@db/c"\n',
                     "strategy/index.md": "# x\n"})
    for args in (["readings", "pull"], ["lint"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2 and "'sources.c'" in result.stderr
        assert "hunter2" not in result.stdout + result.stderr


# --- pull from the embedded default (DuckDB) and SQLite, driven as a user would -------------------


def test_pull_fills_then_reports_unchanged(tmp_path):
    project(tmp_path, {"claims": "duckdb:///:memory:"}, {"m": ("claims", FROM_CSV)}, {"data/weekly.csv": WEEKLY})
    first = run_cli("readings", "pull", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "m: 3 new\n"
    assert (tmp_path / "readings/m.csv").read_text() == "date,value\n2026-11-02,40\n2026-11-09,41.5\n2026-11-16,43\n"
    again = run_cli("readings", "pull", "m", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (0, "m: 0 new, unchanged\n")
    assert "pulled 1 metric(s): 0 new reading(s)" in again.stderr
    lint = run_cli("lint", cwd=tmp_path)
    assert "readings/" not in lint.stdout


def test_a_restatement_is_reported_exit_1_and_written_only_with_restate(tmp_path):
    project(tmp_path, {"claims": "duckdb:///:memory:"}, {"m": ("claims", FROM_CSV)},
            {"data/weekly.csv": WEEKLY, "readings/m.csv": "date,value\n2026-10-26,39\n2026-11-02,40\n2026-11-09,41\n"})
    result = run_cli("readings", "pull", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("m: 1 new, 1 restatement(s) reported, not written (--restate writes them): "
                             "2026-11-09: 41 -> 41.5\n")
    assert (tmp_path / "readings/m.csv").read_text() == (
        "date,value\n2026-10-26,39\n2026-11-02,40\n2026-11-09,41\n2026-11-16,43\n")  # new date in, 41 kept
    result = run_cli("readings", "pull", "--restate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "m: 0 new, 1 restated (2026-11-09: 41 -> 41.5)\n")
    assert (tmp_path / "readings/m.csv").read_text() == (
        "date,value\n2026-10-26,39\n2026-11-02,40\n2026-11-09,41.5\n2026-11-16,43\n")  # 2026-10-26 never deleted


def test_a_failed_query_changes_no_file_and_the_others_are_pulled(tmp_path):
    existing = "date,value\n2026-11-02,40\n"
    project(tmp_path, {"claims": "duckdb:///:memory:"},
            {"broken": ("claims", "select week as date, valu from read_csv('data/weekly.csv')"),
             "missing": ("claims", "select * from read_csv('data/nowhere.csv')"),
             "unknown-source": ("warehouse", FROM_CSV),
             "wrong-columns": ("claims", "select week, value from read_csv('data/weekly.csv')"),
             "good": ("claims", FROM_CSV)},
            {"data/weekly.csv": WEEKLY, **{f"readings/{m}.csv": existing for m in ("broken", "missing")}})
    result = run_cli("readings", "pull", cwd=tmp_path)
    assert result.returncode == 1
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["good"] == "3 new"
    assert lines["broken"].startswith("failed, nothing written: BinderException: ") and "valu" in lines["broken"]
    assert lines["missing"].startswith("failed, nothing written: IOException: ")
    assert lines["unknown-source"] == ("failed, nothing written: no source named 'warehouse' in the settings "
                                       "(known: claims)")
    assert "name them date and value" in lines["wrong-columns"]
    assert "4 failed" in result.stderr and "Traceback" not in result.stderr
    for metric in ("broken", "missing"):
        assert (tmp_path / f"readings/{metric}.csv").read_text() == existing
    assert not (tmp_path / "readings/wrong-columns.csv").exists()
    assert sorted(p.name for p in (tmp_path / "readings").iterdir()) == ["broken.csv", "good.csv", "missing.csv"]


def test_pull_never_rewrites_a_file_that_does_not_parse(tmp_path):
    bad = "date,value\n2026-11-02,40\n2026-11-09,forty-one\n"
    project(tmp_path, {"claims": "duckdb:///:memory:"}, {"m": ("claims", FROM_CSV)},
            {"data/weekly.csv": WEEKLY, "readings/m.csv": bad})
    result = run_cli("readings", "pull", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("m: failed, nothing written: readings/m.csv:3:12: value 'forty-one' is not a number: "
                             "fix the file first (`stratdocs lint` lists every problem); it was left as it is\n")
    assert (tmp_path / "readings/m.csv").read_text() == bad


def test_pull_from_a_sqlite_file_in_the_project(tmp_path):
    import sqlite3

    (tmp_path / "data").mkdir()
    with sqlite3.connect(tmp_path / "data/claims.sqlite") as db:
        db.execute("create table weekly (week text, calls integer, note text)")
        db.executemany("insert into weekly values (?, ?, ?)",
                       [("2026-11-09 00:00:00", 1620, None), ("2026-11-16", 1531, "one agent off sick, 100% sure")])
    # ':x' in a literal is no bind parameter: the query reaches SQLite as written.
    query = "select week as date, calls as value, note from weekly where coalesce(note, '') <> ':x'"
    project(tmp_path, {"contact": "sqlite:///data/claims.sqlite"}, {"calls": ("contact", query)})
    result = run_cli("readings", "pull", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "calls: 2 new\n"), result.stderr
    assert (tmp_path / "readings/calls.csv").read_text() == (
        'date,value,note\n2026-11-09,1620,\n2026-11-16,1531,"one agent off sick, 100% sure"\n')


def test_pull_names_unknown_metrics_and_metrics_without_a_query(tmp_path):
    project(tmp_path, {"claims": "duckdb:///:memory:"}, {"m": ("claims", FROM_CSV)},
            {"strategy/plain.md": METRIC.split("readings:")[0].format(id="plain") + "---\n"})
    result = run_cli("readings", "pull", "mx", cwd=tmp_path)
    assert result.returncode == 2 and "no metric has the id 'mx'; did you mean 'm'?" in result.stderr
    result = run_cli("readings", "pull", "zzz", cwd=tmp_path)
    assert result.returncode == 2 and "no metric has the id 'zzz' (known: m, plain)" in result.stderr
    result = run_cli("readings", "pull", "plain", cwd=tmp_path)
    assert result.returncode == 2 and "metric 'plain' names no readings" in result.stderr


def test_nothing_to_pull_says_so(tmp_path):
    write(tmp_path, {"strategy/plain.md": METRIC.split("readings:")[0].format(id="plain") + "---\n"})
    result = run_cli("readings", "pull", cwd=tmp_path)
    assert result.returncode == 0 and "nothing to pull" in result.stderr


# --- add ---------------------------------------------------------------------------------------


def test_add_records_a_reading_on_the_projects_day(tmp_path):
    project(tmp_path, {}, {"m": ("claims", FROM_CSV)})
    result = run_cli("readings", "add", "m", "41.5", "--note", "counted  by hand", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"readings/m.csv: {TODAY} 41.5 added\n")
    result = run_cli("readings", "add", "m", "-3", "--date", "2026-11-09", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "readings/m.csv").read_text() == (
        f"date,value,note\n2026-11-09,-3,\n{TODAY},41.5,counted by hand\n")
    result = run_cli("readings", "add", "m", "41.5", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"readings/m.csv: {TODAY} 41.5 already recorded: unchanged\n")


def test_add_refuses_a_different_value_on_a_recorded_date_unless_restate(tmp_path):
    project(tmp_path, {}, {"m": ("claims", FROM_CSV)}, {"readings/m.csv": f"date,value,note\n{TODAY},41,final\n"})
    result = run_cli("readings", "add", "m", "42", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (f"error: readings/m.csv already reads 41 (note 'final') on {TODAY}: "
                             "pass --restate to replace it\n")
    result = run_cli("readings", "add", "m", "41", "--note", "provisional", cwd=tmp_path)
    assert result.returncode == 1  # a different note is a restatement too, when a person writes it
    result = run_cli("readings", "add", "m", "42", "--restate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"readings/m.csv: {TODAY} 42 restated (was 41 (note 'final'))\n")
    assert (tmp_path / "readings/m.csv").read_text() == f"date,value,note\n{TODAY},42,final\n"


@pytest.mark.parametrize("args,message", [
    (["nope", "3"], "Invalid value for METRIC: no metric has the id 'nope'"),
    (["m", "41.5%"], "write the number alone (41.5)"),
    (["m", "forty"], "value 'forty' is not a number"),
    (["m", "inf"], "not a finite number"),
    (["m", "3", "--date", "2026-02-30"], "'2026-02-30' is not a date"),
])
def test_add_refuses_bad_input(tmp_path, args, message):
    project(tmp_path, {}, {"m": ("claims", FROM_CSV)})
    result = run_cli("readings", "add", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "readings").exists()


# --- the example -------------------------------------------------------------------------------


@pytest.fixture
def example(tmp_path):
    for name in ("strategy", "readings", "data", "slos"):
        shutil.copytree(REPO / name, tmp_path / name)
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def test_the_example_pull_finds_its_readings_unchanged(example):
    before = {p.name: p.read_bytes() for p in (example / "readings").iterdir()}
    result = run_cli("readings", "pull", cwd=example)
    assert result.returncode == 0, result.stdout + result.stderr
    # Every metric with a query; the team survey's readings are typed in (`readings add`), not pulled.
    pulled = [name for name in sorted(before)
              if "\nreadings:\n" in (example / "strategy/metrics" / name).with_suffix(".md").read_text()]
    assert "team-psychological-safety.csv" in before and "team-psychological-safety.csv" not in pulled
    assert result.stdout.splitlines() == [f"{Path(name).stem}: 0 new, unchanged" for name in pulled]
    assert {p.name: p.read_bytes() for p in (example / "readings").iterdir()} == before


def test_the_example_pull_fills_the_readings_from_its_data(example):
    before = (example / "readings/online-completion-rate.csv").read_text()
    shutil.rmtree(example / "readings")
    result = run_cli("readings", "pull", "online-completion-rate", "phone-uploads-started", cwd=example)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "online-completion-rate: 13 new\nphone-uploads-started: 6 new\n"
    assert (example / "readings/online-completion-rate.csv").read_text() == before
    assert run_cli("lint", cwd=example).returncode == 0


# --- PostgreSQL: a real server, started for the session -------------------------------------------


@dataclass(frozen=True)
class Postgres:
    socket_dir: Path
    port: int
    password: str  # of the role `app`, which owns the database `claims`

    def url(self, database: str = "claims") -> str:
        return f"postgresql+psycopg://app:${{CLAIMS_DB_PASSWORD}}@/{database}?host={self.socket_dir}&port={self.port}"


def _server_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres():
    binaries = _server_binaries()
    missing = ("the PostgreSQL server binaries (initdb, pg_ctl) are missing" if binaries is None else
               "running as root, and there is no postgres user to start the server as"
               if os.geteuid() == 0 and not _has_user("postgres") else "")
    if missing:
        # .ci/run installs Debian's postgresql; on CI its absence is a failure, elsewhere a skip.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{missing}: apt-get install postgresql")
    assert binaries is not None
    root = Path(tempfile.mkdtemp(prefix="stratdocs-pg-"))  # not under pytest's 0700 folder: the server reads it
    as_server = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(root, "postgres")
        as_server = ["runuser", "-u", "postgres", "--"]
    superuser = "Sup3r-" + os.urandom(6).hex()
    (root / "pw").write_text(superuser)
    if as_server:
        shutil.chown(root / "pw", "postgres")
    port = _free_port()

    def server(*args: str) -> None:
        subprocess.run([*as_server, *args], cwd=root, check=True, capture_output=True, timeout=120)

    server(str(binaries / "initdb"), "-D", str(root / "data"), "-U", "postgres", f"--pwfile={root / 'pw'}",
           "--auth=scram-sha-256", "-E", "UTF8", "--no-sync")
    server(str(binaries / "pg_ctl"), "-D", str(root / "data"), "-w", "-l", str(root / "log"), "-o",
           f"-p {port} -k {root} -c listen_addresses='' -c fsync=off", "start")
    try:
        yield _seed(Postgres(root, port, "App-" + os.urandom(8).hex()), superuser)
    finally:
        server(str(binaries / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _seed(pg: Postgres, superuser: str) -> Postgres:
    import psycopg

    with psycopg.connect(host=str(pg.socket_dir), port=pg.port, user="postgres", password=superuser,
                         dbname="postgres", autocommit=True) as db:
        db.execute(f"create role app login password '{pg.password}'")
        db.execute("create database claims owner app")
    with psycopg.connect(host=str(pg.socket_dir), port=pg.port, user="app", password=pg.password,
                         dbname="claims", autocommit=True) as db:
        db.execute("create table weekly (week date primary key, started int, completed int, note text)")
        db.execute("insert into weekly values ('2026-11-09', 5000, 2460, null), "
                   "('2026-11-16', 4900, 2381, 'outage: 100% of uploads failed for 2 hours')")
    return pg


PG_QUERY = ("select week as date, round(100.0 * completed / started, 1) as value, note, '100%' as unused "
            "from weekly order by week")


def test_pull_from_postgresql(tmp_path, postgres):
    project(tmp_path, {"claims": postgres.url()}, {"m": ("claims", PG_QUERY)})
    result = run_cli("readings", "pull", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password)
    assert (result.returncode, result.stdout) == (0, "m: 2 new\n"), result.stderr
    assert (tmp_path / "readings/m.csv").read_text() == (
        'date,value,note\n2026-11-09,49.2,\n2026-11-16,48.6,outage: 100% of uploads failed for 2 hours\n')
    assert postgres.password not in result.stdout + result.stderr


def test_credentials_never_appear_even_when_the_connection_fails(tmp_path, postgres):
    wrong = "Wr0ng-" + os.urandom(8).hex()
    project(tmp_path, {"claims": postgres.url(), "named": postgres.url("${CLAIMS_DB}")},
            {"m": ("claims", PG_QUERY), "n": ("named", PG_QUERY)},
            {"readings/m.csv": "date,value\n2026-11-09,49.2\n"})
    result = run_cli("readings", "pull", "m", cwd=tmp_path, CLAIMS_DB_PASSWORD=wrong)
    assert result.returncode == 1
    assert "password authentication failed" in result.stdout and "Traceback" not in result.stderr
    assert wrong not in result.stdout + result.stderr
    assert (tmp_path / "readings/m.csv").read_text() == "date,value\n2026-11-09,49.2\n"
    # Every value taken from the environment is hidden, even where the server repeats it.
    secret_db = "claims-" + os.urandom(4).hex()
    result = run_cli("readings", "pull", "n", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password, CLAIMS_DB=secret_db)
    assert result.returncode == 1 and 'database "***" does not exist' in result.stdout
    assert secret_db not in result.stdout + result.stderr and postgres.password not in result.stdout + result.stderr
    # No server there: the error names the socket, never the password.
    project(tmp_path, {"claims": postgres.url().replace(str(postgres.port), str(_free_port()))}, {})
    result = run_cli("readings", "pull", "m", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password)
    assert result.returncode == 1 and "cannot open source 'claims'" in result.stdout
    assert postgres.password not in result.stdout + result.stderr


def test_a_failed_postgresql_query_spoils_neither_the_file_nor_the_next_query(tmp_path, postgres):
    project(tmp_path, {"claims": postgres.url()},
            {"a-broken": ("claims", "select week as date, nonsense as value from weekly"), "b": ("claims", PG_QUERY)},
            {"readings/a-broken.csv": "date,value\n2026-11-02,1\n"})
    result = run_cli("readings", "pull", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("a-broken: failed, nothing written: UndefinedColumn: ")
    assert result.stdout.splitlines()[1] == "b: 2 new"
    assert (tmp_path / "readings/a-broken.csv").read_text() == "date,value\n2026-11-02,1\n"


def test_a_query_cannot_change_the_source(tmp_path, postgres):
    project(tmp_path, {"claims": postgres.url()},
            {"m": ("claims", "delete from weekly returning week as date, started as value")})
    result = run_cli("readings", "pull", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password)
    assert result.returncode == 0 and result.stdout == "m: 2 new\n"
    again = run_cli("readings", "pull", cwd=tmp_path, CLAIMS_DB_PASSWORD=postgres.password)
    assert again.stdout == "m: 0 new, unchanged\n"  # the delete was rolled back: the rows are still there
