"""A whole strategy page: findings box, the kind's structure, then the body as written."""

from __future__ import annotations

from ..document import Document
from ..findings import Finding
from ..kinds import KINDS
from .common import findings_box
from .context import RenderContext


def render_page(doc: Document, findings: list[Finding], context: RenderContext) -> str:
    box = findings_box(findings)
    kind = KINDS.get(doc.kind or "")
    if kind is None or doc.data is None:
        return "\n\n".join(p for p in (box, doc.body) if p)
    context.findings = findings
    structure = kind.render(doc, context)
    body = doc.body.strip()
    notes = f"## Notes\n\n{body}\n" if body and not body.lstrip().startswith("#") else body
    return "\n\n".join(p for p in (box, structure, notes) if p) + "\n"
