"""Every OGSM goal has a number and a date."""

import re
from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, item_parts

_DIGIT = re.compile(r"[0-9]")


def has_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_DIGIT.search(value))


def check(doc: Document, context: Context) -> Iterable[Report]:
    yield from item_parts(doc, "goals", "no goals: add 'goals', each with a 'target' number and a 'date'", {
        "target": "goal {n} has no 'target': what number will you reach?",
        "date": "goal {n} has no 'date' (YYYY-MM-DD): by when?"})
    goals = doc.get("goals")
    for n, goal in enumerate(goals if isinstance(goals, list) else []):
        target = goal.get("target") if isinstance(goal, dict) else None
        if isinstance(target, str) and not is_blank(target) and not has_number(target):
            yield doc.locate("goals", n, "target"), f"goal {n + 1}'s target has no number in it: '{target[:60]}'"


RULE = Rule("SD320", "goal-measurable", Severity.ERROR, "every OGSM goal has a number (target) and a date",
            ("ogsm",), check)
