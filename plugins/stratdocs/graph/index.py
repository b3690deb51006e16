"""Index: every strategy doc of a known kind by its id, unique across the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codes import code_finding
from ..document import Document
from ..findings import Finding
from ..kinds import KINDS


@dataclass
class Index:
    by_id: dict[str, Document] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Ids claimed by documents that cannot be used (front matter that does not parse, an
    # unknown kind): a reference to one is not to a missing document, and says where it is.
    unusable: dict[str, Document] = field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        return self.by_id.get(doc_id)


def build_index(docs: list[Document]) -> Index:
    index = Index()
    claims: dict[str, list[Document]] = {}
    for doc in docs:
        # A document of no known kind (SD005) is in no graph, page or diagram: its
        # fields have no meaning to trust, and `kind` itself may be anything.
        if doc.is_strategy and doc.id and doc.kind in KINDS:
            claims.setdefault(doc.id, []).append(doc)
    for doc_id, owners in claims.items():
        index.by_id[doc_id] = owners[0]
        if len(owners) > 1:
            for doc in owners:
                others = ", ".join(o.path for o in owners if o is not doc)
                index.findings.append(
                    code_finding(doc.path, "SD007", f"id '{doc_id}' is also used by {others}", doc.locate("id")))
    for doc in docs:
        claimed = claimed_id(doc)
        if claimed and claimed not in index.by_id:
            index.unusable.setdefault(claimed, doc)
    return index


def claimed_id(doc: Document) -> str | None:
    """The id a document that cannot be used still plainly claims, or None."""
    if doc.load_failed and doc.salvaged:
        return doc.salvaged.get("id")
    if doc.is_strategy and doc.kind not in KINDS:
        return doc.id
    return None
