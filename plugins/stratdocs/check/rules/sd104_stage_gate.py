"""The stage gate has a decision rule ("We will continue if ...") and a decision date."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, section_parts


def check(doc: Document, context: Context) -> Iterable[Report]:
    return section_parts(doc, "stage_gate", "no stage gate: add 'stage_gate' with 'continue_if' (the decision rule) "
                         "and 'decision_date'", {
                             "continue_if":
                                 "stage gate has no decision rule: add 'continue_if' (We will continue if ...)",
                             "decision_date": "stage gate has no decision date: add 'decision_date' (YYYY-MM-DD)"})


RULE = Rule("SD104", "stage-gate", Severity.ERROR, "the stage gate has a decision rule and a decision date",
            ("alignment-sheet",), check)
