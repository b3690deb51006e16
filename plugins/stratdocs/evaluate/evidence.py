"""The evidence: every metric's readings, read once per run, and what they say of each document.

evaluate/stage.py fills it: rules and pages read what it holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Document
from ..findings import Finding
from ..readings.csvfile import Reading, Series

if TYPE_CHECKING:
    from ..history.lastchange import LastChanges
    from .gates import Done, Gate, Guardrail
    from .health import Health
    from .staleness import Review


def verdict(delta: float, direction: str | None) -> str:
    """A movement judged by the metric's direction: 'better', 'worse' or 'flat'; 'moved' when it has none."""
    if delta == 0:
        return "flat"
    if direction not in ("up", "down"):
        return "moved"
    return "better" if (delta > 0) == (direction == "up") else "worse"


@dataclass(frozen=True)
class Change:
    """The latest reading by a day, and how it moved since the one before."""

    latest: Reading
    previous: Reading | None
    direction: str | None  # the metric's: "up" or "down" is better; None when it does not say

    @property
    def delta(self) -> float | None:
        return None if self.previous is None else self.latest.value - self.previous.value

    @property
    def verdict(self) -> str:
        """'better', 'worse' or 'flat' by the metric's direction; 'moved' when it has none; 'first' alone."""
        return "first" if self.delta is None else verdict(self.delta, self.direction)


@dataclass
class Evidence:
    series: dict[str, Series] = field(default_factory=dict)  # metric id -> its readings
    findings: list[Finding] = field(default_factory=list)  # about the readings files
    directions: dict[str, str] = field(default_factory=dict)  # metric id -> "up" or "down"
    units: dict[str, str] = field(default_factory=dict)  # metric id -> its unit
    titles: dict[str, str] = field(default_factory=dict)  # metric id -> its title
    # What the evidence says of each document, by document id (evaluate/gates.py, health.py):
    gates: dict[str, Gate] = field(default_factory=dict)
    gate_decisions: dict[str, Document] = field(default_factory=dict)  # sheet id -> the decision answering its gate
    done: dict[str, Done] = field(default_factory=dict)
    guardrails: dict[str, Guardrail] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    history: LastChanges | None = None  # None: no document has a cadence, git was not asked
    health: dict[str, Health] = field(default_factory=dict)
    _by_day: dict[tuple[str, dt.date], tuple[Reading, ...]] = field(default_factory=dict, repr=False, compare=False)

    def readings(self, metric_id: str, by: dt.date | None = None) -> tuple[Reading, ...]:
        series = self.series.get(metric_id)
        if series is None:
            return ()
        if by is None:
            return series.readings
        # Gates, guardrails, health and pages ask the same (metric, day) many times over.
        key = (metric_id, by)
        if key not in self._by_day:
            self._by_day[key] = series.as_of(by)
        return self._by_day[key]

    def change(self, metric_id: str, by: dt.date) -> Change | None:
        """What a review on day `by` says of the metric: its latest reading then, against the one before."""
        readings = self.readings(metric_id, by)
        if not readings:
            return None
        return Change(readings[-1], readings[-2] if len(readings) > 1 else None, self.directions.get(metric_id))
