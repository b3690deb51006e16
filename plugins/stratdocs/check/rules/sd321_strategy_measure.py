"""Every OGSM strategy has at least one measure."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, item_parts


def check(doc: Document, context: Context) -> Iterable[Report]:
    return item_parts(doc, "strategies", "no strategies: add 'strategies', the choices that will reach the goals", {
        "measures": "strategy {n} has no 'measures': how will you know it is working?"})


RULE = Rule("SD321", "strategy-measure", Severity.ERROR, "every OGSM strategy has at least one measure",
            ("ogsm",), check)
