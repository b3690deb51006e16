"""A document serves something above it, never one of its own nodes (its own gate, its own tree's node)."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    if not doc.id:
        return
    for ref in context.graph.refs_from(doc):
        if ref.resolved and ref.target_id == doc.id and ref.node_id is not None:
            yield (doc.locate(*ref.path),
                   (f"{ref.relation}: '{ref.text}' is a node of this document itself; "
                    f"it must {ref.relation.replace('_', ' ')} something outside it"))


RULE = Rule("SD406", "serves-itself", Severity.ERROR, "a document refers to one of its own nodes",
            ("*",), check)
