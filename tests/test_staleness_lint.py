"""Staleness end to end: SD606 and the page's last review read from a real git history, and without git."""

import os
import subprocess

from bs4 import BeautifulSoup

from conftest import build_site, run_cli, write
from samples import METRICS, SHEET, line_of

SHEET_PATH = "strategy/aims/sheet.md"


def git(cwd, *args, when=None):
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        env.update(GIT_AUTHOR_DATE=f"{when}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{when}T12:00:00+00:00")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def project(root, sheet=SHEET, committed="2026-11-10"):
    """A sheet with a weekly cadence, committed on a chosen day; linted as of 2026-11-23 (conftest)."""
    write(root, {SHEET_PATH: sheet, **{f"strategy/metrics/{name}": text for name, text in METRICS.items()}})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the sheet", when=committed)
    return root


def overdue(lint) -> list[str]:
    return [row for row in lint.stdout.splitlines() if " SD606 " in row]


def test_a_sheet_last_changed_13_days_ago_is_overdue_for_its_weekly_review(tmp_path):
    lint = run_cli("lint", "strategy", cwd=project(tmp_path))
    where = f"{SHEET_PATH}:{line_of(SHEET, '  review: weekly')}:11:"
    assert [row.split(" ")[0] for row in overdue(lint)] == [where], lint.stdout
    assert "not reviewed for 13 days" in overdue(lint)[0] and "2026-11-10" in overdue(lint)[0]


def test_a_later_commit_is_a_review(tmp_path):
    root = project(tmp_path)
    write(root, {SHEET_PATH: SHEET + "\nReviewed on Tuesday: signals as expected.\n"})
    git(root, "commit", "-qam", "weekly review", when="2026-11-17")
    assert overdue(run_cli("lint", "strategy", cwd=root)) == []


def test_a_reviewed_date_later_than_git_counts(tmp_path):
    root = project(tmp_path, SHEET.replace("status: active\n", "status: active\nreviewed: 2026-11-20\n"))
    assert overdue(run_cli("lint", "strategy", cwd=root)) == []


def test_without_git_only_reviewed_counts_and_lint_says_so(tmp_path):
    root = project(tmp_path)
    lint = run_cli("lint", "strategy", cwd=root, STRATDOCS_NO_GIT="1")
    assert overdue(lint) == [] and "last reviews: STRATDOCS_NO_GIT is set" in lint.stderr
    stale = SHEET.replace("status: active\n", "status: active\nreviewed: 2026-11-01\n")
    write(root, {SHEET_PATH: stale})
    lint = run_cli("lint", "strategy", cwd=root, STRATDOCS_NO_GIT="1")
    assert len(overdue(lint)) == 1 and "last reviewed 2026-11-01" in overdue(lint)[0]


def test_the_page_says_when_and_from_where(tmp_path):
    root = project(tmp_path)
    result = build_site(root, {})
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((root / "site/aims/sheet/index.html").read_text(encoding="utf-8"), "html.parser")
    review = soup.select_one(".sd-review-state").get_text(" ", strip=True)
    assert review.startswith("Last reviewed 2026-11-10, 13 days ago (from git history); weekly cadence")
    assert "review overdue" in review
