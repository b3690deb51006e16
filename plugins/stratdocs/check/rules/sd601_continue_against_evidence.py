"""A decision to continue against the evidence says why: the sunk-cost spiral, caught in review.

A `continue` about a sheet whose stage gate rule was not met, on what was known
that day (the decision's date, or the gate's when that came first), is fine only
with a rationale that faces the evidence: one naming a metric that fell short,
by its id or its title. A superseded decision is not reported: a later one replaced it.
"""

from collections.abc import Iterable

from ...dates import parse_date
from ...document import Document
from ...evaluate import conditions as c
from ...evaluate.gates import gate_on
from ...evaluate.health import outcome_text
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    decided_on = parse_date(doc.get("date"))
    if doc.get("decision") != "continue" or decided_on is None or doc.get("status") == "superseded":
        return  # a superseded decision is history: a later one answered the evidence
    for ref in context.graph.refs_from(doc):
        sheet = context.index.get(ref.target_id) if ref.relation == "about" and ref.resolved else None
        if sheet is None or sheet.kind != "alignment-sheet":
            continue
        gate_date = parse_date(sheet.get("stage_gate", "decision_date"))
        known = min(decided_on, gate_date) if gate_date is not None else decided_on
        judged = gate_on(sheet, context.evidence, known)
        if judged is None or judged[0] != c.NOT_MET:
            continue
        unmet = [o for o in judged[1] if o.state == c.NOT_MET]
        rationale = doc.get("rationale")
        if not is_blank(rationale) and _names_any(str(rationale), [o.condition.metric for o in unmet], context):
            continue
        why = ("'rationale' is blank" if is_blank(rationale)
               else "'rationale' names none of the metrics that fell short")
        shortfall = "; ".join(outcome_text(o, context.evidence) for o in unmet)
        yield (doc.locate("decision"),
               (f"continue, but the stage gate rule of '{sheet.id}' was not met on {known.isoformat()} ({shortfall}) "
               f"and {why}: say in 'rationale' why the bet goes on against this evidence, or decide change or "
               "stop (continuing because of what is already spent is the sunk-cost spiral)"))


def _names_any(text: str, metrics: list[str], context: Context) -> bool:
    """Whether the text names a metric by its id or its title, in any case."""
    text = text.casefold()
    for metric in metrics:
        doc = context.index.get(metric)
        names = [metric] + ([doc.title] if doc is not None and doc.title.strip() else [])
        if any(name.casefold() in text for name in names):
            return True
    return False


RULE = Rule("SD601", "continue-against-evidence", Severity.WARNING,
            "a decision to continue against a stage gate rule that was not met says why in its rationale",
            ("decision",), check)
