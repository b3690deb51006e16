"""A risk of high likelihood and high impact has a mitigation."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    for i, item in mappings(doc, "items"):
        if item.get("likelihood") == "high" and item.get("impact") == "high" and is_blank(item.get("mitigation")):
            yield (doc.locate("items", i, "mitigation"),
                   f"risk {i + 1} is high likelihood and high impact but has no 'mitigation'")


RULE = Rule("SD261", "high-risk-mitigation", Severity.ERROR, "a high-likelihood, high-impact risk has a mitigation",
            ("premortem",), check)
