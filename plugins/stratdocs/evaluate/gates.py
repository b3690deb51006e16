"""A sheet's rules judged on the evidence: the stage gate's verdict, the aim's done, the guardrail's breach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import parse_date
from ..document import Document
from ..readings.csvfile import Reading
from . import conditions as c

if TYPE_CHECKING:
    from ..graph.graph import Backlinks
    from .evidence import Evidence

# A gate's verdicts: on or after its date, then before it (the trajectory).
CONTINUE, CHANGE, NO_EVIDENCE = "continue", "change", "no evidence"
ON_COURSE, OFF_COURSE = "on course", "off course"
DONE, NOT_DONE = "done", "not done"
HOLDS, BREACHED = "holds", "breached"


@dataclass(frozen=True)
class Gate:
    date: dt.date | None  # the decision date; None: judged as a trajectory, by today
    rule: c.Rule
    verdict: str
    judged_on: dt.date  # readings up to this day were read
    outcomes: tuple[c.Outcome, ...]

    @property
    def final(self) -> bool:
        """Whether the decision date has come: the verdict is the gate's, not a trajectory."""
        return self.verdict in (CONTINUE, CHANGE) or (self.verdict == NO_EVIDENCE and self.date is not None
                                                      and self.date <= self.judged_on)


def gate(doc: Document, evidence: Evidence, today: dt.date) -> Gate | None:
    """The gate rule judged by its date once the date has come, else the latest readings by today."""
    rule = c.rule(doc.get("stage_gate", "rule"), ("stage_gate", "rule"))
    if rule is None:
        return None
    date = parse_date(doc.get("stage_gate", "decision_date"))
    if date is not None and date <= today:
        state, outcomes = c.judge_rule(rule, evidence, date)
        verdict = {c.MET: CONTINUE, c.NOT_MET: CHANGE}.get(state, NO_EVIDENCE)
        return Gate(date, rule, verdict, date, outcomes)
    state, outcomes = c.judge_rule(rule, evidence, today, latest_only=True)
    return Gate(date, rule, {c.MET: ON_COURSE, c.NOT_MET: OFF_COURSE}.get(state, NO_EVIDENCE), today, outcomes)


def gate_on(doc: Document, evidence: Evidence, day: dt.date) -> tuple[str, tuple[c.Outcome, ...]] | None:
    """The gate rule's state ('met', 'not met', 'no evidence') with what was known on a day."""
    rule = c.rule(doc.get("stage_gate", "rule"), ("stage_gate", "rule"))
    return None if rule is None else c.judge_rule(rule, evidence, day)


def gate_decision(doc: Document, graph: Backlinks, date: dt.date) -> Document | None:
    """The latest decision about the sheet dated on or after the start of its gate's window: the gate's answer."""
    if not doc.id:
        return None
    weeks = doc.get("stage_gate", "window_weeks")
    window_start = date - dt.timedelta(weeks=weeks if isinstance(weeks, int) and not isinstance(weeks, bool) else 2)
    dated = [(day, ref.source) for ref in graph.refs_to(doc.id, "about")
             if (day := parse_date(ref.source.get("date"))) is not None and day >= window_start]
    return max(dated, key=lambda pair: (pair[0], pair[1].id or ""))[1] if dated else None


@dataclass(frozen=True)
class Done:
    rule: c.Rule
    verdict: str  # DONE, NOT_DONE or NO_EVIDENCE
    outcomes: tuple[c.Outcome, ...]


def done(doc: Document, evidence: Evidence, today: dt.date) -> Done | None:
    rule = c.rule(doc.get("aim", "done_rule"), ("aim", "done_rule"))
    if rule is None:
        return None
    state, outcomes = c.judge_rule(rule, evidence, today)
    return Done(rule, {c.MET: DONE, c.NOT_MET: NOT_DONE}.get(state, NO_EVIDENCE), outcomes)


@dataclass(frozen=True)
class Guardrail:
    conditions: tuple[c.Condition, ...]  # the SLO: from the sheet, or each objective of its OpenSLO file
    state: str  # HOLDS, BREACHED or NO_EVIDENCE
    since: dt.date | None  # the first reading of the breach still going on
    outcomes: tuple[c.Outcome, ...]
    source: str = ""  # the OpenSLO file's shown path, when the threshold comes from one


def guardrail_condition(doc: Document) -> c.Condition | None:
    """The guardrail's own metric and threshold, when it writes them (not an OpenSLO file)."""
    value = doc.get("guardrail")
    return c.condition(value, ("guardrail",)) if isinstance(value, dict) else None


def watch(conditions: tuple[c.Condition, ...], evidence: Evidence, today: dt.date, source: str = "") -> Guardrail:
    """Breached when any of the latest readings (for_last of them) falls outside an objective."""
    outcomes = tuple(_watch_one(cond, evidence, today) for cond in conditions)
    state = c.combine("all", [o.state for o in outcomes])
    if state != c.NOT_MET:
        return Guardrail(conditions, HOLDS if state == c.MET else NO_EVIDENCE, None, outcomes, source)
    starts = [_breach_start(o.condition, evidence.readings(o.condition.metric, today))
              for o in outcomes if o.state == c.NOT_MET]
    return Guardrail(conditions, BREACHED, min(d for d in starts if d is not None), outcomes, source)


def _watch_one(cond: c.Condition, evidence: Evidence, today: dt.date) -> c.Outcome:
    """Unlike a gate, a short history is no breach: only a reading outside the SLO is."""
    readings = evidence.readings(cond.metric, today)[-cond.for_last:]
    if not readings:
        return c.Outcome(cond, c.NO_EVIDENCE, ())
    return c.Outcome(cond, c.NOT_MET if any(not cond.meets(r.value) for r in readings) else c.MET, readings)


def _breach_start(cond: c.Condition, readings: tuple[Reading, ...]) -> dt.date | None:
    """The first of the run of failing readings that ends at the latest failing one."""
    start = None
    for reading in reversed(readings):
        if cond.meets(reading.value):
            if start is not None:
                break
            continue
        start = reading.date
    return start
