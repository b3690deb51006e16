"""A whole strategy page: findings box, the kind's structure, then the body as written."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType

from ..document import Document
from ..findings import Finding
from ..kinds import KINDS, Kind
from .backlinks import backlinks_html
from .common import findings_box, heading, section
from .context import RenderContext
from .diagrams import neighbourhood_diagram


@dataclass
class RenderedPage:
    structure: str  # ours: headings and HTML blocks, one per line, all user text escaped
    body: str  # the author's Markdown, as written
    footer: str = ""  # ours again: what refers to this document


def render_page(doc: Document, findings: list[Finding], context: RenderContext) -> RenderedPage:
    box = findings_box(findings)
    kind = KINDS.get(doc.kind or "")
    if kind is None or doc.data is None:
        return RenderedPage(box, doc.body)
    context.findings = findings
    context.doc = doc
    drawn = view(kind)
    diagram = drawn.diagram(doc, context) if hasattr(drawn, "diagram") else ""
    # Its references in and out, unless the kind's own diagram draws them (a metric's does).
    near = "" if getattr(drawn, "NEIGHBOURHOOD_DRAWN", False) else neighbourhood_diagram(doc, context)
    body = _LEADING_BLANK_LINES.sub("", doc.body).rstrip()  # keep the first line's indent: it may be code
    notes = heading("Notes") if body and not body.lstrip().startswith("#") else ""
    parts = [box, drawn.render(doc, context), section("Diagram", diagram) if diagram else "",
             section("Neighbourhood", near) if near else "", notes]
    links = backlinks_html(doc, context)
    return RenderedPage("\n".join(p for p in parts if p), body, section("Referenced by", links) if links else "")


def view(kind: Kind) -> ModuleType:
    """The module that draws a kind's page, found by the kind's name: the kind never imports it."""
    return importlib.import_module(f"{__package__}.{kind.view}")


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
HEADING = re.compile(r'<h([1-6])(?: id="([A-Za-z][A-Za-z0-9_-]*)")?>([^<]*)</h\1>')  # common.heading's


def page_blocks(html: str) -> list[tuple[int, str, str]]:
    """Split our HTML into blocks: (level, escaped text, id) for a heading, (0, html, "") otherwise.

    Renderers write each heading and each HTML block on one line, so a host can
    give headings ids (their own, when they set one) and TOC entries and place the rest as it stands.
    """
    blocks: list[tuple[int, str, str]] = []
    for line in html.split("\n"):
        if not line.strip():
            continue
        match = HEADING.fullmatch(line)
        if match:
            blocks.append((int(match.group(1)), match.group(3), match.group(2) or ""))
        elif blocks and blocks[-1][0] == 0:
            blocks[-1] = (0, blocks[-1][1] + "\n" + line, "")
        else:
            blocks.append((0, line, ""))
    return blocks
