"""An alignment sheet is connected to the strategy: it serves a tree node or an aim, or is served."""

from ..findings import Severity
from .base import Rule


def check(doc, context):
    if context.graph is None or not doc.id:
        return
    if not any(d.kind == "st-tree" or (d.kind == "alignment-sheet" and d is not doc)
               for d in context.index.by_id.values()):
        return  # a lone sheet has nothing to connect to yet
    serves = [r for r in context.graph.refs_from(doc) if r.relation == "serves"]
    if not serves and not context.graph.refs_to(doc.id, "serves"):
        yield (doc.locate("serves"),
               "the sheet is not connected: add 'serves' with the S&T node (tree-id#node-id) or aim it serves")


RULE = Rule("SD405", "unconnected-sheet", Severity.WARNING, "an alignment sheet that serves nothing and nothing serves",
            ("alignment-sheet",), check)
