"""A kata's next target condition is measurable (a metric and a value) and dated."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    target = doc.get("target_condition")
    if target is None:
        yield (doc.locate("target_condition"),
               "no target condition: name the next measurable, dated condition (metric, value, date)")
        return
    if not isinstance(target, dict):
        return
    if is_blank(target.get("metric")):
        yield doc.locate("target_condition", "metric"), "target condition has no metric: what will you measure?"
    if is_blank(target.get("value")):
        yield doc.locate("target_condition", "value"), "target condition has no value: what number will you reach?"
    if is_blank(target.get("date")):
        yield doc.locate("target_condition", "date"), "target condition has no date (YYYY-MM-DD): by when?"


RULE = Rule("SD300", "target-condition", Severity.ERROR,
            "a kata's target condition is measurable (metric and value) and dated", ("kata",), check)
