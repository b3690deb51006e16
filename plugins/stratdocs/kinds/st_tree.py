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


KIND = Kind(
    "st-tree", "Strategy & Tactics tree",
    "Nested nodes: strategy, tactic and their necessary, parallel and sufficiency assumptions.",
    style="fill:#eceff1,stroke:#37474f", nodes=nodes, anchor="node-{}",
)
