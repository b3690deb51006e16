"""A guardrail (one SLI or SLO) protects users while the team experiments."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    guardrail = doc.get("guardrail")
    if guardrail is None:
        yield (doc.locate("guardrail"),
               "no guardrail: add 'guardrail' with the 'sli' (and 'slo') that protects users while you test")
    elif isinstance(guardrail, dict) and is_blank(guardrail.get("sli")):
        yield doc.locate("guardrail", "sli"), "guardrail has no 'sli': name the indicator you will protect"


RULE = Rule("SD106", "guardrail", Severity.ERROR, "the sheet names a guardrail SLI or SLO",
            ("alignment-sheet",), check)
