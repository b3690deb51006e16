"""The stage gate has a decision rule ("We will continue if ...") and a decision date."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    gate = doc.get("stage_gate")
    if gate is None:
        yield doc.locate("stage_gate"), "no stage gate: add 'stage_gate' with 'continue_if' (the decision rule) and 'decision_date'"
        return
    if not isinstance(gate, dict):
        return
    if is_blank(gate.get("continue_if")):
        yield doc.locate("stage_gate", "continue_if"), "stage gate has no decision rule: add 'continue_if' (We will continue if ...)"
    if is_blank(gate.get("decision_date")):
        yield doc.locate("stage_gate", "decision_date"), "stage gate has no decision date: add 'decision_date' (YYYY-MM-DD)"


RULE = Rule("SD104", "stage-gate", Severity.ERROR, "the stage gate has a decision rule and a decision date",
            ("alignment-sheet",), check)
