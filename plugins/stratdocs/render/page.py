"""A whole strategy page: findings box, the kind's structure, then the body as written."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..findings import Finding
from ..kinds import KINDS
from .backlinks import backlinks_html
from .common import findings_box, section
from .diagrams import DIAGRAMS
from .context import RenderContext


@dataclass
class RenderedPage:
    structure: str  # ours: fixed Markdown headings and HTML blocks of escaped text
    body: str  # the author's Markdown, as written
    footer: str = ""  # ours again: what refers to this document

    @property
    def markdown(self) -> str:
        return "\n\n".join(p for p in (self.structure, self.body, self.footer) if p) + "\n"


def render_page(doc: Document, findings: list[Finding], context: RenderContext) -> RenderedPage:
    box = findings_box(findings)
    kind = KINDS.get(doc.kind or "")
    if kind is None or doc.data is None:
        return RenderedPage(box, doc.body)
    context.findings = findings
    diagram = DIAGRAMS[doc.kind](doc, context) if doc.kind in DIAGRAMS else ""
    parts = [box, kind.render(doc, context), section("Diagram", diagram) if diagram else ""]
    body = doc.body.strip()
    notes = f"## Notes\n\n{body}" if body and not body.startswith("#") else body
    links = backlinks_html(doc, context)
    return RenderedPage("\n\n".join(p for p in parts if p), notes, section("Referenced by", links) if links else "")


def html_blocks(markdown: str) -> list[tuple[bool, str]]:
    """Split our Markdown into (is_html, text) chunks.

    Renderers write each HTML block on one line, so a line starting with '<' is
    HTML and every other line is Markdown (our fixed headings).
    """
    chunks: list[tuple[bool, str]] = []
    for line in markdown.split("\n"):
        is_html = line.startswith("<")
        if chunks and chunks[-1][0] == is_html:
            chunks[-1] = (is_html, chunks[-1][1] + "\n" + line)
        else:
            chunks.append((is_html, line))
    return [(is_html, text.strip("\n")) for is_html, text in chunks if text.strip()]
