"""The rule language: thresholds on a metric's readings, combined with all / any; read as data, never eval'd.

A condition is `{metric, at_least | at_most | between, for_last}`; a rule is one
condition written in place, or `all:` / `any:` with a list of them. Judged on a
day, a condition is met, not met, or has no evidence (no reading by that day).
Only well-formed parts are read: a part the schema or SD600 reports is left out,
so a bad document never yields a verdict it did not ask for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..readings.csvfile import Reading
from .numbers import amount_text, figure

if TYPE_CHECKING:
    from .evidence import Evidence

MET, NOT_MET, NO_EVIDENCE = "met", "not met", "no evidence"
THRESHOLD_KEYS = ("at_least", "at_most", "between")
CONDITION_KEYS = ("metric", *THRESHOLD_KEYS, "for_last", "unit")  # a condition's own keys
MAX_FOR_LAST = 104


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # not NaN


@dataclass(frozen=True)
class Condition:
    metric: str
    low: float | None  # at least this
    high: float | None  # at most this
    for_last: int = 1  # the latest readings that must each meet it
    path: tuple = ()  # where the condition is written in its document
    low_strict: bool = False  # above low (OpenSLO's gt), not at least
    high_strict: bool = False

    def meets(self, value: float) -> bool:
        if self.low is not None and (value <= self.low if self.low_strict else value < self.low):
            return False
        return not (self.high is not None and (value >= self.high if self.high_strict else value > self.high))

    def text(self, unit: str = "") -> str:
        """'at least 20%', 'between 1 and 3 calls', '... for the last 4 readings'."""
        if self.low is not None and self.high is not None:
            words = f"between {figure(self.low)} and {amount_text(self.high, unit)}"
        elif self.low is not None:
            words = f"{'above' if self.low_strict else 'at least'} {amount_text(self.low, unit)}"
        else:
            words = f"{'below' if self.high_strict else 'at most'} {amount_text(self.high or 0.0, unit)}"
        return words if self.for_last == 1 else f"{words}, for the last {self.for_last} readings"


@dataclass(frozen=True)
class Rule:
    mode: str  # "all" or "any"
    conditions: tuple[Condition, ...]
    path: tuple = ()

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.metric for c in self.conditions))


def condition(value: object, path: tuple) -> Condition | None:
    """A well-formed condition, else None: a metric id and exactly one readable threshold."""
    if not isinstance(value, dict) or not isinstance(value.get("metric"), str):
        return None
    low, high = value.get("at_least"), value.get("at_most")
    between = value.get("between")
    if between is not None:
        if low is not None or high is not None or not _pair(between):
            return None
        low, high = between
    if (low is not None and not is_number(low)) or (high is not None and not is_number(high)):
        return None
    if (low is None and high is None) or (low is not None and high is not None and low > high):
        return None
    for_last = value.get("for_last", 1)
    if not isinstance(for_last, int) or isinstance(for_last, bool) or not 1 <= for_last <= MAX_FOR_LAST:
        return None
    return Condition(value["metric"], _float(low), _float(high), for_last, path)


def _pair(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(is_number(v) for v in value)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def rule(value: object, path: tuple) -> Rule | None:
    """A rule from `{all: [...]}`, `{any: [...]}` or one condition in place; None when any part is unreadable."""
    if not isinstance(value, dict):
        return None
    modes = [mode for mode in ("all", "any") if mode in value]
    if len(modes) > 1 or (modes and any(key in value for key in CONDITION_KEYS)):
        return None  # a threshold beside all: / any: would be left out of the verdict
    if not modes:
        one = condition(value, path)
        return None if one is None else Rule("all", (one,), path)
    items = value[modes[0]]
    if not isinstance(items, list) or not items:
        return None
    conditions = [condition(item, (*path, modes[0], i)) for i, item in enumerate(items)]
    if any(c is None for c in conditions):
        return None
    return Rule(modes[0], tuple(c for c in conditions if c is not None), path)


@dataclass(frozen=True)
class Outcome:
    """A condition judged on a day, with the readings it was judged on (the last for_last of them)."""

    condition: Condition
    state: str  # MET, NOT_MET or NO_EVIDENCE
    readings: tuple[Reading, ...]

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None

    @property
    def failing(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if not self.condition.meets(r.value))


def judge(cond: Condition, evidence: Evidence, by: dt.date, latest_only: bool = False) -> Outcome:
    """Met when each of the last for_last readings by the day meets the threshold (fewer readings: not met).

    latest_only judges the trajectory before a gate date: the latest reading alone.
    """
    readings = evidence.readings(cond.metric, by)
    if not readings:
        return Outcome(cond, NO_EVIDENCE, ())
    wanted = 1 if latest_only else cond.for_last
    judged = readings[-wanted:]
    met = len(judged) == wanted and all(cond.meets(r.value) for r in judged)
    return Outcome(cond, MET if met else NOT_MET, judged)


def combine(mode: str, states: list[str]) -> str:
    """Three-valued all / any: a missing reading never makes a rule met, nor hides one that failed."""
    if mode == "all":
        if NOT_MET in states:
            return NOT_MET
        return NO_EVIDENCE if NO_EVIDENCE in states else MET
    if MET in states:
        return MET
    return NO_EVIDENCE if NO_EVIDENCE in states else NOT_MET


def judge_rule(r: Rule, evidence: Evidence, by: dt.date, latest_only: bool = False) -> tuple[str, tuple[Outcome, ...]]:
    outcomes = tuple(judge(c, evidence, by, latest_only) for c in r.conditions)
    return combine(r.mode, [o.state for o in outcomes]), outcomes
