"""At least one feedback signal is a proxy you expect to move first."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    feedback = doc.get("feedback")
    if not isinstance(feedback, list) or not feedback:
        return
    if not any(isinstance(s, dict) and s.get("type") == "proxy" for s in feedback):
        yield doc.locate("feedback"), "no proxy signal: mark the signal you expect to move first as 'type: proxy'"


RULE = Rule("SD102", "proxy-signal", Severity.ERROR, "at least one feedback signal is a proxy",
            ("alignment-sheet",), check)
