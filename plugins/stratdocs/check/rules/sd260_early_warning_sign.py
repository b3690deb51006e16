"""Every pre-mortem risk has an early warning sign."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    for i, item in mappings(doc, "items"):
        if is_blank(item.get("early_warning_sign")):
            yield (doc.locate("items", i, "early_warning_sign"),
                   f"risk {i + 1} has no 'early_warning_sign': what would we see first if it started to happen?")


RULE = Rule("SD260", "early-warning-sign", Severity.ERROR, "every pre-mortem risk has an early warning sign",
            ("premortem",), check)
