"""The Strategy & Tactics tree kind: its record and its model, the walk over nested nodes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import Kind, Node

if TYPE_CHECKING:
    from ..document import Document

MAX_DEPTH = 64  # the loader caps front matter nesting; this guards the walk on its own


def walk(nodes, depth: int = 1, path: tuple = ("nodes",)):
    """(node, depth, path) for every node in document order; iterative, so deep input cannot overflow."""
    stack: list = []

    def push(items, depth, path):
        if isinstance(items, list) and depth <= MAX_DEPTH:
            stack.extend((n, depth, path + (i,)) for i, n in reversed(list(enumerate(items))) if isinstance(n, dict))

    push(nodes, depth, path)
    while stack:
        node, depth, path = stack.pop()
        yield node, depth, path
        push(node.get("children"), depth + 1, path + ("children",))


def nodes(doc: Document) -> Iterator[Node]:
    parents: dict[tuple, str | None] = {("nodes",): None}  # where a node's children are -> its id
    for node, depth, path in walk(doc.get("nodes")):
        # A node without an id names nothing, nor does anything below it.
        if depth > 33 or not isinstance(node.get("id"), str) or path[:-1] not in parents:
            continue
        label = node.get("strategy") if isinstance(node.get("strategy"), str) else node["id"]
        yield Node(doc.id or "", node["id"], label, path, parent=parents.get(path[:-1]))
        parents[path + ("children",)] = node["id"]


# What `stratdocs new st-tree` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Strategy & Tactics tree (Goldratt). Each node pairs a STRATEGY (the
# objective at that level: what for) with a TACTIC (how). Children refine
# their parent's tactic. Every tactic should be necessary, viable,
# sufficient and connected:
#   necessary_assumption: why this strategy is needed for the parent's tactic
#   parallel_assumption: why this tactic will achieve this strategy
#   sufficiency_assumption: why the children, together, are enough
# Node ids are unique within the tree; other docs refer to a node as
# $id#node-id (e.g. a PR/FAQ's or a sheet's `serves`).
kind: st-tree
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $today
nodes:
  - id: goal
    strategy: "The outcome the whole tree serves, as a change for users"
    tactic: "The main way we will get there"
    sufficiency_assumption: "Why the nodes below are enough to carry out the tactic"
    children:
      - id: first-strategy
        strategy: "What must be true for the tactic above to work"
        tactic: "How we will make it true: the smallest thing we can ship"
        necessary_assumption: "Why the tactic above fails without this"
        parallel_assumption: "Why this tactic will achieve this strategy"
      - id: second-strategy
        strategy: "Another thing that must be true"
        tactic: "How we will make it true"
        necessary_assumption: "Why the tactic above fails without this"
        parallel_assumption: "Why this tactic will achieve this strategy"
---

What this tree is for, and when the team last reviewed it.
"""

KIND = Kind(
    "st-tree", "Strategy & Tactics tree",
    "Nested nodes: strategy, tactic and their necessary, parallel and sufficiency assumptions.",
    style="fill:#eceff1,stroke:#37474f", nodes=nodes, anchor="node-{}",
    template=TEMPLATE,
)
