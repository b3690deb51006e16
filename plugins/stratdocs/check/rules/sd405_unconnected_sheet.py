"""An alignment sheet is connected to the strategy: it serves a tree node or an aim, or is served."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

CONNECTABLE = frozenset({"st-tree", "alignment-sheet"})


def check(doc: Document, context: Context) -> Iterable[Report]:
    if not doc.id:
        return
    others = [i for i in context.graph.ids_of_kinds(CONNECTABLE)[:2] if context.index.get(i) is not doc]
    if not others:
        return  # a lone sheet has nothing to connect to yet (ids_of_kinds is computed once per graph)
    serves = [r for r in context.graph.refs_from(doc) if r.relation == "serves"]
    if not serves and not context.graph.refs_to(doc.id, "serves"):
        yield (doc.locate("serves"),
               "the sheet is not connected: add 'serves' with the S&T node (tree-id#node-id) or aim it serves")


RULE = Rule("SD405", "unconnected-sheet", Severity.WARNING, "an alignment sheet that serves nothing and nothing serves",
            ("alignment-sheet",), check)
