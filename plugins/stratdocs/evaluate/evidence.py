"""The evidence: every metric's readings, read once per run, and what they say by a given day.

evaluate() reads them, then judges each sheet's gate, aim and guardrail and
computes every document's health: rules and pages read what it computed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..codes import code_finding
from ..config import Config
from ..dates import parse_date
from ..document import Document
from ..findings import Finding, Location
from ..graph.index import Index
from ..readings.csvfile import Reading, Series
from ..readings.folder import read_folder
from .conditions import Condition

if TYPE_CHECKING:
    from ..graph.graph import Graph
    from ..history.lastchange import LastChanges
    from .gates import Done, Gate, Guardrail
    from .health import Health
    from .openslo import Slo
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


def evaluate(index: Index, graph: Graph, config: Config, root: Path | None = None) -> Evidence:
    """Read the readings folder against the index's metrics, then judge every document on them.

    root is the strategy folder, whose git history says when each document last changed.
    """
    metrics = {doc_id: doc for doc_id, doc in index.by_id.items() if doc.kind == "metric"}
    directions = {doc_id: d for doc_id, doc in metrics.items() if isinstance(d := doc.get("direction"), str)}
    units = {doc_id: u for doc_id, doc in metrics.items() if isinstance(u := doc.get("unit"), str)}
    titles = {doc_id: t for doc_id, doc in metrics.items() if isinstance(t := doc.get("title"), str) and t.strip()}
    evidence = Evidence(directions=directions, units=units, titles=titles)
    if config.readings_dir is not None:
        evidence.series, evidence.findings = read_folder(config.readings_dir, metrics)
    judge(evidence, index, graph, config, root)
    return evidence


def judge(evidence: Evidence, index: Index, graph: Graph, config: Config, root: Path | None) -> None:
    """Each sheet's gate, aim and guardrail, each last review, then each document's health (which reads them)."""
    from . import gates
    from .health import HEALTH_KINDS, health
    from .staleness import reviews

    today = config.today
    slos = SloFiles()
    if any(doc.kind in HEALTH_KINDS and doc.get("cadence") is not None for doc in index.by_id.values()):
        evidence.reviews, evidence.history = reviews(index.by_id.values(), root if config.git_history else None,
                                                      today)
    sheets = [doc for doc in index.by_id.values() if doc.kind == "alignment-sheet" and doc.id]
    for doc in sheets:
        assert doc.id is not None
        if (gate := gates.gate(doc, evidence, today)) is not None:
            evidence.gates[doc.id] = gate
        date = parse_date(doc.get("stage_gate", "decision_date"))
        if date is not None and date <= today and (answer := gates.gate_decision(doc, graph, date)) is not None:
            evidence.gate_decisions[doc.id] = answer
        if (done := gates.done(doc, evidence, today)) is not None:
            evidence.done[doc.id] = done
        if (condition := gates.guardrail_condition(doc)) is not None:
            evidence.guardrails[doc.id] = gates.watch((condition,), evidence, today)
        elif (slo := slos.read(doc, config.project_dir or root)) is not None:
            evidence.guardrails[doc.id] = gates.watch(slo_conditions(doc, slo), evidence, today, slo.path)
    evidence.findings.extend(slos.findings)
    for doc_id, doc in index.by_id.items():
        if doc.kind in HEALTH_KINDS:
            evidence.health[doc_id] = health(doc, evidence, graph, today)


class SloFiles:
    """The OpenSLO files guardrails point at, each read once per run; its problems found once."""

    def __init__(self) -> None:
        self.read_files: dict[str, Slo | None] = {}
        self.findings: list[Finding] = []

    def read(self, doc: Document, root: Path | None) -> Slo | None:
        from ..load.load import display_path
        from .openslo import read_slo

        written, metric = doc.get("guardrail", "openslo"), doc.get("guardrail", "metric")
        if not isinstance(written, str) or not isinstance(metric, str) or root is None:
            return None
        path = Path(os.path.normpath(Path(doc.path).parent / written))
        shown = display_path(path)
        if shown not in self.read_files:
            try:
                slo, findings = read_slo(path, shown, root)
                elsewhere = not path.is_file() or not _inside(path, root)
            except (OSError, ValueError) as err:  # a name the file system refuses (too long, a NUL byte)
                slo, elsewhere = None, True
                findings = [code_finding(shown, "SD030", f"cannot be read: {err.__class__.__name__}", Location())]
            if elsewhere:  # nothing to point at in the file: the finding is at the sheet's value
                where = doc.locate("guardrail", "openslo")
                findings = [dataclasses.replace(f, path=doc.path, line=where.line, column=where.column,
                                                message=f"guardrail.openslo '{written}': {f.message}")
                            for f in findings]
            self.read_files[shown] = slo
            self.findings.extend(findings)
        return self.read_files[shown]


def _inside(path: Path, root: Path) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def slo_conditions(doc: Document, slo: Slo) -> tuple[Condition, ...]:
    """Each objective of the SLO as a condition on the guardrail's metric, over its for_last readings."""
    metric = doc.get("guardrail", "metric")
    for_last = doc.get("guardrail", "for_last")
    window = for_last if isinstance(for_last, int) and not isinstance(for_last, bool) and 1 <= for_last <= 104 else 1
    path = ("guardrail", "openslo")
    return tuple(
        Condition(str(metric), objective.value, None, window, path, low_strict=objective.op == "gt")
        if objective.op in ("gte", "gt") else
        Condition(str(metric), None, objective.value, window, path, high_strict=objective.op == "lt")
        for objective in slo.objectives)
