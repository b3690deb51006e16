"""The evaluate stage: read the readings, then judge each sheet's gate, aim and guardrail, each last review and
every document's health, into one Evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from ..codes import code_finding
from ..config import Config
from ..dates import parse_date
from ..document import Document
from ..findings import Finding, Location
from ..graph.graph import Backlinks, Graph
from ..graph.index import Index
from ..load.load import display_path
from ..readings.folder import read_folder
from . import gates
from .conditions import Condition
from .evidence import Evidence
from .health import HEALTH_KINDS, health
from .openslo import Slo, read_slo
from .staleness import reviews


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
    today = config.today
    slos = SloFiles()
    if any(doc.kind in HEALTH_KINDS and doc.get("cadence") is not None for doc in index.by_id.values()):
        evidence.reviews, evidence.history = reviews(index.by_id.values(), root if config.git_history else None,
                                                      today)
    for doc in index.by_id.values():
        if doc.kind == "alignment-sheet" and doc.id:
            judge_sheet(doc, evidence, graph, today, slos, config.project_dir or root)
    evidence.findings.extend(slos.findings)
    for doc_id, doc in index.by_id.items():
        if doc.kind in HEALTH_KINDS:
            evidence.health[doc_id] = health(doc, evidence, graph, today)


def judge_sheet(doc: Document, evidence: Evidence, graph: Backlinks, today: dt.date, slos: SloFiles,
                root: Path | None) -> None:
    """The sheet's gate (and the decision answering it), its aim's done rule and its guardrail, by today."""
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
    elif (slo := slos.read(doc, root)) is not None:
        evidence.guardrails[doc.id] = gates.watch(slo_conditions(doc, slo), evidence, today, slo.path)


class SloFiles:
    """The OpenSLO files guardrails point at, each read once per run; its problems found once."""

    def __init__(self) -> None:
        self.read_files: dict[str, Slo | None] = {}
        self.findings: list[Finding] = []

    def read(self, doc: Document, root: Path | None) -> Slo | None:
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
