"""Every output leads to an outcome and every outcome to an impact."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

CHECKED = (("outputs", "output", "outcome"), ("outcomes", "outcome", "impact"))


def check(doc: Document, context: Context) -> Iterable[Report]:
    for stage, noun, next_noun in CHECKED:
        items = doc.get(stage)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            targets = item.get("leads_to")
            if targets is None or (isinstance(targets, list) and not targets):
                label = item.get("id") if isinstance(item.get("id"), str) else str(i + 1)
                yield (doc.locate(stage, i, "leads_to"),
                       f"{noun} '{label}' leads to no {next_noun}: add 'leads_to: [{next_noun}-id]' or drop it")


RULE = Rule("SD280", "causal-chain", Severity.ERROR, "every output leads to an outcome, every outcome to an impact",
            ("logic-model",), check)
