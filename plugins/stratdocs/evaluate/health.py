"""Health computed from the evidence, each reason listed, held against the health a team declares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import parse_date
from ..document import Document, mapping_items
from . import conditions as c
from . import gates as g
from .numbers import amount_text, figure, numbers, quantity

if TYPE_CHECKING:
    from ..graph.graph import Backlinks
    from .evidence import Evidence

ON_TRACK, AT_RISK, OFF_TRACK = "on-track", "at-risk", "off-track"
LEVELS = (ON_TRACK, AT_RISK, OFF_TRACK)  # from best to worst
HEALTH_KINDS = ("alignment-sheet", "ogsm", "kata")


@dataclass(frozen=True)
class Reason:
    level: str  # AT_RISK or OFF_TRACK
    topic: str  # gate, guardrail, signal, target, no-go, assumption, risk, review
    text: str  # one sentence, user text quoted as written (escaped where it lands)
    about: str = ""  # the id of the document behind it, when another one


@dataclass(frozen=True)
class Health:
    declared: str | None  # as written, when it is one of LEVELS
    computed: str
    reasons: tuple[Reason, ...]

    @property
    def optimistic(self) -> bool:
        """Declared better than the evidence says: the thermocline of truth."""
        return self.declared is not None and LEVELS.index(self.declared) < LEVELS.index(self.computed)


def rank(level: str) -> int:
    return LEVELS.index(level)


def health(doc: Document, evidence: Evidence, graph: Backlinks, today: dt.date) -> Health:
    reasons = tuple(_reasons(doc, evidence, graph, today))
    computed = max((r.level for r in reasons), key=rank, default=ON_TRACK)
    declared = doc.get("health")
    return Health(declared if declared in LEVELS else None, computed, reasons)


def _reasons(doc: Document, evidence: Evidence, graph: Backlinks, today: dt.date) -> Iterator[Reason]:
    if doc.kind == "alignment-sheet" and doc.id:
        yield from _gate(evidence.gates.get(doc.id), evidence)
        yield from _guardrail(evidence.guardrails.get(doc.id), evidence)
        yield from _signals(doc, evidence, today)
    yield from _targets(doc, evidence, today)
    if doc.id:
        yield from _related(doc.id, graph, today)
        review = evidence.reviews.get(doc.id)
        if review is not None and review.stale:
            yield Reason(AT_RISK, "review", f"not reviewed for {review.days} days ({review.cadence} cadence)")


def metric_unit(evidence: Evidence, metric: str) -> str:
    return evidence.units.get(metric, "")


def named(evidence: Evidence, metric: str) -> str:
    """A metric as a reader knows it: its title, else its id."""
    return evidence.titles.get(metric) or metric


def outcome_text(outcome: c.Outcome, evidence: Evidence) -> str:
    """'Resume link usage 14% on 2026-11-16, needs at least 20%'."""
    cond = outcome.condition
    unit = metric_unit(evidence, cond.metric)
    latest = outcome.latest
    if latest is None:
        return f"{named(evidence, cond.metric)} has no reading, needs {cond.text(unit)}"
    shown = amount_text(latest.value, unit)
    return f"{named(evidence, cond.metric)} {shown} on {latest.date.isoformat()}, needs {cond.text(unit)}"


def _gate(gate: g.Gate | None, evidence: Evidence) -> Iterator[Reason]:
    if gate is None:
        return
    unmet = "; ".join(outcome_text(o, evidence) for o in gate.outcomes if o.state != c.MET)
    if gate.verdict == g.CHANGE:
        yield Reason(OFF_TRACK, "gate", f"stage gate rule not met on {gate.judged_on.isoformat()}: {unmet}")
    elif gate.verdict == g.NO_EVIDENCE and gate.final:
        yield Reason(AT_RISK, "gate", f"no evidence for the stage gate on {gate.judged_on.isoformat()}: {unmet}")
    elif gate.verdict == g.OFF_COURSE:
        due = f" due {gate.date.isoformat()}" if gate.date else ""
        yield Reason(AT_RISK, "gate", f"off course for the stage gate{due}: {unmet}")


def _guardrail(guard: g.Guardrail | None, evidence: Evidence) -> Iterator[Reason]:
    if guard is None or guard.state != g.BREACHED:
        return
    failing = "; ".join(outcome_text(o, evidence) for o in guard.outcomes if o.state == c.NOT_MET)
    since = f" since {guard.since.isoformat()}" if guard.since else ""
    yield Reason(AT_RISK, "guardrail", f"guardrail breached{since}: {failing}")


def direction(evidence: Evidence, metric: str, baseline: float | None, target: float | None) -> str | None:
    """The metric's direction, else the one from baseline to target."""
    declared = evidence.directions.get(metric)
    if declared is not None or baseline is None or target is None or baseline == target:
        return declared
    return "up" if target > baseline else "down"


def _better(a: float, b: float, way: str) -> bool:
    return a > b if way == "up" else a < b


def _signals(doc: Document, evidence: Evidence, today: dt.date) -> Iterator[Reason]:
    """A signal worse than its baseline, or worse two readings running while short of its target."""
    for _, signal in mapping_items(doc.get("feedback")):
        metric = signal.get("metric")
        if not isinstance(metric, str):
            continue
        baseline, target = quantity(signal.get("baseline")), quantity(signal.get("target"))
        way = direction(evidence, metric, baseline.value if baseline else None, target.value if target else None)
        readings = evidence.readings(metric, today)
        if way is None or not readings:
            continue
        latest = readings[-1]
        unit = metric_unit(evidence, metric)
        shown = amount_text(latest.value, unit)
        if target is not None and not _better(target.value, latest.value, way):
            continue  # reached its target
        if baseline is not None and _better(baseline.value, latest.value, way):
            yield Reason(AT_RISK, "signal", f"{named(evidence, metric)} {shown} on {latest.date.isoformat()} is "
                                            f"worse than its baseline {amount_text(baseline.value, unit)}")
        elif len(readings) >= 3 and all(_better(readings[i - 1].value, readings[i].value, way) for i in (-2, -1)):
            yield Reason(AT_RISK, "signal", f"{named(evidence, metric)} worse two readings running: "
                                            f"{figure(readings[-3].value)}, {figure(readings[-2].value)}, {shown}")


def _targets(doc: Document, evidence: Evidence, today: dt.date) -> Iterator[Reason]:
    """A dated target whose day has passed, not reached by the readings up to that day."""
    baselines = {}
    for number in numbers(doc):
        if number.quantity is None or number.metric is None:
            continue
        if number.role in ("baseline", "current"):
            baselines[number.path[:-1]] = number.quantity.value
            continue
        due = number.quantity.date
        if due is None or due > today:
            continue
        readings = evidence.readings(number.metric, due)
        way = direction(evidence, number.metric, baselines.get(number.path[:-1]), number.quantity.value) or "up"
        name, unit = named(evidence, number.metric), metric_unit(evidence, number.metric)
        if not readings:
            yield Reason(AT_RISK, "target", f"{name} has no reading by its target date {due.isoformat()}")
        elif _better(number.quantity.value, readings[-1].value, way):
            yield Reason(OFF_TRACK, "target", f"{name} {amount_text(readings[-1].value, unit)} by {due.isoformat()}, "
                                              f"short of its target {amount_text(number.quantity.value, unit)}")


def _related(doc_id: str, graph: Backlinks, today: dt.date) -> Iterator[Reason]:
    """What other documents say about this one: no-go votes, invalidated assumptions, observed risks."""
    for ref in graph.refs_to(doc_id, "serves"):
        review = ref.source
        if review.kind == "go-no-go" and review.get("status") in (None, "active", "draft"):
            votes = mapping_items(review.get("votes"))
            roles = [str(v.get("role", "?")) for _, v in votes if v.get("vote") == "no-go"]
            if roles:
                yield Reason(AT_RISK, "no-go", f"go/no-go '{_title(review)}': no-go from {', '.join(roles)}",
                             review.id or "")
    for ref in graph.refs_to(doc_id, "underpins"):
        assumption = ref.source
        if assumption.get("result") == "invalidated" and not assumption.get("decided_by"):
            yield Reason(AT_RISK, "assumption", f"assumption '{_title(assumption)}' is invalidated and no decision "
                                                "answers it", assumption.id or "")
    decided = [d for ref in graph.refs_to(doc_id, "about") if (d := parse_date(ref.source.get("date")))]
    for ref in graph.refs_to(doc_id, "threatens"):
        for n, _item, seen in observed_risks(ref.source, today):
            if not any(day >= seen for day in decided):
                yield Reason(AT_RISK, "risk", f"risk {n} of '{_title(ref.source)}' observed on {seen.isoformat()} has "
                                              "no mitigation and no decision since", ref.source.id or "")


def _title(doc: Document) -> str:
    title = doc.get("title")
    return title if isinstance(title, str) and title.strip() else doc.id or "?"


def observed_risks(premortem: Document, today: dt.date) -> Iterator[tuple[int, dict, dt.date]]:
    """Risks (numbered from 1) whose early warning sign was seen by today and that have no mitigation."""
    for i, item in mapping_items(premortem.get("items")):
        seen = parse_date(item.get("observed"))
        mitigation = item.get("mitigation")
        if seen is not None and seen <= today and not (isinstance(mitigation, str) and mitigation.strip()):
            yield i + 1, item, seen
