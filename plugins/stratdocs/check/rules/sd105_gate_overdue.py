"""An active sheet whose gate decision date has passed needs a recorded decision about it.

A decision document (`kind: decision`) whose `about` names the sheet (or
`sheet-id#stage-gate`), dated within the gate's window or later, records it.
"""

from collections.abc import Iterable

from ...dates import parse_date
from ...document import Document
from ...evaluate import conditions as c
from ...evaluate import gates as g
from ...evaluate.health import outcome_text
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    gate = parse_date(doc.get("stage_gate", "decision_date"))
    if gate is None or doc.get("status") != "active" or gate >= context.today:
        return
    if doc.id in context.evidence.gate_decisions:  # a decision dated within the gate's window, or later
        return
    days = (context.today - gate).days
    yield (doc.locate("stage_gate", "decision_date"),
           (f"stage gate decision date {gate.isoformat()} passed {days} day(s) ago and no decision is recorded "
            f"about '{doc.id}'{_verdict(doc, context)}: add a decision (continue, change or stop) with "
            f"'about: {doc.id}'"))


def _verdict(doc: Document, context: Context) -> str:
    """What the gate's rule says, when it has one: the decision to record is rarely in doubt."""
    judged = context.evidence.gates.get(doc.id)
    if judged is None or not judged.final or context.config.readings_dir is None:
        return ""  # no rule, or no readings read at all
    if judged.verdict == g.CHANGE:
        unmet = "; ".join(outcome_text(o, context.evidence) for o in judged.outcomes if o.state == c.NOT_MET)
        return f" (its rule says change: {unmet})"
    if judged.verdict == g.CONTINUE:
        return " (its rule says continue)"
    return " (its rule has no readings by then)"


RULE = Rule("SD105", "gate-overdue", Severity.WARNING,
            "an active sheet's stage gate date has passed with no decision about it", ("alignment-sheet",), check)
