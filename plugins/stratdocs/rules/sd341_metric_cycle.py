"""Parent links between metrics form a tree: following them never comes back to where it started."""

from ..findings import Severity
from .base import Rule


def parent_chain(doc, lookup) -> list[str]:
    """Ids from doc upwards, stopping at the top, a missing or non-metric parent, or the first repeat."""
    chain, seen = [doc.id], {doc.id}
    current = doc
    while True:
        parent = current.get("parent")
        if not isinstance(parent, str):
            return chain
        chain.append(parent)
        if parent in seen:
            return chain
        seen.add(parent)
        current = lookup(parent)
        if current is None or current.kind != "metric" or current.data is None:
            return chain


def check(doc, context):
    if not doc.id or not isinstance(doc.get("parent"), str):
        return
    by_id = getattr(context.index, "by_id", None) or {}
    chain = parent_chain(doc, lambda doc_id: doc if doc_id == doc.id else by_id.get(doc_id))
    if len(chain) > 1 and chain[-1] == doc.id:
        yield doc.locate("parent"), "metric parents form a loop: " + " → ".join(chain)


RULE = Rule("SD341", "metric-cycle", Severity.ERROR, "parent links between metrics do not form a loop",
            ("metric",), check)
