"""When each document was last reviewed: git history read once (real repositories), `reviewed:`, cadence."""

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from stratdocs.document import Document
from stratdocs.evaluate.staleness import Review, last_review, reviews
from stratdocs.history.lastchange import LastChanges, last_changes

D = dt.date


@pytest.fixture(autouse=True)
def _git_allowed(monkeypatch):
    monkeypatch.delenv("STRATDOCS_NO_GIT", raising=False)


def git(cwd: Path, *args: str, when: str = "2026-11-01T12:00:00+00:00", author_when: str | None = None):
    """git with a known identity and dates, and without the user's config (signing, hooks, default branch)."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=author_when or when)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def commit(repo: Path, when: str, files: dict[str, str] | None = None, remove=(), author_when: str | None = None):
    for name, text in (files or {}).items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if remove:
        git(repo, "rm", "-q", *remove)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", f"at {when}", when=when, author_when=author_when)


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    return repo


def at(day: str, time: str = "12:00:00") -> str:
    return f"{day}T{time}+00:00"


def dates_by_name(changes: LastChanges, root: Path) -> dict[str, dt.date]:
    return {path.relative_to(root.resolve()).as_posix(): day for path, day in changes.dates.items()}


def doc(path: Path, **data) -> Document:
    return Document(path=str(path), src_uri=path.name, data={"kind": "alignment-sheet", "id": path.stem,
                                                             "status": "active", **data})


@pytest.fixture
def repo(tmp_path):
    """strategy/a.md and b.md on 1 November, a.md changed on 10 November; other/x.md outside the strategy."""
    repo = init(tmp_path / "repo")
    commit(repo, at("2026-11-01"), {"strategy/a.md": "a\n", "strategy/b.md": "b\n", "other/x.md": "x\n"})
    commit(repo, at("2026-11-10"), {"strategy/a.md": "a2\n", "other/x.md": "x2\n"})
    return repo


def test_each_file_has_the_day_of_its_latest_commit(repo):
    changes = last_changes(repo / "strategy")
    assert changes.available and not changes.shallow and changes.reason == ""
    assert dates_by_name(changes, repo) == {"strategy/a.md": D(2026, 11, 10), "strategy/b.md": D(2026, 11, 1)}
    assert all(path.is_absolute() and path == path.resolve() for path in changes.dates)


def test_files_outside_the_folder_are_left_out(repo):
    assert "other/x.md" not in dates_by_name(last_changes(repo / "strategy"), repo)
    assert dates_by_name(last_changes(repo / "other"), repo) == {"other/x.md": D(2026, 11, 10)}


def test_commits_after_by_are_ignored_to_the_second(repo):
    commit(repo, at("2026-11-12", "23:59:59"), {"strategy/b.md": "b2\n"})
    commit(repo, at("2026-11-13", "00:00:01"), {"strategy/a.md": "a3\n"})
    assert dates_by_name(last_changes(repo / "strategy", by=D(2026, 11, 5)), repo) == {
        "strategy/a.md": D(2026, 11, 1), "strategy/b.md": D(2026, 11, 1)}
    assert dates_by_name(last_changes(repo / "strategy", by=D(2026, 11, 12)), repo) == {
        "strategy/a.md": D(2026, 11, 10), "strategy/b.md": D(2026, 11, 12)}
    assert dates_by_name(last_changes(repo / "strategy", by=D(2026, 10, 31)), repo) == {}


def test_the_day_is_the_committers_in_utc(repo):
    # Committed at 23:30 in New York on the 14th is the 15th in UTC; the author's own date does not count.
    commit(repo, "2026-11-14T23:30:00-05:00", {"strategy/b.md": "b2\n"}, author_when=at("2026-10-01"))
    assert last_changes(repo / "strategy").dates[(repo / "strategy/b.md").resolve()] == D(2026, 11, 15)


def test_a_renamed_file_is_dated_under_its_new_name(repo):
    git(repo, "mv", "strategy/b.md", "strategy/c.md")
    commit(repo, at("2026-11-11"))
    assert dates_by_name(last_changes(repo / "strategy"), repo) == {"strategy/a.md": D(2026, 11, 10),
                                                                     "strategy/c.md": D(2026, 11, 11)}


def test_deleted_files_are_absent_unless_deleted_after_by(repo):
    commit(repo, at("2026-11-11"), remove=["strategy/b.md"])
    assert dates_by_name(last_changes(repo / "strategy"), repo) == {"strategy/a.md": D(2026, 11, 10)}
    assert "strategy/b.md" in dates_by_name(last_changes(repo / "strategy", by=D(2026, 11, 10)), repo)


def test_a_deleted_file_added_again_has_its_new_date(repo):
    commit(repo, at("2026-11-11"), remove=["strategy/b.md"])
    commit(repo, at("2026-11-12"), {"strategy/b.md": "back\n"})
    assert last_changes(repo / "strategy").dates[(repo / "strategy/b.md").resolve()] == D(2026, 11, 12)


def test_uncommitted_files_have_no_date_and_edits_keep_the_last_commits(repo):
    (repo / "strategy/new.md").write_text("new\n", encoding="utf-8")
    (repo / "strategy/a.md").write_text("edited, not committed\n", encoding="utf-8")
    assert dates_by_name(last_changes(repo / "strategy"), repo) == {"strategy/a.md": D(2026, 11, 10),
                                                                     "strategy/b.md": D(2026, 11, 1)}


def test_names_are_taken_literally_whatever_they_hold(tmp_path):
    repo = init(tmp_path / "repo")
    commit(repo, at("2026-11-01"), {"plan [draft]/é ü.md": "x\n", "plan d/other.md": "y\n"})
    changes = last_changes(repo / "plan [draft]")
    assert dates_by_name(changes, repo) == {"plan [draft]/é ü.md": D(2026, 11, 1)}


def test_a_single_file_can_be_the_root(repo):
    assert dates_by_name(last_changes(repo / "strategy/a.md"), repo) == {"strategy/a.md": D(2026, 11, 10)}


def test_a_repository_without_commits_has_no_dates(tmp_path):
    repo = init(tmp_path / "repo")
    (repo / "a.md").write_text("a\n", encoding="utf-8")
    assert last_changes(repo) == LastChanges()


def test_a_plain_folder_falls_back_to_reviewed(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.md").write_text("a\n", encoding="utf-8")
    changes = last_changes(folder)
    assert not changes.available and changes.dates == {}
    assert changes.reason == "not a git repository: last reviews are read from each document's `reviewed` date"
    found, read = reviews([doc(folder / "a.md", cadence={"review": "weekly"}, reviewed="2026-11-10")], folder,
                          D(2026, 11, 20))
    assert read == changes
    assert found == {"a": Review("weekly", D(2026, 11, 10), "reviewed", 10, True, 7)}


def test_stratdocs_no_git_forces_the_fallback(repo, monkeypatch):
    monkeypatch.setenv("STRATDOCS_NO_GIT", "1")
    changes = last_changes(repo / "strategy")
    assert not changes.available and changes.dates == {} and "STRATDOCS_NO_GIT" in changes.reason
    review = last_review(doc(repo / "strategy/a.md", reviewed="2026-11-03"), changes, D(2026, 11, 20))
    assert (review.last, review.source) == (D(2026, 11, 3), "reviewed")


def test_without_git_installed_nothing_breaks(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    changes = last_changes(repo / "strategy")
    assert not changes.available and changes.reason.startswith("git is not installed:")


def test_a_shallow_clone_says_so_and_dates_only_what_it_can_tell(repo, tmp_path):
    commit(repo, at("2026-11-15"), {"strategy/c.md": "c\n"})
    one = tmp_path / "depth1"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(one))
    changes = last_changes(one / "strategy")
    assert changes.available and changes.shallow and "shallow clone" in changes.reason
    assert changes.dates == {}  # every file shows up as added in the one commit: when it changed is unknown
    two = tmp_path / "depth2"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(two))
    assert dates_by_name(last_changes(two / "strategy"), two) == {"strategy/c.md": D(2026, 11, 15)}


@pytest.mark.parametrize("files", [3, 60])
def test_git_runs_the_same_number_of_times_for_3_files_or_60(tmp_path, monkeypatch, files):
    repo = init(tmp_path / "repo")
    for n in range(0, files, 3):
        commit(repo, at(f"2026-11-{1 + n % 28:02d}"), {f"strategy/{k}.md": f"{k}\n" for k in range(n, n + 3)})
    calls = []
    real_run = subprocess.run

    def counting_run(args, *rest, **kwargs):
        calls.append(args)
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    changes = last_changes(repo / "strategy", by=D(2026, 12, 1))
    assert len(changes.dates) == files
    assert [args[0] for args in calls] == ["git", "git"]  # rev-parse, then one log


@pytest.mark.parametrize(("reviewed", "expected"), [("2026-11-12", (D(2026, 11, 12), "reviewed")),
                                                    ("2026-11-05", (D(2026, 11, 10), "git")),
                                                    ("2026-11-10", (D(2026, 11, 10), "reviewed")),
                                                    ("2026-12-25", (D(2026, 11, 10), "git")),
                                                    ("last week", (D(2026, 11, 10), "git"))])
def test_the_later_of_git_and_reviewed_is_the_last_review(repo, reviewed, expected):
    changes = last_changes(repo / "strategy", by=D(2026, 11, 20))
    review = last_review(doc(repo / "strategy/a.md", reviewed=reviewed), changes, D(2026, 11, 20))
    assert (review.last, review.source) == expected  # a date after today, or no date, is ignored


def test_a_commit_after_today_is_ignored(repo):
    changes = last_changes(repo / "strategy")  # not read as of today: holds the 10 November commit
    review = last_review(doc(repo / "strategy/a.md"), changes, D(2026, 11, 5))
    assert (review.last, review.source, review.days) == (None, "", None)


@pytest.mark.parametrize(("cadence", "days", "stale"), [("weekly", 7, False), ("weekly", 8, True),
                                                        ("daily", 1, False), ("daily", 2, True),
                                                        ("monthly", 31, False), ("monthly", 32, True),
                                                        ("quarterly", 92, False), ("quarterly", 93, True)])
def test_stale_only_past_the_cadence(tmp_path, cadence, days, stale):
    today = D(2026, 11, 20)
    reviewed = (today - dt.timedelta(days=days)).isoformat()
    review = last_review(doc(tmp_path / "a.md", cadence={"review": cadence}, reviewed=reviewed), LastChanges(),
                         today)
    assert (review.days, review.stale) == (days, stale)


@pytest.mark.parametrize("status", ["draft", "paused", "done", "stopped", "superseded", None])
def test_only_active_documents_go_stale(tmp_path, status):
    review = last_review(doc(tmp_path / "a.md", status=status, cadence={"review": "weekly"}, reviewed="2026-01-01"),
                         LastChanges(), D(2026, 11, 20))
    assert review.days == 323 and not review.stale


def test_without_a_last_review_we_cannot_tell(tmp_path):
    review = last_review(doc(tmp_path / "a.md", cadence={"review": "weekly"}), LastChanges(), D(2026, 11, 20))
    assert review == Review("weekly", None, "", None, False, 7)


@pytest.mark.parametrize("cadence", [None, "sometimes", {"review": "fortnightly-ish"}, {"review": ["weekly"]},
                                     ["weekly"], {"review": {"every": 7}}])
def test_an_unknown_cadence_is_never_stale(tmp_path, cadence):
    review = last_review(doc(tmp_path / "a.md", cadence=cadence, reviewed="2026-01-01"), LastChanges(),
                         D(2026, 11, 20))
    assert (review.cadence, review.stale, review.due_days, review.last) == (None, False, None, D(2026, 1, 1))


def test_reviews_reads_the_history_once_for_the_kinds_with_a_cadence(repo):
    root = repo / "strategy"
    docs = [doc(root / "a.md", cadence={"review": "weekly"}),
            doc(root / "b.md", kind="ogsm", cadence={"review": "weekly"}),
            doc(root / "b.md", kind="kata", id="kata-b", status="draft", cadence={"review": "daily"}),
            doc(root / "b.md", kind="metric", id="a-metric"),
            doc(root / "b.md", id="")]
    found, changes = reviews(docs, root, D(2026, 11, 20))
    assert changes.available and sorted(found) == ["a", "b", "kata-b"]
    assert found["a"] == Review("weekly", D(2026, 11, 10), "git", 10, True, 7)
    assert found["b"] == Review("weekly", D(2026, 11, 1), "git", 19, True, 7)
    assert found["kata-b"] == Review("daily", D(2026, 11, 1), "git", 19, False, 1)
    assert reviews(docs, root, D(2026, 11, 5))[0]["a"].last == D(2026, 11, 1)  # read as of the day


def test_reviews_without_a_folder_has_no_history(tmp_path):
    found, changes = reviews([doc(tmp_path / "a.md", reviewed="2026-11-01")], None, D(2026, 11, 20))
    assert not changes.available and changes.reason and found["a"].source == "reviewed"
