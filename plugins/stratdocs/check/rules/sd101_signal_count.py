"""An alignment sheet names two or three feedback signals."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    feedback = doc.get("feedback")
    if feedback is None:
        yield (doc.locate("feedback"),
               "no feedback signals: add 'feedback' with 2 or 3 signals (proxy, leading, outcome)")
    elif isinstance(feedback, list) and not 2 <= len(feedback) <= 3:
        yield (doc.locate("feedback"),
               f"{len(feedback)} feedback signal(s); name 2 or 3 so the team can watch them weekly")


RULE = Rule("SD101", "signal-count", Severity.ERROR, "an alignment sheet has 2 or 3 feedback signals",
            ("alignment-sheet",), check)
