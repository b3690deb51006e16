"""New readings merged into a metric's file: dates added, nothing deleted, a changed past value reported."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..load.load import display_path
from ..load.sources import Policy
from .csvfile import Reading, number_text, read_series, write_series
from .folder import file_text


class MergeError(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class Restatement:
    """A reading whose past value (or, for `add --note`, note) the newer one changes."""

    old: Reading
    new: Reading

    @property
    def date(self) -> dt.date:
        return self.old.date

    def __str__(self) -> str:
        if same_value(self.old.value, self.new.value):
            return f"{self.date}: note '{self.old.note}' -> '{self.new.note}'"
        return f"{self.date}: {number_text(self.old.value)} -> {number_text(self.new.value)}"


@dataclass
class Merge:
    """What merging did to one metric's file."""

    metric_id: str
    path: str  # as shown
    added: list[Reading] = field(default_factory=list)
    restated: list[Restatement] = field(default_factory=list)
    applied: bool = False  # the restatements were written (--restate)
    notes_added: int = 0  # readings that had no note and got the source's
    written: bool = False

    @property
    def pending(self) -> list[Restatement]:
        """Restatements reported but not written."""
        return [] if self.applied else self.restated

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.restated or self.notes_added)


def same_value(a: float, b: float) -> bool:
    # A database's 16.599999999999998 is the file's 16.6.
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def merge_readings(existing: Sequence[Reading], incoming: Sequence[Reading], merge: Merge, restate: bool,
                   notes_restate: bool = False) -> list[Reading]:
    """The readings to keep: every existing one, new dates added, changed ones replaced only when restate.

    A note from incoming fills an empty note; a different note replaces one only with notes_restate
    (a person's explicit `add --note`), and then counts as a restatement.
    """
    by_date = {r.date: r for r in existing}
    for new in incoming:
        old = by_date.get(new.date)
        if old is None:
            by_date[new.date] = new
            merge.added.append(new)
        elif not same_value(old.value, new.value) or (notes_restate and old.note and new.note
                                                        and old.note != new.note):
            merge.restated.append(Restatement(old, new))
            if restate:
                by_date[new.date] = Reading(new.date, new.value, new.note or old.note)
        elif new.note and not old.note:
            by_date[new.date] = Reading(old.date, old.value, new.note)
            merge.notes_added += 1
    merge.applied = restate and bool(merge.restated)
    return sorted(by_date.values(), key=lambda r: r.date)


def merge_file(path: Path, metric_id: str, unit: str | None, incoming: Sequence[Reading], restate: bool,
               notes_restate: bool = False) -> Merge:
    """Merge incoming into the metric's file and write it whole, or write nothing (MergeError)."""
    dates = [r.date for r in incoming]
    if len(set(dates)) != len(dates):
        raise MergeError("the new readings repeat a date: give one reading per date")
    merge = Merge(metric_id, display_path(path))
    existing = read_existing(path, metric_id, unit)
    readings = merge_readings(existing, incoming, merge, restate, notes_restate)
    if merge.added or merge.notes_added or merge.applied:
        write_atomically(path, write_series(readings))
        merge.written = True
    return merge


def read_existing(path: Path, metric_id: str, unit: str | None) -> tuple[Reading, ...]:
    """The file's readings; a file with any problem is refused, since rewriting it would drop its bad rows."""
    if not path.exists() and not path.is_symlink():
        return ()
    findings: list[Finding] = []
    text = file_text(path, Policy(path.parent), display_path(path), findings)
    if text is None:
        raise MergeError(_refusal(findings))
    series, findings = read_series(text, display_path(path), metric_id, unit)
    if findings:
        raise MergeError(_refusal(findings))
    return series.readings


def _refusal(findings: list[Finding]) -> str:
    first = findings[0]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return (f"{first.path}:{first.line}:{first.column}: {first.message}{more}: fix the file first "
            "(`stratdocs lint` lists every problem); it was left as it is")


def write_atomically(path: Path, text: str) -> None:
    """The whole new file or the old one: written beside it, then renamed over it."""
    target = path.resolve() if path.is_symlink() else path  # the policy has kept the link inside the folder
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise MergeError(f"cannot write {display_path(path)}: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as err:  # interrupted too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise MergeError(f"cannot write {display_path(path)}: {err.strerror}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
