"""A metric says exactly what it counts (definition) and in what unit."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    if is_blank(doc.get("definition")):
        yield (doc.locate("definition"),
               "no definition: add 'definition', exactly what is counted, over whom and over what period")
    if is_blank(doc.get("unit")):
        yield doc.locate("unit"), "no unit: add 'unit', what one unit of the number is (e.g. '%', 'calls a week')"


RULE = Rule("SD340", "metric-definition", Severity.ERROR, "a metric has a definition and a unit",
            ("metric",), check)
