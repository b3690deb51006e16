"""The metric page: the definition, its unit and direction, its source and its parent in the metric tree."""

from __future__ import annotations

from ..document import Document
from .common import header, ref_html, section
from .context import RenderContext
from .diagrams import metric_diagram
from .html import esc, or_missing

DIRECTIONS = {"up": "up is good", "down": "down is good"}
TYPES = {"proxy": "proxy (moves first)", "leading": "leading indicator", "outcome": "outcome (the aim)"}


def render(doc: Document, context: RenderContext) -> str:
    kind_of = doc.get("type")
    direction = doc.get("direction")
    extra = [
        ("Type", esc(TYPES.get(kind_of, kind_of)) if isinstance(kind_of, str) else or_missing(None)),
        ("Unit", or_missing(_text(doc.get("unit")))),
        ("Direction", esc(DIRECTIONS.get(direction, direction)) if isinstance(direction, str) else or_missing(None)),
    ]
    parts = [header(doc, "Metric", extra)]
    parts.append(section("Definition", definition_html(doc)))
    parts.append(section("Metric tree", tree_html(doc, context)))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def definition_html(doc: Document) -> str:
    return (f'<div class="sd-metric"><p class="sd-definition">{or_missing(_text(doc.get("definition")))}</p>'
            f'<p class="sd-source"><strong>Source:</strong> {or_missing(_text(doc.get("source")))}</p></div>')


def tree_html(doc: Document, context: RenderContext) -> str:
    parent = doc.get("parent")
    if isinstance(parent, str) and parent:
        return (f'<p class="sd-parent"><strong>Parent metric:</strong> {ref_html(parent, context)} '
                f"(this metric feeds it)</p>")
    return '<p class="sd-parent">Top of its metric tree: no parent metric.</p>'


def diagram(doc: Document, context: RenderContext) -> str:
    """The metric among its parents and children, drawn below the page's structure."""
    return metric_diagram(doc, context)
