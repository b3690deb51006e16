"""Node ids are unique within an S&T tree."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from ...kinds.st_tree import walk
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    seen: dict[str, tuple] = {}
    for node, _depth, path in walk(doc.get("nodes")):
        node_id = node.get("id")
        if not isinstance(node_id, str):
            continue
        if node_id in seen:
            first = doc.locate(*seen[node_id], "id")
            yield (doc.locate(*path, "id"),
                   f"node id '{node_id}' is used twice in this tree (first on line {first.line})")
        else:
            seen[node_id] = path


RULE = Rule("SD220", "node-ids", Severity.ERROR, "node ids are unique within an S&T tree", ("st-tree",), check)
