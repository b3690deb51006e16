"""'Referenced by': every page lists what points at it, grouped by relation."""

from __future__ import annotations

from ..document import Document
from ..relations import RELATIONS
from .context import RenderContext
from .html import esc


def backlinks_html(doc: Document, context: RenderContext) -> str:
    graph = context.graph
    if graph is None or not doc.id:
        return ""
    refs = graph.backlinks.get(doc.id, [])
    if not refs:
        return ""
    groups = []
    for relation in RELATIONS:
        items, seen = [], set()
        for ref in sorted((r for r in refs if r.relation == relation), key=lambda r: (r.source.id, r.text)):
            if (ref.source.id, ref.node_id) in seen:
                continue
            seen.add((ref.source.id, ref.node_id))
            href = context.href(ref.source.id)
            node = f' <span class="sd-node">→ {esc(ref.node_id)}</span>' if ref.node_id else ""
            items.append(f'<li><a href="{esc(href)}">{esc(ref.source.title)}</a> '
                         f'<span class="sd-kind">{esc(ref.source.kind)}</span>{node}</li>')
        if items:
            groups.append(f'<h3 id="{group_anchor(relation)}">{RELATIONS[relation].incoming}</h3>'
                          f'<ul>{"".join(items)}</ul>')
    return f'<div class="sd-backlinks">{"".join(groups)}</div>' if groups else ""


def group_anchor(relation: str) -> str:
    """The id of one relation's list under 'Referenced by': where a diagram's '+N more' box leads."""
    return "referenced-by-" + relation.replace("_", "-")
