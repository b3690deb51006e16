"""The Alignment Index as data: five dimensions, each a figure, a trend by period and the rows of evidence behind it.

Plain data with a JSON form (`as_json` / `from_json`): `stratdocs index --format json`, export and the build's
cache all write it, the page and the text report read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from ..evaluate.numbers import amount_text, figure

COURSE_CORRECTION, INFORMATION_FLOW, SURPRISE, PIVOTS, SAFETY = (
    "course-correction", "information-flow", "surprise", "pivots", "safety")
DIMENSIONS = (COURSE_CORRECTION, INFORMATION_FLOW, SURPRISE, PIVOTS, SAFETY)


@dataclass(frozen=True)
class Row:
    """One piece of evidence behind a figure: a document, the day it happened and what happened."""

    doc_id: str
    title: str  # as written (escaped where it lands)
    src_uri: str  # the document's last path in the strategy folder, for its link; "" when unknown
    day: dt.date  # the trigger, the turn, the jump, the decision or the reading
    commit: str  # the commit that recorded it ("" when the day is the evidence's own, not a commit's)
    text: str  # one sentence
    state: str  # what became of it: see each dimension's STATES in dimensions.py
    days: int | None = None  # how long it took (or has been waiting), for the dimensions counted in days
    until: dt.date | None = None  # the day it ended: the answer, the status following


@dataclass(frozen=True)
class Period:
    label: str  # 2026-11, or 2026-Q4
    start: dt.date
    value: float | None  # the dimension's figure over the period; None: nothing to measure in it
    count: int  # the rows behind it


@dataclass(frozen=True)
class Dimension:
    key: str  # one of DIMENSIONS
    name: str
    definition: str  # how it is measured, one paragraph
    unit: str  # what value counts: "days", "surprises", "%", or the survey metric's unit
    better: str  # "lower" or "higher": how to read the value
    measured: bool  # False: nothing in the history measures it (see summary for how to start)
    value: float | None
    summary: str  # the figure in one sentence
    periods: tuple[Period, ...] = ()
    rows: tuple[Row, ...] = ()
    notes: tuple[str, ...] = ()  # warnings and what is missing


@dataclass(frozen=True)
class HistorySummary:
    available: bool
    shallow: bool
    reason: str  # why not available, or what a shallow clone hides; "" otherwise
    commits: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    head: str = ""  # the newest commit read


@dataclass(frozen=True)
class AlignmentIndex:
    as_of: dt.date
    period: str  # month or quarter
    history: HistorySummary
    dimensions: tuple[Dimension, ...] = ()
    combined: str = ""  # why the dimensions are shown apart, not added up
    triggers: tuple[str, ...] = field(default_factory=tuple)

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def as_json(self) -> dict[str, Any]:
        return _plain(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlignmentIndex:
        return cls(
            as_of=_day(data["as_of"]), period=data["period"],
            history=HistorySummary(**{**data["history"], "first": _maybe_day(data["history"]["first"]),
                                      "last": _maybe_day(data["history"]["last"])}),
            dimensions=tuple(Dimension(
                **{**d, "periods": tuple(Period(**{**p, "start": _day(p["start"])}) for p in d["periods"]),
                   "rows": tuple(Row(**{**r, "day": _day(r["day"]), "until": _maybe_day(r["until"])})
                                 for r in d["rows"]),
                   "notes": tuple(d["notes"])})
                for d in data["dimensions"]),
            combined=data["combined"], triggers=tuple(data["triggers"]))


COUNTED = {"days": "day", "surprises": "surprise", "pivots": "pivot"}  # units that are counts: plural, singular


def amount(value: float, unit: str) -> str:
    """'7 days', '1 surprise', '5.3 points out of 7': a dimension's value in its unit."""
    if unit in COUNTED:
        return f"{figure(value)} {COUNTED[unit] if value == 1 else unit}"
    return amount_text(value, unit)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _maybe_day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def period_of(day: dt.date, period: str) -> tuple[str, dt.date]:
    """The period holding day: its label and first day."""
    if period == "quarter":
        quarter = (day.month - 1) // 3
        return f"{day.year}-Q{quarter + 1}", dt.date(day.year, quarter * 3 + 1, 1)
    return f"{day.year}-{day.month:02d}", dt.date(day.year, day.month, 1)
