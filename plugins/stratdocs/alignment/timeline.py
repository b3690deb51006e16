"""Each document's health, day by day through its history: what the team declared and what the evidence said.

A document is judged again only on the days something it depends on changed (itself, a document that refers to
it, the readings of its metrics) or one of its own dates came (a gate, a target, a review falling due), with the
same code the site uses for today (evaluate/), on what the repository held that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dates import parse_date
from ..document import Document, mapping_items
from ..evaluate import gates as g
from ..evaluate.evidence import Evidence
from ..evaluate.health import HEALTH_KINDS, LEVELS, Reason, health
from ..evaluate.numbers import numbers
from ..evaluate.stage import SloFiles, judge_sheet
from ..evaluate.staleness import PERIOD_DAYS, last_review
from ..graph.graph import Reference, find_references
from ..history.lastchange import LastChanges
from ..history.replay import History

CLOSED = ("done", "stopped", "superseded")  # a document no longer worked on: its health no longer tells
_RISK = re.compile(r"^risk ([0-9]+) of ")


@dataclass(frozen=True)
class Trigger:
    """Evidence that asks for a decision: one of health's reasons, known by what it is about."""

    topic: str  # gate, guardrail, assumption, no-go, risk (health's reason topics)
    key: str  # which one: the gate's date, the breach's start, the assumption's id, ...
    day: dt.date  # the day the evidence said so
    text: str  # health's reason, as the site words it
    about: str = ""  # the other document behind it


@dataclass(frozen=True)
class State:
    day: dt.date
    exists: bool  # False: deleted (or no longer holds this id) that day
    status: str | None
    declared: str | None  # one of LEVELS, or None when it declares none
    computed: str | None  # None when it does not exist
    triggers: tuple[Trigger, ...] = ()

    @property
    def open(self) -> bool:
        """Still being worked on: its health is worth following."""
        return self.exists and self.status not in CLOSED


class DayGraph:
    """The references to each document on one day of the history (evaluate's Backlinks)."""

    def __init__(self, history: History, incoming: dict[str, list[str]], refs: References, day: dt.date) -> None:
        self.history, self.incoming, self.refs, self.day = history, incoming, refs, day

    def refs_to(self, doc_id: str, relation: str | None = None, node_id: str | None = None) -> list[Reference]:
        found = []
        for source_id in self.incoming.get(doc_id, ()):
            source = self.history.doc_at(source_id, self.day)
            if source is None:
                continue
            for key, path, text, node in self.refs.to(source, doc_id):
                if relation in (None, key) and node_id in (None, node):
                    found.append(Reference(source, key, path, text, doc_id, node))
        return found


class References:
    """Each version's references, found once and kept by target (versions are shared by many days)."""

    def __init__(self) -> None:
        self._found: dict[int, list[tuple[str, tuple, str]]] = {}
        self._by_target: dict[int, dict[str, list[tuple[str, tuple, str, str | None]]]] = {}

    def of(self, doc: Document) -> list[tuple[str, tuple, str]]:
        key = id(doc)  # versions live as long as the history
        if key not in self._found:
            self._found[key] = list(find_references(doc))
        return self._found[key]

    def to(self, doc: Document, target: str) -> list[tuple[str, tuple, str, str | None]]:
        """(key, path, text, node id) of the version's references to target."""
        key = id(doc)
        if key not in self._by_target:
            table: dict[str, list[tuple[str, tuple, str, str | None]]] = {}
            for ref_key, path, text in self.of(doc):
                doc_id, _, node = text.partition("#")
                table.setdefault(doc_id, []).append((ref_key, path, text, node or None))
            self._by_target[key] = table
        return self._by_target[key].get(target, [])


def timelines(history: History, today: dt.date, project: Path | None = None) -> dict[str, list[State]]:
    """The states of every document of a kind with health, by id, on each day its health could have moved."""
    refs = References()
    sources: dict[str, set[str]] = {}
    for doc_id, versions in history.docs.items():
        for version in versions:
            if version.value is not None:
                for _key, _path, text in refs.of(version.value):
                    sources.setdefault(text.partition("#")[0], set()).add(doc_id)
    incoming = {target: sorted(ids) for target, ids in sources.items()}  # in a stable order, as the graph's
    metrics_of = _MetricDays(history)
    slos = SloFiles()
    out = {}
    for doc_id, versions in history.docs.items():
        last = versions.last()
        if last is None or last.kind not in HEALTH_KINDS:
            continue
        metrics = {text for v in versions if v.value is not None for key, _p, text in refs.of(v.value)
                   if key == "metric"}
        days = sorted({d for d in _days(doc_id, history, incoming, metrics, refs) if d <= today})
        out[doc_id] = [_state(doc_id, day, history, incoming, refs, metrics, slos, project, metrics_of)
                       for day in days]
    return out


def _days(doc_id: str, history: History, incoming: dict[str, list[str]], metrics: set[str],
          refs: References) -> Iterator[dt.date]:
    """Every day the document's health could have moved."""
    versions = history.docs[doc_id]
    first = next((v.day for v in versions if v.value is not None), None)
    if first is None:
        return
    for version in versions:
        yield version.day
        if version.value is not None:
            yield from (d for d in _own_dates(version.value, version.day) if d >= first)
    for source_id in incoming.get(doc_id, ()):
        for version in history.docs.get(source_id, ()):
            if version.day >= first:
                yield version.day
            if version.value is not None:
                yield from (d for d in _dates_of_source(version.value) if d >= first)
    for metric in metrics:
        for version in history.docs.get(metric, ()):
            if version.day >= first:
                yield version.day
        for sheet in history.readings.get(metric, ()):
            if sheet.day >= first:
                yield sheet.day
            for reading in reversed(sheet.value.readings if sheet.value is not None else ()):
                if reading.date <= sheet.day:  # sorted by date: the rest are older
                    break
                yield reading.date  # a reading dated after its commit counts from its own day


def _own_dates(doc: Document, committed: dt.date) -> Iterator[dt.date]:
    """A gate's date, each dated target, and the day a review falls due after this version."""
    for date in (parse_date(doc.get("stage_gate", "decision_date")),):
        if date is not None:
            yield date
    for number in numbers(doc):
        if number.quantity is not None and number.quantity.date is not None:
            yield number.quantity.date
    cadence = doc.get("cadence", "review")
    if isinstance(cadence, str) and cadence in PERIOD_DAYS:
        period = dt.timedelta(days=PERIOD_DAYS[cadence] + 1)
        yield committed + period
        reviewed = parse_date(doc.get("reviewed"))
        if reviewed is not None:
            yield reviewed + period


def _dates_of_source(doc: Document) -> Iterator[dt.date]:
    """Dates in a referring document that change what it says: a decision's date, a risk seen."""
    date = parse_date(doc.get("date"))
    if date is not None:
        yield date
    for _i, item in mapping_items(doc.get("items")):
        seen = parse_date(item.get("observed"))
        if seen is not None:
            yield seen


def _state(doc_id: str, day: dt.date, history: History, incoming: dict[str, list[str]], refs: References,
           metrics: set[str], slos: SloFiles, project: Path | None, metrics_of: _MetricDays) -> State:
    doc = history.doc_at(doc_id, day)
    if doc is None:
        return State(day, False, None, None, None)
    evidence = metrics_of.evidence(metrics, day)
    graph = DayGraph(history, incoming, refs, day)
    if doc.kind == "alignment-sheet":
        judge_sheet(doc, evidence, graph, day, slos, project)
    cadence = doc.get("cadence")
    if cadence is not None:
        changed = _last_change(history, doc_id, day)
        here = Path("/", doc_id)  # any key: the one document's last change is all that is looked up
        evidence.reviews[doc_id] = last_review(doc, LastChanges({here: changed} if changed else {}), day, here)
    found = health(doc, evidence, graph, day)
    status = doc.get("status")
    declared = doc.get("health")
    return State(day, True, status if isinstance(status, str) else None, declared if declared in LEVELS else None,
                 found.computed, tuple(_triggers(doc_id, found.reasons, evidence, history, day)))


class _MetricDays:
    """A metric's readings and fields on a day, looked up once: the aims that read it ask for the same days."""

    def __init__(self, history: History) -> None:
        self.history = history
        self._known: dict[tuple[str, dt.date], tuple] = {}

    def evidence(self, metrics: set[str], day: dt.date) -> Evidence:
        evidence = Evidence()
        for metric in metrics:
            series, direction, unit, title = self._on(metric, day)
            if series is not None:
                evidence.series[metric] = series
            for value, target in ((direction, evidence.directions), (unit, evidence.units),
                                  (title, evidence.titles)):
                if value is not None:
                    target[metric] = value
        return evidence

    def _on(self, metric: str, day: dt.date) -> tuple:
        key = (metric, day)
        if key not in self._known:
            doc = self.history.doc_at(metric, day)
            fields = [doc.get(name) if doc is not None else None for name in ("direction", "unit", "title")]
            self._known[key] = (self.history.series_at(metric, day),
                                *(v if isinstance(v, str) and v.strip() else None for v in fields))
        return self._known[key]


def _last_change(history: History, doc_id: str, day: dt.date) -> dt.date | None:
    days = [v.day for v in history.docs[doc_id] if v.day <= day and v.value is not None]
    return days[-1] if days else None


def _triggers(doc_id: str, reasons: tuple[Reason, ...], evidence: Evidence, history: History,
              day: dt.date) -> Iterator[Trigger]:
    for reason in reasons:
        if reason.topic == "gate":
            gate = evidence.gates.get(doc_id)
            if gate is not None and gate.verdict == g.CHANGE and gate.date is not None:
                yield Trigger("gate", gate.date.isoformat(), gate.date, reason.text)
        elif reason.topic == "guardrail":
            guard = evidence.guardrails.get(doc_id)
            if guard is not None and guard.since is not None:
                yield Trigger("guardrail", guard.since.isoformat(), guard.since, reason.text)
        elif reason.topic in ("assumption", "no-go"):
            yield Trigger(reason.topic, reason.about, day, reason.text, reason.about)
        elif reason.topic == "risk" and (match := _RISK.match(reason.text)):
            seen = _observed(history.doc_at(reason.about, day), int(match.group(1)))
            yield Trigger("risk", f"{reason.about}#{match.group(1)}", seen or day, reason.text, reason.about)


def _observed(premortem: Document | None, number: int) -> dt.date | None:
    if premortem is None:
        return None
    item = dict(mapping_items(premortem.get("items"))).get(number - 1)  # risks are numbered from 1
    return parse_date(item.get("observed")) if item is not None else None
