"""The S&T tree page: the nodes as nested lists, each with its strategy, tactic and assumptions."""

from __future__ import annotations

from ..document import Document
from ..kinds.st_tree import MAX_DEPTH, walk
from .common import header, section
from .context import RenderContext
from .diagrams import tree_diagram
from .html import esc, or_missing

ASSUMPTIONS = (("necessary_assumption", "Necessary"), ("parallel_assumption", "Parallel"),
               ("sufficiency_assumption", "Sufficiency"))


def render(doc: Document, context: RenderContext) -> str:
    nodes = doc.get("nodes")
    count = sum(1 for _ in walk(nodes))
    parts = [header(doc, "Strategy & Tactics tree", [("Nodes", esc(count))])]
    parts.append(section("Tree", tree_html(nodes)))
    return "\n\n".join(parts)


def tree_html(nodes) -> str:
    if not isinstance(nodes, list) or not any(isinstance(n, dict) for n in nodes):
        return '<p class="sd-missing">No nodes.</p>'
    return f'<div class="sd-st-tree">{list_html(nodes, 1)}</div>'


def list_html(nodes, depth: int) -> str:
    if depth > MAX_DEPTH:
        return '<p class="sd-missing">Tree too deep to show.</p>'
    items = "".join(node_html(n, depth) for n in nodes if isinstance(n, dict))
    return f'<ul class="sd-st-level sd-st-level--{depth}">{items}</ul>'


def node_html(node: dict, depth: int) -> str:
    node_id = node.get("id")
    anchor = f' id="node-{esc(node_id)}"' if isinstance(node_id, str) and node_id else ""
    lines = [f'<p class="sd-st-id"><code>{or_missing(node_id)}</code></p>',
             f'<p class="sd-st-strategy"><strong>Strategy:</strong> {or_missing(node.get("strategy"))}</p>',
             f'<p class="sd-st-tactic"><strong>Tactic:</strong> {or_missing(node.get("tactic"))}</p>']
    assumptions = [f"<li><strong>{label}:</strong> {esc(node[key])}</li>"
                   for key, label in ASSUMPTIONS if node.get(key) is not None]
    if assumptions:
        lines.append(f'<ul class="sd-st-assumptions">{"".join(assumptions)}</ul>')
    children = node.get("children")
    if isinstance(children, list) and any(isinstance(c, dict) for c in children):
        lines.append(list_html(children, depth + 1))
    return f'<li class="sd-st-node"{anchor}>{"".join(lines)}</li>'


def diagram(doc: Document, context: RenderContext) -> str:
    """The tree, drawn below the page's structure."""
    return tree_diagram(doc, context)
