"""An S&T tree has nodes, and every node has a strategy and a tactic."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from ...kinds.st_tree import walk
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    nodes = doc.get("nodes")
    if nodes is None or (isinstance(nodes, list) and not nodes):
        yield (doc.locate("nodes"),
               "the tree has no nodes: add 'nodes' with a root node (its 'id', 'strategy' and 'tactic')")
        return
    for node, _depth, path in walk(nodes):
        label = node.get("id") if isinstance(node.get("id"), str) else "?"
        for key, meaning in (("strategy", "the objective at this level"), ("tactic", "how the strategy is achieved")):
            if is_blank(node.get(key)):
                yield doc.locate(*path, key), f"node '{label}' has no '{key}' ({meaning})"


RULE = Rule("SD221", "strategy-and-tactic", Severity.ERROR, "every S&T node has a strategy and a tactic",
            ("st-tree",), check)
