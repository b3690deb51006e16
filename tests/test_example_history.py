"""The example strategy's history: history/replay_story.py plays history/story.yaml into a git repository
that ends in today's strategy/, readings/ and slos/, and the Alignment Index can replay it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from stratdocs.history.replay import read_history

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "history" / "replay_story.py"
STORY = REPO / "history" / "story.yaml"
FOLDERS = ("strategy", "readings", "slos")
AS_OF = dt.date(2026, 11, 23)


def replay(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(out), *args], capture_output=True, text=True,
                          check=False, timeout=120)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def working_files() -> dict[str, bytes]:
    """Today's files under the three folders, as the site reads them (hidden names left out)."""
    files = {}
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            rel = path.relative_to(REPO)
            if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in rel.parts):
                files[rel.as_posix()] = path.read_bytes()
    return files


def tree_at(repo: Path, commit: str) -> dict[str, bytes]:
    raw = subprocess.run(["git", "archive", "--format=tar", commit], cwd=repo, capture_output=True,
                         check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def commits(repo: Path) -> list[tuple[str, str, str, str]]:
    """(oid, ISO date, author, subject), oldest first."""
    out = git(repo, "log", "--reverse", "--format=%H%x00%ad%x00%cd%x00%an%x00%s", "--date=iso-strict")
    rows = []
    for line in out.splitlines():
        oid, authored, committed, author, subject = line.split("\0")
        assert authored == committed, line
        rows.append((oid, authored, author, subject))
    return rows


def rows_by(text: bytes, day: dt.date) -> list[bytes]:
    return [line for line in text.splitlines()[1:] if dt.date.fromisoformat(line[:10].decode()) <= day]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("history") / "example-history"
    done = replay(out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def story() -> dict:
    return yaml.safe_load(STORY.read_text(encoding="utf-8"))


def test_commits_are_on_the_story_dates_in_order_at_noon_utc(history: Path, story: dict) -> None:
    log = commits(history)
    stamps = [stamp for _, stamp, _, _ in log]
    assert all(s.endswith("T12:00:00+00:00") for s in stamps), stamps
    days = [dt.date.fromisoformat(s[:10]) for s in stamps]
    assert days == sorted(days)
    assert days[0] == dt.date(2026, 8, 3) and days[-1] == AS_OF
    steps = story["steps"]
    # Each step is a commit, in the story's order, by its author, on its date.
    by_step = [(day.isoformat(), author, subject) for (_, _, author, subject), day in zip(log, days, strict=True)
               if author != "Claims readings pull"]
    assert by_step == [(s["date"].isoformat(), s["author"], s["message"]) for s in steps]
    # Readings arrive week by week, in a commit of their own before the day's steps.
    reading_days = {day for day, (_, _, author, _) in zip(days, log, strict=True) if author == "Claims readings pull"}
    assert {dt.date(2026, 8, 31) + dt.timedelta(weeks=n) for n in range(13)} <= reading_days
    assert git(history, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"


def test_the_history_ends_in_todays_files_byte_for_byte(history: Path) -> None:
    today = working_files()
    final = tree_at(history, "HEAD")
    assert {p: c for p, c in final.items() if p.split("/")[0] in FOLDERS} == today
    # The work tree is the last commit, and the documents added this branch are in it.
    assert git(history, "status", "--porcelain") == ""
    assert (history / "strategy" / "metrics" / "team-psychological-safety.md").read_bytes() == \
        today["strategy/metrics/team-psychological-safety.md"]


def test_readings_hold_only_rows_dated_by_their_commit(history: Path) -> None:
    today = {p: t for p, t in working_files().items() if p.startswith("readings/") and p.endswith(".csv")}
    checked = 0
    for oid, stamp, _, _ in commits(history):
        day = dt.date.fromisoformat(stamp[:10])
        tree = tree_at(history, oid)
        for path, text in today.items():
            rows = rows_by(text, day)
            if not rows:
                assert path not in tree, (day, path)
                continue
            lines = tree[path].splitlines()
            assert lines[0] == text.splitlines()[0]
            assert lines[1:] == rows, (day, path)
            checked += 1
    assert checked > 100
    # One intermediate day, spelled out: the phone upload pilot's first reading, two months of surveys.
    tree = tree_at(history, [oid for oid, stamp, _, _ in commits(history) if stamp.startswith("2026-10-19")][-1])
    assert tree["readings/phone-uploads-started.csv"] == b"date,value\n2026-10-19,2\n"
    assert len(tree["readings/team-psychological-safety.csv"].splitlines()) == 3
    assert "readings/upload-success-rate.csv" in tree


def test_two_runs_give_the_same_commits(history: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert replay(again).returncode == 0
    assert [c[0] for c in commits(again)] == [c[0] for c in commits(history)]
    # Run into the same folder again: replaced whole, with the same commits, and nothing left beside it.
    assert replay(again).returncode == 0
    assert [c[0] for c in commits(again)] == [c[0] for c in commits(history)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again"]


def test_a_failed_run_leaves_the_last_history_and_a_foreign_folder_alone(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert replay(out).returncode == 0
    head = git(out, "rev-parse", "HEAD")
    bad = tmp_path / "story.yaml"
    data = yaml.safe_load(STORY.read_text(encoding="utf-8"))
    data["steps"][1]["add"].append("strategy/aims/no-such-aim.md")
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = replay(out, "--story", str(bad))
    assert done.returncode == 1 and "no-such-aim.md is not a file" in done.stderr
    assert git(out, "rev-parse", "HEAD") == head
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "story.yaml"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    done = replay(mine)
    assert done.returncode == 1 and "not made by this script" in done.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_read_history_sees_the_documents_versions(history: Path) -> None:
    replayed = read_history(history / "strategy", history / "readings", by=AS_OF)
    assert replayed.available and not replayed.shallow
    assert len(replayed.commits) == len(commits(history))

    def declared(doc_id: str) -> list[tuple[str, str | None]]:
        versions = replayed.docs[doc_id]
        return [(v.day.isoformat(), v.value.get("health") if v.value else None) for v in versions]

    # The thermocline and the surprise: on-track while the gate was off course, then off-track at the gate.
    assert [h for _, h in declared("online-claim-completion")] == [
        None, "on-track", "off-track", "at-risk", "on-track"]
    assert declared("same-day-evidence") == [
        ("2026-10-05", "on-track"), ("2026-10-26", "at-risk"), ("2026-11-16", "on-track"), ("2026-11-23", "at-risk")]
    sheet = replayed.doc_at("online-claim-completion", dt.date(2026, 10, 26))
    assert sheet is not None and sheet.get("stage_gate", "decision_date") == "2026-10-26"
    assert replayed.first_day("continue-save-and-resume") == dt.date(2026, 11, 2)
    assert replayed.first_day("change-resume-email") == dt.date(2026, 11, 16)
    assumption = replayed.doc_at("claimants-return-to-late-email", dt.date(2026, 11, 9))
    assert assumption is not None and assumption.get("result") == "invalidated" and not assumption.get("decided_by")
    series = replayed.series_at("phone-uploads-started", dt.date(2026, 10, 26))
    assert series is not None and [r.value for r in series.readings] == [2, 5]
    survey = replayed.series_at("team-psychological-safety", AS_OF)
    assert survey is not None and len(survey.readings) == 4


def test_mkdocs_names_the_history_the_makefile_makes_and_git_ignores() -> None:
    options = next(p["stratdocs"] for p in yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
                   if isinstance(p, dict) and "stratdocs" in p)
    folder = options["alignment"]["history"]
    assert options["as_of"] == AS_OF
    assert f"HISTORY := {folder}\n" in (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"{folder.split('/')[0]}/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_every_dimension_of_the_alignment_index_is_measured(history: Path) -> None:
    compute = pytest.importorskip("stratdocs.alignment.compute")
    from stratdocs.alignment.model import COURSE_CORRECTION, DIMENSIONS, INFORMATION_FLOW, SURPRISE
    from stratdocs.config import load_config

    config = load_config(REPO, {"as_of": AS_OF, "alignment": {"history": str(history)}}, ())
    index = compute.alignment_index(REPO / "strategy", config)
    assert index.history.available, index.history.reason
    for key in DIMENSIONS:
        dimension = index.dimension(key)
        assert dimension is not None and dimension.measured and dimension.rows, (key, dimension)
    # Answered and followed after some days, not only on the same day.
    for key in (COURSE_CORRECTION, INFORMATION_FLOW):
        dimension = index.dimension(key)
        assert dimension is not None
        assert any(r.until is not None and (r.days or 0) > 0 for r in dimension.rows), (key, dimension.rows)
    surprise = index.dimension(SURPRISE)
    assert surprise is not None
    assert ("online-claim-completion", dt.date(2026, 10, 26)) in {(r.doc_id, r.day) for r in surprise.rows}
