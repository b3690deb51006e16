"""Chains that must end do end: no decision supersedes itself through others, nothing serves itself."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    if not doc.id:
        return
    for relation, loop in context.graph.cycles_at(doc.id):  # each loop is reported once, at its first document
        ref = next((r for r in context.graph.refs_from(doc) if r.relation == relation and r.target_id == loop[1]), None)
        if ref is None:
            continue  # another document with the same id (SD007): the loop is the id's owner's
        yield doc.locate(*ref.path), f"{relation} loop: {' -> '.join(loop)}"


RULE = Rule("SD403", "reference-cycle", Severity.ERROR, "references along supersedes or serves form a loop",
            ("*",), check)
