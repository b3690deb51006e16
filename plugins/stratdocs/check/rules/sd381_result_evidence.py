"""A validated or invalidated assumption says what evidence settled it."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    result = doc.get("result")
    if result in ("validated", "invalidated") and is_blank(doc.get("evidence")):
        yield doc.locate("result"), f"the assumption is {result} but gives no 'evidence': what did you see?"


RULE = Rule("SD381", "result-evidence", Severity.WARNING,
            "a validated or invalidated assumption records its evidence", ("assumption",), check)
