"""Every leaf tactic of an S&T tree is served by something that carries it out."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    if not doc.id:
        return
    nodes = context.graph.nodes.get(doc.id, {})
    parents = {node.parent for node in nodes.values()}
    for node in nodes.values():
        if node.node_id in parents:
            continue  # not a leaf: its children carry it
        if f"{doc.id}#{node.node_id}" in context.graph.unusable_serves:
            continue  # served by a document that cannot be read yet: its own findings say so
        if not context.graph.refs_to(doc.id, "serves", node.node_id):
            yield (doc.locate(*node.path, "id"),
                   (f"leaf node '{node.node_id}' is an orphan: no sheet, PR/FAQ, kata or OGSM strategy "
                    f"serves '{doc.id}#{node.node_id}'"))


RULE = Rule("SD404", "orphan-tree-node", Severity.WARNING, "a leaf S&T node that nothing serves",
            ("st-tree",), check)
