"""An active sheet whose gate decision date has passed needs a recorded decision."""

import datetime as dt

from ..findings import Severity
from .base import Rule


def gate_date(doc) -> dt.date | None:
    value = doc.get("stage_gate", "decision_date")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check(doc, context):
    date = gate_date(doc)
    if date is None or doc.get("status") != "active" or date >= context.today:
        return
    days = (context.today - date).days
    yield (doc.locate("stage_gate", "decision_date"),
           f"stage gate decision date {date.isoformat()} passed {days} day(s) ago and the sheet is still active: "
           "record a decision (continue, change or stop)")


RULE = Rule("SD105", "gate-overdue", Severity.WARNING, "an active sheet's stage gate date has passed",
            ("alignment-sheet",), check)
