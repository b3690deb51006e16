"""The evidence: every metric's readings, read once per run, and what they say by a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..config import Config
from ..findings import Finding
from ..graph.index import Index
from ..readings.csvfile import Reading, Series
from ..readings.folder import read_folder


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

    def readings(self, metric_id: str, by: dt.date | None = None) -> tuple[Reading, ...]:
        series = self.series.get(metric_id)
        if series is None:
            return ()
        return series.readings if by is None else series.as_of(by)

    def change(self, metric_id: str, by: dt.date) -> Change | None:
        """What a review on day `by` says of the metric: its latest reading then, against the one before."""
        readings = self.readings(metric_id, by)
        if not readings:
            return None
        return Change(readings[-1], readings[-2] if len(readings) > 1 else None, self.directions.get(metric_id))


def evaluate(index: Index, config: Config) -> Evidence:
    """Read the readings folder against the index's metrics; nothing to read without a folder."""
    metrics = {doc_id: doc for doc_id, doc in index.by_id.items() if doc.kind == "metric"}
    directions = {doc_id: d for doc_id, doc in metrics.items() if isinstance(d := doc.get("direction"), str)}
    if config.readings_dir is None:
        return Evidence(directions=directions)
    series, findings = read_folder(config.readings_dir, metrics)
    return Evidence(series, findings, directions)
