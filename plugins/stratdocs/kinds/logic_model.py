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


# What `stratdocs new logic-model` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Logic model (Kellogg): show your work as a causal chain
#   resources -> activities -> outputs -> outcomes -> impact
# Outputs are tangible deliverables (features, applications); outcomes are
# the changes in user or system behaviour they produce; impacts are the
# mission results stakeholders care about. "Your stakeholders define the
# impacts. Your job is to connect your outputs to those impacts by aiming
# at outcomes on purpose."
# Each item has an id unique in the model; leads_to names items of the
# NEXT stage. Every output leads to an outcome, every outcome to an impact.
kind: logic-model
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $today
# serves: [the-aim-id]  # the aims (alignment sheet ids) this model connects to
resources:
  - id: team
    text: "People, money, platforms we have"
    leads_to: [build]
activities:
  - id: build
    text: "What we do with them"
    leads_to: [feature]
outputs:
  - id: feature
    text: "What we deliver"
    leads_to: [behaviour-change]
outcomes:
  - id: behaviour-change
    text: "The change in user behaviour the output produces"
    leads_to: [mission-result]
impact:
  - id: mission-result
    text: "The mission result"
    stakeholders: "Whose result it is: they define it"
---

Where the numbers come from, and who agreed the impacts.
"""

KIND = Kind(
    "logic-model", "Logic model",
    "Resources, activities, outputs, outcomes and impact as a causal chain.",
    style="fill:#e0f2f1,stroke:#00695c", nodes=nodes, anchor="lm-{}",
    template=TEMPLATE,
)
