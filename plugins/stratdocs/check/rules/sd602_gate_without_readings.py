"""A stage gate whose date has passed has the readings its rule needs: else the decision was a guess."""

from collections.abc import Iterable

from ...document import Document
from ...evaluate import conditions as c
from ...evaluate import gates as g
from ...findings import Severity
from .base import ENDED, Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    if context.config.readings_dir is None or doc.get("status") in ENDED:
        return  # no readings were read (a library run): nothing is known to be missing
    gate = context.evidence.gates.get(doc.id) if doc.id else None
    if gate is None or gate.verdict != g.NO_EVIDENCE or not gate.final or gate.date is None:
        return
    missing = list(dict.fromkeys(o.condition.metric for o in gate.outcomes if o.state == c.NO_EVIDENCE
                                 and _is_metric(context, o.condition.metric)))  # an unknown id is SD401's
    if not missing:
        return
    names = ", ".join(f"'{m}'" for m in missing)
    yield (doc.locate("stage_gate", "rule"),
           (f"the stage gate date {gate.date.isoformat()} has passed and its 'rule' has no evidence: no reading of "
           f"{names} by then; add the readings (stratdocs readings pull, or readings add), so that the gate is "
           "decided on evidence"))


def _is_metric(context: Context, metric_id: str) -> bool:
    doc = context.index.get(metric_id)
    return doc is not None and doc.kind == "metric"


RULE = Rule("SD602", "gate-without-readings", Severity.WARNING,
            "a stage gate whose date has passed has readings of the metrics its rule needs",
            ("alignment-sheet",), check)
