"""The mechanism names its lever, its target and the reason: "We believe X will move Y because Z"."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, section_parts


def check(doc: Document, context: Context) -> Iterable[Report]:
    return section_parts(doc, "mechanism", "no mechanism: add 'mechanism' with 'lever', 'target' and 'reason' "
                         "(We believe X will move Y because Z)", {
                             "lever": "mechanism has no 'lever': name X (the lever)",
                             "target": "mechanism has no 'target': name Y (what it moves)",
                             "reason": "mechanism has no 'reason': name Z (because)"})


RULE = Rule("SD103", "mechanism-parts", Severity.ERROR, "the mechanism names a lever, a target and a reason",
            ("alignment-sheet",), check)
