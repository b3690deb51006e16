"""A decision to stop or change says why."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    verdict = doc.get("decision")
    if verdict in ("stop", "change") and is_blank(doc.get("rationale")):
        yield (doc.locate("rationale"),
               f"a '{verdict}' decision needs a 'rationale': what did the evidence show, and why {verdict}?")


RULE = Rule("SD241", "rationale", Severity.ERROR, "a stop or change decision has a rationale",
            ("decision",), check)
