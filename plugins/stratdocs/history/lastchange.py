"""When each file under a folder last changed: one `git log` for the whole folder, whatever its size."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

FALLBACK = "last reviews are read from each document's `reviewed` date"


@dataclass(frozen=True)
class LastChanges:
    dates: dict[Path, dt.date] = field(default_factory=dict)  # absolute resolved path -> UTC day of its last commit
    available: bool = True  # False: no git history to read (reason says why)
    shallow: bool = False  # a shallow clone: files last changed before its oldest commit have no date
    reason: str = ""  # one sentence when not available or shallow


def last_changes(root: Path, by: dt.date | None = None) -> LastChanges:
    """The day of each file's latest commit under root, ignoring commits after `by`; never raises for "no git".

    Two git processes in all: `rev-parse` for the top folder and shallowness, then one `log`.
    """
    if os.environ.get("STRATDOCS_NO_GIT", "") not in ("", "0"):
        return LastChanges(available=False, reason=f"STRATDOCS_NO_GIT is set: {FALLBACK}")
    root = Path(root).resolve()
    folder = root if root.is_dir() else root.parent
    if not folder.is_dir():
        return LastChanges(available=False, reason=f"{root} does not exist: {FALLBACK}")
    try:
        info = run_git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
        if info.returncode != 0:
            return LastChanges(available=False, reason=unreadable(info.stderr))
        top_line, shallow_line = info.stdout.splitlines()[:2]
        top, shallow = Path(os.fsdecode(top_line)).resolve(), shallow_line.strip() == b"true"
        # Committer dates (what `--until` filters on); a file's status tells a deletion from a change;
        # --ignore-missing: a repository without commits yet is an empty history, not an error.
        args = ["log", "--ignore-missing", "--no-renames", "--root", "--no-color", "--name-status", "-z",
                "--format=%x00%ct %P"]
        if by is not None:
            end = dt.datetime.combine(by + dt.timedelta(days=1), dt.time(), dt.UTC)
            args.append(f"--until=@{int(end.timestamp()) - 1} +0000")
        log = run_git(top, *args, "HEAD", "--", str(root))
    except FileNotFoundError:
        return LastChanges(available=False, reason=f"git is not installed: {FALLBACK}")
    except (OSError, ValueError) as err:  # ValueError: rev-parse printed less than asked, an unknown git
        return LastChanges(available=False, reason=f"git could not be run ({err}): {FALLBACK}")
    if log.returncode != 0:
        return LastChanges(available=False, reason=unreadable(log.stderr))
    reason = ("a shallow clone: files last changed before its oldest commit have no date from git "
              "(fetch the whole history, e.g. `fetch-depth: 0`, to read them)") if shallow else ""
    return LastChanges(_dates(log.stdout, top, shallow), shallow=shallow, reason=reason)


def run_git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # Options a user's config could change are set here: signatures would add lines to the log, and
    # paths are taken literally (a folder named `[draft]` is not a glob). LC_ALL=C: messages we can read.
    command = ["git", "--literal-pathspecs", "-c", "log.showSignature=false", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=dict(os.environ, LC_ALL="C"))


def unreadable(stderr: bytes, fallback: str = FALLBACK) -> str:
    """Why git could not read the history, in one sentence ending in what happens instead (fallback)."""
    message = stderr.decode("utf-8", "replace").strip().splitlines()
    first = message[0].removeprefix("fatal: ") if message else "no message"
    if first.startswith("not a git repository"):
        return f"not a git repository: {fallback}"
    return f"git cannot read the history ({first}): {fallback}"


def _dates(out: bytes, top: Path, shallow: bool) -> dict[Path, dt.date]:
    """Each path's day in its newest commit; the log is "\\0<time> <parents>\\0\\n<status>\\0<path>\\0..." per commit.

    Paths never hold NUL and are never empty, so "\\0\\0" only separates commits.
    """
    latest: dict[bytes, dt.date | None] = {}  # None: deleted there, or changed at an unknown day
    for commit in out[1:].split(b"\0\0") if out else ():
        parts = commit.split(b"\0")
        stamp, _, parents = parts[0].partition(b" ")
        day: dt.date | None = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        # A shallow clone's oldest commits have no parents and show every file as added: when those
        # files really changed, git cannot tell.
        if shallow and not parents.strip():
            day = None
        for status, path in zip(parts[1::2], parts[2::2], strict=False):  # the last commit ends in a NUL
            latest.setdefault(path, None if status.endswith(b"D") else day)
    return {top / os.fsdecode(name): day for name, day in latest.items() if day is not None}
