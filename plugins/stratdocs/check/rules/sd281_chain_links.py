"""leads_to names items of the next stage of the logic model."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

STAGES = ("resources", "activities", "outputs", "outcomes", "impact")


def ids(doc, stage) -> set[str]:
    items = doc.get(stage)
    if not isinstance(items, list):
        return set()
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}


def check(doc: Document, context: Context) -> Iterable[Report]:
    for stage, next_stage in zip(STAGES, STAGES[1:] + (None,), strict=True):
        items = doc.get(stage)
        if not isinstance(items, list):
            continue
        known = ids(doc, next_stage) if next_stage else set()
        for i, item in enumerate(items):
            targets = item.get("leads_to") if isinstance(item, dict) else None
            if not isinstance(targets, list):
                continue
            for j, target in enumerate(targets):
                if not isinstance(target, str) or target in known:
                    continue
                message = (f"'{target}' is not the 'id' of an item of '{next_stage}'" if next_stage
                           else f"impact leads to '{target}', but impact is the end of the chain")
                yield doc.locate(stage, i, "leads_to", j), message


RULE = Rule("SD281", "chain-links", Severity.ERROR, "leads_to names existing items of the next stage",
            ("logic-model",), check)
