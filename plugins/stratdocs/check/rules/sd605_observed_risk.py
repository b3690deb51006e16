"""A risk whose early warning sign has been seen is answered: a mitigation, or a decision about the bet it threatens."""

from collections.abc import Iterable

from ...document import Document
from ...evaluate.health import observed_risks
from ...findings import Severity
from .base import Context, Report, Rule, decided_since


def check(doc: Document, context: Context) -> Iterable[Report]:
    sheets = [ref.target_id for ref in context.graph.refs_from(doc) if ref.relation == "threatens" and ref.resolved]
    for n, item, seen in observed_risks(doc, context.today):
        if any(decided_since(context, sheet, seen) for sheet in sheets):
            continue
        risk = item.get("risk")
        named = f" ('{risk.strip()[:80]}')" if isinstance(risk, str) and risk.strip() else ""
        decision = (f"no decision about '{sheets[0]}' is dated since: add 'mitigation', or record a decision with "
                    f"'about: {sheets[0]}'" if sheets else "the pre-mortem 'threatens' no sheet: add 'mitigation'")
        yield (doc.locate("items", n - 1, "observed"),
               (f"risk {n}{named} was observed on {seen.isoformat()}: it is happening, it has no mitigation and "
               f"{decision}"))


RULE = Rule("SD605", "observed-risk", Severity.WARNING,
            "a risk whose early warning sign was observed has a mitigation or a decision since",
            ("premortem",), check)
