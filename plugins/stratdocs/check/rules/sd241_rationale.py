"""A decision to stop or change says why."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    verdict = doc.get("decision")
    if verdict in ("stop", "change") and is_blank(doc.get("rationale")):
        yield (doc.locate("rationale"),
               f"a '{verdict}' decision needs a 'rationale': what did the evidence show, and why {verdict}?")


RULE = Rule("SD241", "rationale", Severity.ERROR, "a stop or change decision has a rationale",
            ("decision",), check)
