"""Parent links between metrics form a tree: following them never comes back to where it started."""

import weakref
from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


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


def on_loops(by_id) -> set[str]:
    """Ids of the metrics whose parent chain comes back to them: one walk over all parent links."""
    parents = {doc_id: doc.get("parent") for doc_id, doc in by_id.items()
               if doc.kind == "metric" and doc.data is not None and isinstance(doc.get("parent"), str)}
    looping: set[str] = set()
    done: set[str] = set()
    for start in parents:
        walk: dict[str, int] = {}  # id -> step, for this walk
        current = start
        while current in parents and current not in done and current not in walk:
            walk[current] = len(walk)
            current = parents[current]
        if current in walk:  # came back to a metric of this very walk: from there on it is a loop
            looping.update(list(walk)[walk[current]:])
        done.update(walk)
    return looping


# Rules run once per document, but whether a metric is on a loop depends on all of them: walking
# each metric's whole chain again cost metrics x chain length. The loops are found once per index
# (held weakly, so a later run's index is never mistaken for it).
_cache: tuple[weakref.ref, set[str]] | None = None


def looping_ids(index) -> set[str]:
    global _cache  # noqa: PLW0603  (one index at a time, held weakly: see above)
    if _cache is None or _cache[0]() is not index:
        _cache = (weakref.ref(index), on_loops(index.by_id))
    return _cache[1]


def check(doc: Document, context: Context) -> Iterable[Report]:
    if not doc.id or not isinstance(doc.get("parent"), str):
        return
    by_id = getattr(context.index, "by_id", None) or {}
    if by_id.get(doc.id) is doc and doc.id not in looping_ids(context.index):
        return  # a duplicate id (SD007) is still walked: its chain is not the index's
    chain = parent_chain(doc, lambda doc_id: doc if doc_id == doc.id else by_id.get(doc_id))
    if len(chain) > 1 and chain[-1] == doc.id:
        yield doc.locate("parent"), "metric parents form a loop: " + " → ".join(chain)


RULE = Rule("SD341", "metric-cycle", Severity.ERROR, "parent links between metrics do not form a loop",
            ("metric",), check)
