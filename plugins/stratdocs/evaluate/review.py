"""The weekly review: each active aim's signals against last week and their target, late readings, gates
coming up and decisions just taken, as of one day. Data only: the page and `stratdocs review` format it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import parse_date
from ..document import Document
from ..graph.graph import Graph
from ..readings.csvfile import Reading
from .evidence import Evidence, verdict
from .numbers import Quantity, quantity

CADENCE_DAYS = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92}
GATES_AHEAD_DAYS = 14
DECISIONS_BACK_DAYS = 7


@dataclass(frozen=True)
class Signal:
    """One feedback signal of an aim, as the review reads it."""

    metric_id: str
    day: dt.date  # the review's
    title: str  # the metric's title, or its id when no metric has it
    unit: str
    direction: str | None  # "up" or "down" is better
    latest: Reading | None  # the latest reading by the review's day
    week_before: Reading | None  # the latest reading a week before that day
    baseline: Quantity | None
    target: Quantity | None
    late_days: int | None  # days past the cadence since the latest reading; None when not late

    @property
    def since_last_week(self) -> str:
        """'better', 'worse' or 'flat' by the metric's direction; 'moved' without one; or why there is no
        comparison: 'no reading' at all, 'no new reading' this week, or 'new' (no reading a week before)."""
        if self.latest is None:
            return "no reading"
        if self.latest.date <= self.day - dt.timedelta(days=7):
            return "no new reading"
        if self.week_before is None:
            return "new"
        return verdict(self.latest.value - self.week_before.value, self.direction)

    @property
    def to_target(self) -> float | None:
        """How far the latest reading is from the target, in the direction that is better (0 when reached)."""
        if self.latest is None or self.target is None:
            return None
        gap = self.target.value - self.latest.value
        if self.direction == "down":
            gap = -gap
        return max(gap, 0.0) if self.direction in ("up", "down") else abs(gap)

    @property
    def target_reached(self) -> bool:
        return self.to_target == 0.0 and self.direction in ("up", "down")


@dataclass(frozen=True)
class Aim:
    sheet: Document
    signals: tuple[Signal, ...]
    cadence: str  # the sheet's review cadence


@dataclass(frozen=True)
class Gate:
    sheet: Document
    date: dt.date
    days: int  # from the review's day: negative when overdue


@dataclass(frozen=True)
class Review:
    day: dt.date
    aims: tuple[Aim, ...]
    gates: tuple[Gate, ...]  # due in the next GATES_AHEAD_DAYS days, or overdue
    decisions: tuple[Document, ...]  # dated in the last DECISIONS_BACK_DAYS days, newest first


def weekly_review(graph: Graph, evidence: Evidence, day: dt.date) -> Review:
    sheets = sorted((d for d in graph.index.by_id.values()
                     if d.kind == "alignment-sheet" and d.get("status") == "active"), key=lambda d: d.id)
    return Review(day, tuple(_aim(sheet, graph, evidence, day) for sheet in sheets),
                  tuple(g for g in (_gate(sheet, day) for sheet in sheets) if g is not None),
                  _recent_decisions(graph, day))


def _aim(sheet: Document, graph: Graph, evidence: Evidence, day: dt.date) -> Aim:
    cadence = sheet.get("cadence", "review")
    cadence = cadence if isinstance(cadence, str) and cadence in CADENCE_DAYS else "weekly"
    signals, seen = [], set()
    for signal in sheet.get("feedback") or []:
        metric_id = signal.get("metric") if isinstance(signal, dict) else None
        if isinstance(metric_id, str) and metric_id not in seen:
            seen.add(metric_id)
            quantities = (quantity(signal.get("baseline")), quantity(signal.get("target")))
            signals.append(_signal(metric_id, quantities, graph, evidence, day, CADENCE_DAYS[cadence]))
    return Aim(sheet, tuple(signals), cadence)


def _signal(metric_id: str, quantities: tuple[Quantity | None, Quantity | None], graph: Graph, evidence: Evidence,
            day: dt.date, every: int) -> Signal:
    metric = graph.index.get(metric_id)
    metric = metric if metric is not None and metric.kind == "metric" else None
    unit = metric.get("unit") if metric else None
    readings = evidence.readings(metric_id, day)
    latest = readings[-1] if readings else None
    earlier = [r for r in readings[:-1] if r.date <= day - dt.timedelta(days=7)]
    late = (day - latest.date).days - every if latest else None
    return Signal(metric_id, day, metric.title if metric else metric_id, unit if isinstance(unit, str) else "",
                  evidence.directions.get(metric_id), latest, earlier[-1] if earlier else None,
                  *quantities, late if late is not None and late > 0 else None)


def _gate(sheet: Document, day: dt.date) -> Gate | None:
    date = parse_date(sheet.get("stage_gate", "decision_date"))
    if date is None or (date - day).days > GATES_AHEAD_DAYS:
        return None
    return Gate(sheet, date, (date - day).days)


def _recent_decisions(graph: Graph, day: dt.date) -> tuple[Document, ...]:
    since = day - dt.timedelta(days=DECISIONS_BACK_DAYS)
    recent = [(date, d) for d in graph.index.by_id.values() if d.kind == "decision"
              and (date := parse_date(d.get("date"))) is not None and since < date <= day]
    return tuple(d for _, d in sorted(recent, key=lambda pair: (pair[0], pair[1].id), reverse=True))

