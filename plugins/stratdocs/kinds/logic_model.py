"""The logic model kind: its record, its five stages and their items (the nodes `model-id#item-id` names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import Kind, Node

if TYPE_CHECKING:
    from ..document import Document

STAGES = ("resources", "activities", "outputs", "outcomes", "impact")


def nodes(doc: Document) -> Iterator[Node]:
    for stage in STAGES:
        items = doc.get(stage)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                text = item.get("text")
                label = text if isinstance(text, str) else item["id"]
                yield Node(doc.id or "", item["id"], label, (stage, i), stage=stage)


KIND = Kind(
    "logic-model", "Logic model",
    "Resources, activities, outputs, outcomes and impact as a causal chain.",
    style="fill:#e0f2f1,stroke:#00695c", nodes=nodes, anchor="lm-{}",
)
