"""Item ids are unique within a logic model."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

STAGES = ("resources", "activities", "outputs", "outcomes", "impact")


def check(doc: Document, context: Context) -> Iterable[Report]:
    seen: dict[str, str] = {}
    for stage in STAGES:
        items = doc.get(stage)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                yield doc.locate(stage, i, "id"), f"item id '{item_id}' is already used in {seen[item_id]}"
            else:
                seen[item_id] = stage


RULE = Rule("SD282", "item-ids", Severity.ERROR, "item ids are unique within a logic model", ("logic-model",), check)
