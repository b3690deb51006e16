"""An invalidated assumption needs a decision: continue, change or stop."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    if doc.get("result") == "invalidated" and is_blank(doc.get("decided_by")):
        yield (doc.locate("result"),
               "the assumption is invalidated but no decision is linked: add 'decided_by' with the decision's id")


RULE = Rule("SD380", "invalidated-needs-decision", Severity.WARNING,
            "an invalidated assumption links the decision taken about it (decided_by)", ("assumption",), check)
