"""The strategy's history replayed: every version of every document and readings file, by day, from one
`git log` and one `git cat-file` for the whole history (never a process per commit or per file)."""

from __future__ import annotations

import bisect
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ..document import Document, is_discovered
from ..load.gitrev import Entry, GitError, read_blobs
from ..load.load import display_path, load_bytes
from ..load.sources import MAX_MARKDOWN_BYTES
from ..readings.csvfile import MAX_BYTES, Series, read_series
from .lastchange import run_git, unreadable

T = TypeVar("T")
_ZERO_OID = "0" * 40
_FALLBACK = "the Alignment Index needs the strategy's git history"


@dataclass(frozen=True)
class Version(Generic[T]):
    day: dt.date  # the UTC day of the last commit that day that changed it
    commit: str  # that commit
    value: T | None  # None: deleted (or no longer a document with this id)


class Versions(list[Version[T]]):
    """One thing's versions, oldest first, at most one per day (the day's last commit wins)."""

    def __init__(self) -> None:
        super().__init__()
        self.days: list[dt.date] = []  # each version's day, for bisect (asked a million times in a replay)

    def at(self, day: dt.date) -> T | None:
        """The version in the repository at the end of day; None before it existed or once deleted."""
        i = bisect.bisect_right(self.days, day)
        return self[i - 1].value if i else None

    def last(self) -> T | None:
        """The newest version that exists: what a deleted document said last."""
        return next((v.value for v in reversed(self) if v.value is not None), None)

    def put(self, day: dt.date, commit: str, value: T | None) -> None:
        if self and self[-1].day == day:
            self[-1] = Version(day, commit, value)
        else:
            self.append(Version(day, commit, value))
            self.days.append(day)


@dataclass(frozen=True)
class Commit:
    oid: str
    day: dt.date


@dataclass
class History:
    """What the strategy folder and the readings folder held on each day a commit changed them."""

    available: bool = True
    reason: str = ""  # one sentence: why not available, or what a shallow clone hides
    shallow: bool = False
    commits: list[Commit] = field(default_factory=list)  # oldest first, up to `by`
    docs: dict[str, Versions[Document]] = field(default_factory=dict)  # by document id
    paths: dict[str, str] = field(default_factory=dict)  # document id -> its last path, relative to the folder
    readings: dict[str, Versions[Series]] = field(default_factory=dict)  # by metric id (the file's stem)

    def doc_at(self, doc_id: str, day: dt.date) -> Document | None:
        versions = self.docs.get(doc_id)
        return versions.at(day) if versions else None

    def series_at(self, metric_id: str, day: dt.date) -> Series | None:
        versions = self.readings.get(metric_id)
        return versions.at(day) if versions else None

    def first_day(self, doc_id: str) -> dt.date | None:
        """The day the document first entered the repository."""
        versions = self.docs.get(doc_id)
        return next((v.day for v in versions if v.value is not None), None) if versions else None

    def commit_of(self, doc_id: str, day: dt.date) -> str:
        """The commit that made the document what it was on day."""
        versions = self.docs.get(doc_id)
        if not versions:
            return ""
        i = bisect.bisect_right(versions.days, day)
        return versions[i - 1].commit if i else ""


@dataclass(frozen=True)
class _Change:
    day: dt.date
    commit: str
    path: str  # relative to the repository top
    oid: str | None  # None: deleted


def read_history(folder: Path, readings: Path | None = None, by: dt.date | None = None) -> History:
    """Every day's documents under folder and readings files in readings (one `<metric-id>.csv` each),
    ignoring commits after `by`. Follows the first parent: what the main line said, day by day."""
    if os.environ.get("STRATDOCS_NO_GIT", "") not in ("", "0"):
        return History(available=False, reason=f"STRATDOCS_NO_GIT is set: {_FALLBACK}")
    folder = Path(folder).resolve()
    if not folder.is_dir():
        return History(available=False, reason=f"{display_path(folder)} is not a folder: {_FALLBACK}")
    try:
        info = run_git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
        if info.returncode != 0:
            return History(available=False, reason=unreadable(info.stderr, _FALLBACK))
        top_line, shallow_line = info.stdout.splitlines()[:2]
        top = Path(os.fsdecode(top_line)).resolve()
        shallow = shallow_line.strip() == b"true"
        folders = [_relative(folder, top)]
        readings_at = _relative(readings.resolve(), top) if readings is not None else None
        if readings_at is not None:
            folders.append(readings_at)
        args = ["log", "--ignore-missing", "--reverse", "--first-parent", "--diff-merges=first-parent", "--raw",
                "-z", "--no-renames", "--no-abbrev", "--root", "--no-color", "--format=%x00%H %ct"]
        if by is not None:
            end = dt.datetime.combine(by + dt.timedelta(days=1), dt.time(), dt.UTC)
            args.append(f"--until=@{int(end.timestamp()) - 1} +0000")
        log = run_git(top, *args, "HEAD", "--", *[f or "." for f in folders if f is not None])
    except FileNotFoundError:
        return History(available=False, reason=f"git is not installed: {_FALLBACK}")
    except (OSError, ValueError) as err:
        return History(available=False, reason=f"git could not be run ({err}): {_FALLBACK}")
    if log.returncode != 0:
        return History(available=False, reason=unreadable(log.stderr, _FALLBACK))
    commits, changes = _parse_log(log.stdout)
    folder_at = folders[0] or ""
    docs = [c for c in changes if is_discovered(_under(c.path, folder_at))]
    sheets = [c for c in changes if readings_at is not None and _is_readings(c.path, readings_at)]
    try:
        blobs = _blobs([c for c in docs + sheets if c.oid is not None], top)
    except GitError as err:
        return History(available=False, reason=f"git cannot read the history ({err}): {_FALLBACK}")
    history = History(shallow=shallow, commits=commits, reason=(
        f"a shallow clone: the history starts at {commits[0].day.isoformat() if commits else 'its cut-off'}, "
        "where the clone was cut (fetch the whole history, e.g. `fetch-depth: 0`, to measure all of it)")
        if shallow else "")
    _replay(history, docs, sheets, blobs, top, folder_at)
    return history


def _relative(path: Path, top: Path) -> str | None:
    try:
        rel = path.relative_to(top)
    except ValueError:
        return None
    return "" if rel == Path(".") else rel.as_posix()


def _under(path: str, folder: str) -> str:
    return path[len(folder) + 1:] if folder and path.startswith(folder + "/") else "" if folder else path


def _is_readings(path: str, folder: str) -> bool:
    name = _under(path, folder)
    return bool(name) and "/" not in name and name.lower().endswith(".csv") and not name.startswith(".")


def _parse_log(out: bytes) -> tuple[list[Commit], list[_Change]]:
    """The log is, per commit, "\\0<oid> <time>\\0" then "\\n:<modes> <old> <new> <status>\\0<path>\\0" per file."""
    commits: list[Commit] = []
    changes: list[_Change] = []
    tokens = out.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token:  # a commit's header follows
            i += 1
            if i < len(tokens) and tokens[i]:
                oid, _, stamp = tokens[i].decode("ascii", "replace").partition(" ")
                commits.append(Commit(oid, dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()))
            i += 1
            continue
        meta = token.strip().decode("ascii", "replace").split()
        if len(meta) >= 5 and commits and i + 1 < len(tokens):
            new_mode, new_oid, status = meta[1], meta[3], meta[4]
            path = os.fsdecode(tokens[i + 1])
            deleted = status.startswith("D") or new_oid == _ZERO_OID or new_mode not in ("100644", "100755")
            changes.append(_Change(commits[-1].day, commits[-1].oid, path, None if deleted else new_oid))
        i += 2
    return commits, changes


def _blobs(changes: list[_Change], top: Path) -> dict[str, bytes]:
    """The contents by object id; only each day's last version of a file is read (the day's earlier ones are
    never replayed)."""
    last: dict[tuple[dt.date, str], str] = {}
    for change in changes:
        assert change.oid is not None
        last[(change.day, change.path)] = change.oid
    oids = sorted(set(last.values()))
    return read_blobs([Entry(oid, "100644", oid) for oid in oids], top)  # an Entry's path is its key


def _replay(history: History, docs: list[_Change], sheets: list[_Change], blobs: dict[str, bytes], top: Path,
            folder: str) -> None:
    """Day by day: each document by id (a renamed one keeps its id, so its history goes on), each readings file
    by metric id."""
    holders: dict[str, str] = {}  # path -> the id of the document there
    parsed: dict[str, Document | None] = {}
    units: dict[str, str | None] = {}
    series: dict[str, Series | None] = {}
    readings_paths = {c.path for c in sheets}
    changes = sorted(docs + sheets, key=lambda c: c.day)  # stable: commit order within a day
    start = 0
    while start < len(changes):
        day = changes[start].day
        end = start
        while end < len(changes) and changes[end].day == day:
            end += 1
        today = changes[start:end]
        last_of_day = {c.path: c for c in today}
        removed: set[str] = set()
        for path, change in last_of_day.items():
            if path in readings_paths:
                continue
            old = holders.pop(path, None)
            if old is not None:
                removed.add(old)
            doc = _document(change, blobs, parsed, top, folder)
            if doc is not None and doc.id:
                holders[path] = doc.id
                history.docs.setdefault(doc.id, Versions()).put(day, change.commit, doc)
                history.paths[doc.id] = _under(path, folder)
                if doc.kind == "metric":
                    unit = doc.get("unit")
                    units[doc.id] = unit if isinstance(unit, str) else None
        still_held = set(holders.values())
        for doc_id in removed - still_held:
            history.docs[doc_id].put(day, today[-1].commit, None)
        for path, change in last_of_day.items():
            if path not in readings_paths:
                continue
            metric = Path(path).stem
            found = _series(change, blobs, series, metric, units.get(metric))
            history.readings.setdefault(metric, Versions()).put(day, change.commit, found)
        start = end


def _document(change: _Change, blobs: dict[str, bytes], parsed: dict[str, Document | None], top: Path,
              folder: str) -> Document | None:
    if change.oid is None:
        return None
    if change.oid not in parsed:
        raw = blobs.get(change.oid)
        doc = None
        if raw is not None and len(raw) <= MAX_MARKDOWN_BYTES:
            try:
                doc = load_bytes(raw, display_path(top / change.path), _under(change.path, folder))
            except Exception:  # noqa: BLE001  (an old version that cannot be read is no version)
                doc = None
        parsed[change.oid] = doc if doc is not None and doc.kind and doc.id else None
    return parsed[change.oid]


def _series(change: _Change, blobs: dict[str, bytes], cache: dict[str, Series | None], metric: str,
            unit: str | None) -> Series | None:
    if change.oid is None:
        return None
    key = f"{change.oid}:{unit}"
    if key not in cache:
        raw = blobs.get(change.oid)
        found = None
        if raw is not None and len(raw) <= MAX_BYTES:
            try:
                found, _ = read_series(raw.decode("utf-8-sig"), change.path, metric, unit)
            except (UnicodeDecodeError, ValueError):
                found = None
        cache[key] = found
    return cache[key]
