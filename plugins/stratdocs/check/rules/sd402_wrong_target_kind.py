"""A reference points at the kind of document its relation expects."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    for ref in context.graph.refs_from(doc):
        if ref.problem == "wrong-kind":
            yield doc.locate(*ref.path), f"{ref.relation}: {ref.hint}"


RULE = Rule("SD402", "wrong-target-kind", Severity.ERROR, "a reference points at the wrong kind of document",
            ("*",), check)
