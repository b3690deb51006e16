"""Every OGSM goal has a number and a date."""

import re

from ..findings import Severity
from .base import Rule, is_blank

_DIGIT = re.compile(r"[0-9]")


def has_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_DIGIT.search(value))


def check(doc, context):
    goals = doc.get("goals")
    if goals is None:
        yield doc.locate("goals"), "no goals: add 'goals', each with a 'target' number and a 'date'"
        return
    if not isinstance(goals, list):
        return
    if not goals:
        yield doc.locate("goals"), "no goals: add 'goals', each with a 'target' number and a 'date'"
    for n, goal in enumerate(goals):
        if not isinstance(goal, dict):
            continue
        target = goal.get("target")
        if is_blank(target):
            yield doc.locate("goals", n), f"goal {n + 1} has no 'target': what number will you reach?"
        elif isinstance(target, str) and not has_number(target):
            yield doc.locate("goals", n, "target"), f"goal {n + 1}'s target has no number in it: '{target[:60]}'"
        if is_blank(goal.get("date")):
            yield doc.locate("goals", n), f"goal {n + 1} has no 'date' (YYYY-MM-DD): by when?"


RULE = Rule("SD320", "goal-measurable", Severity.ERROR, "every OGSM goal has a number (target) and a date",
            ("ogsm",), check)
