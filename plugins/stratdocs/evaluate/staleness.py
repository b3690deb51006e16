"""When each strategy document was last reviewed and whether that is longer ago than its cadence allows:
the later of its last git change and its front matter's `reviewed:` date."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..dates import parse_date
from ..document import Document
from ..history.lastchange import FALLBACK, LastChanges, last_changes
from .review import CADENCE_DAYS

PERIOD_DAYS = CADENCE_DAYS  # the cadences and their periods: one table, the weekly review's
REVIEWED_KINDS = ("alignment-sheet", "ogsm", "kata")  # the kinds with a `cadence: {review: ...}`


@dataclass(frozen=True)
class Review:
    cadence: str | None  # one of PERIOD_DAYS, or None when the document names none (or an unknown one)
    last: dt.date | None  # the last review; None when neither git nor `reviewed:` tells
    source: str  # "git", "reviewed" or "" (no last review known)
    days: int | None  # days since the last review, by `today`
    stale: bool  # active, and more days since the last review than the cadence's period
    due_days: int | None  # the cadence's period


def last_review(doc: Document, changes: LastChanges, today: dt.date, resolved: Path | None = None) -> Review:
    """resolved: the document's resolved path, when the caller knows it cheaper than resolving it again."""
    cadence = doc.get("cadence", "review")
    cadence = cadence if isinstance(cadence, str) and cadence in PERIOD_DAYS else None
    changed = changes.dates.get(resolved or Path(doc.path).resolve()) if changes.dates else None
    # Dates after today are ignored: a site built "as of" a past day must not see a later review.
    known = [(day, source) for day, source in ((changed, "git"), (parse_date(doc.get("reviewed")), "reviewed"))
             if day is not None and day <= today]
    # The later one wins; on the same day "reviewed" (> "git"): the author said so.
    last, source = max(known, default=(None, ""))
    period = PERIOD_DAYS[cadence] if cadence else None
    days = (today - last).days if last else None
    # Without a last review we cannot tell, so never stale; only what is being worked on can go stale.
    stale = doc.get("status") == "active" and period is not None and days is not None and days > period
    return Review(cadence, last, source, days, stale, period)


def reviews(docs: Iterable[Document], root: Path | None, today: dt.date) -> tuple[dict[str, Review], LastChanges]:
    """The last review of each document with a review cadence, by id; the history is read once, as of today."""
    changes = (last_changes(root, by=today) if root is not None
               else LastChanges(available=False, reason=f"no strategy folder to read history for: {FALLBACK}"))
    resolve = _resolver(root) if changes.dates and root is not None else (lambda path: None)
    return {doc.id: last_review(doc, changes, today, resolve(doc.path))
            for doc in docs if doc.kind in REVIEWED_KINDS and doc.id}, changes


def _resolver(root: Path):
    """Resolve paths under root by resolving root once (a resolve per file costs a syscall per path part)."""
    plain, real = os.path.abspath(root), root.resolve()

    def resolve(path: str) -> Path | None:
        absolute = os.path.abspath(path)
        inside = absolute.startswith(plain.rstrip(os.sep) + os.sep)
        return real.joinpath(absolute[len(plain.rstrip(os.sep)) + 1:]) if inside else None

    return resolve
