"""A pre-mortem lists at least one risk."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    items = doc.get("items")
    if items is None or (isinstance(items, list) and not items):
        yield (doc.locate("items"),
               "the pre-mortem lists no risks: add 'items', each a risk: imagine the bet failed, and write down why")


RULE = Rule("SD262", "risks", Severity.ERROR, "a pre-mortem lists at least one risk", ("premortem",), check)
