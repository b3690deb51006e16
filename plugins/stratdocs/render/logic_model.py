"""The logic model page: five columns, resources to impact, each item linking to what it leads to."""

from __future__ import annotations

from ..document import Document
from .common import header, refs_html, section
from .context import RenderContext
from .diagrams import logic_model_diagram
from .html import esc, or_missing

STAGES = (("resources", "Resources"), ("activities", "Activities"), ("outputs", "Outputs"),
          ("outcomes", "Outcomes"), ("impact", "Impact"))


def stage_items(doc: Document, stage: str) -> list[dict]:
    items = doc.get(stage)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def render(doc: Document, context: RenderContext) -> str:
    serves = doc.get("serves")
    serves_html = refs_html(serves, context) or or_missing(None)
    parts = [header(doc, "Logic model", [("Serves", serves_html)])]
    parts.append(section("Causal chain", chain_html(doc)))
    return "\n\n".join(parts)


def item_anchor(item_id) -> str:
    return f"lm-{esc(item_id)}"


def chain_html(doc: Document) -> str:
    head = "".join(f'<th class="sd-lm-stage sd-lm-stage--{key}">{label}</th>' for key, label in STAGES)
    cells = []
    for key, _ in STAGES:
        items = stage_items(doc, key)
        inner = "".join(item_html(i) for i in items) or '<span class="sd-missing">none</span>'
        cells.append(f'<td class="sd-lm-column sd-lm-column--{key}">{inner}</td>')
    return (f'<div class="sd-logic-model"><table><thead><tr>{head}</tr></thead>'
            f'<tbody><tr>{"".join(cells)}</tr></tbody></table></div>')


def item_html(item: dict) -> str:
    item_id = item.get("id")
    anchor = f' id="{item_anchor(item_id)}"' if isinstance(item_id, str) and item_id else ""
    lines = [f'<p><code>{or_missing(item_id)}</code> {or_missing(item.get("text"))}</p>']
    if item.get("stakeholders") is not None:
        lines.append(f'<p class="sd-lm-stakeholders"><strong>Stakeholders:</strong> {esc(item["stakeholders"])}</p>')
    targets = item.get("leads_to")
    if isinstance(targets, list) and targets:
        links = ", ".join(f'<a href="#{item_anchor(t)}">{esc(t)}</a>' if isinstance(t, str) else esc(t)
                          for t in targets)
        lines.append(f'<p class="sd-lm-leads-to">→ {links}</p>')
    return f'<div class="sd-lm-item"{anchor}>{"".join(lines)}</div>'


def diagram(doc: Document, context: RenderContext) -> str:
    """The chain from resources to impact, drawn below the page's structure."""
    return logic_model_diagram(doc, context)
