"""A reference to a document that exists but cannot be read yet is a note, not a second error."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    for ref in context.graph.refs_from(doc):
        if ref.problem == "unusable-target":
            yield doc.locate(*ref.path), f"{ref.relation}: {ref.hint}"


RULE = Rule("SD407", "unusable-target", Severity.INFO,
            "a reference names a document that exists but has errors of its own", ("*",), check)
