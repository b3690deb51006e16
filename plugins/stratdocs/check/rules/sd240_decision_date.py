"""A decision is dated, and not in the future."""

from collections.abc import Iterable

from ...dates import parse_date
from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    value = doc.get("date")
    if is_blank(value):
        yield doc.locate("date"), "the decision has no date: add 'date: YYYY-MM-DD', the day it was taken"
        return
    date = parse_date(value)
    if date is not None and date > context.today:
        yield (doc.locate("date"),
               f"decision date {date.isoformat()} is in the future: log a decision once it is taken")


RULE = Rule("SD240", "decision-date", Severity.ERROR, "a decision has a date, not in the future",
            ("decision",), check)
