"""A reference names a document (or a node inside one) that exists."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    for ref in context.graph.refs_from(doc):
        if ref.problem == "unknown-id":
            yield doc.locate(*ref.path), f"{ref.relation}: no document has id '{ref.target_id}'{ref.hint}"
        elif ref.problem == "unknown-node":
            yield (doc.locate(*ref.path),
                   f"{ref.relation}: '{ref.target_id}' has no node '{ref.node_id}'{ref.hint}")


RULE = Rule("SD401", "unknown-reference", Severity.ERROR, "a reference names an id or node that does not exist",
            ("*",), check)
