"""A breached guardrail is answered by a decision: the SLO protects users while the team experiments."""

from collections.abc import Iterable

from ...document import Document
from ...evaluate import conditions as c
from ...evaluate import gates as g
from ...evaluate.health import metric_unit, named
from ...evaluate.numbers import amount_text
from ...findings import Severity
from .base import Context, Report, Rule, decided_since


def check(doc: Document, context: Context) -> Iterable[Report]:
    if doc.get("status") != "active" or not doc.id:
        return
    guard = context.evidence.guardrails.get(doc.id)
    if guard is None or guard.state != g.BREACHED or guard.since is None:
        return
    if decided_since(context, doc.id, guard.since):
        return
    failing = []
    for outcome in guard.outcomes:
        if outcome.state != c.NOT_MET:
            continue
        cond = outcome.condition
        unit = metric_unit(context.evidence, cond.metric)
        readings = [r for r in context.evidence.readings(cond.metric, context.today)
                    if r.date >= guard.since and not cond.meets(r.value)] or list(outcome.failing)
        shown = ", ".join(f"{amount_text(r.value, unit)} on {r.date.isoformat()}" for r in readings[-6:])
        failing.append(f"{named(context.evidence, cond.metric)} {shown}, needs {cond.text(unit)}")
    slo = doc.get("guardrail", "slo")
    slo_text = f" (SLO: '{slo}')" if isinstance(slo, str) and slo.strip() else ""
    source = f" (from {guard.source})" if guard.source else ""
    yield (doc.locate("guardrail"),
           (f"guardrail breached since {guard.since.isoformat()}: {'; '.join(failing)}{slo_text}{source}, and no "
           f"decision about '{doc.id}' is dated since: pause, roll back or change the bet, and record it in a "
           f"decision with 'about: {doc.id}'"))


RULE = Rule("SD603", "guardrail-breached", Severity.WARNING,
            "an active sheet's guardrail is breached and no decision about the sheet has followed",
            ("alignment-sheet",), check)
