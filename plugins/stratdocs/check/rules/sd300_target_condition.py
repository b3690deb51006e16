"""A kata's next target condition is measurable (a value, with a metric id or a unit) and dated."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    target = doc.get("target_condition")
    if target is None:
        yield (doc.locate("target_condition"),
               "no target condition: add 'target_condition' with its 'metric', 'value' and 'date'")
        return
    if not isinstance(target, dict):
        return
    if is_blank(target.get("metric")) and is_blank(target.get("unit")):
        yield (doc.locate("target_condition"),
               "target condition has no 'metric': name the metric id (or at least the 'unit') you will measure")
    if is_blank(target.get("value")):
        yield doc.locate("target_condition", "value"), "target condition has no 'value': what number will you reach?"
    if is_blank(target.get("date")):
        yield doc.locate("target_condition", "date"), "target condition has no 'date' (YYYY-MM-DD): by when?"


RULE = Rule("SD300", "target-condition", Severity.ERROR,
            "a kata's target condition is measurable (a value, with a metric or a unit) and dated", ("kata",), check)
