"""A baseline, target or condition is a number that readings can be compared with, not text."""

from collections.abc import Iterable

from ...document import Document
from ...evaluate.numbers import numbers, suggested_number
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    for number in numbers(doc):
        if number.quantity is not None or not isinstance(number.written, str) or is_blank(number.written):
            continue  # a number; a type the schema reports; blank, which is missing
        guess = suggested_number(number.written)
        if guess is None and number.path[0] == "goals":
            continue  # an OGSM goal with no number at all is SD320's (goal-measurable)
        key = number.path[-1]
        guess = guess or "<number>"
        yield (doc.locate(*number.path),
               (f"{key} is text ('{number.written[:60]}'): write the number in the metric's unit, "
               f"`{key}: {guess}`, or `{key}: {{value: {guess}, date: YYYY-MM-DD, note: ...}}` to keep the words, "
               "so that readings can be compared with it"))


RULE = Rule("SD500", "number-as-text", Severity.WARNING,
            "baselines, targets and condition values are numbers that readings can be compared with",
            ("alignment-sheet", "ogsm", "kata"), check)
