"""Diagrams of the strategy graph: S&T trees, logic models, metric trees, the whole map."""

from __future__ import annotations

from itertools import pairwise

from ..document import Document
from ..graph.graph import Graph
from ..kinds import KINDS
from ..kinds.logic_model import STAGES as LOGIC_STAGES
from ..relations import RELATIONS
from .context import RenderContext
from .html import esc
from .mermaid import MAX_EDGES, MAX_TEXT, Flowchart

# A neighbourhood is clipped to this many boxes per relation, with one "+N more" box.
MAX_NEIGHBOURS = 12
MAX_ANCESTORS = 8  # metric parents drawn above a metric



def _css(kind: str | None) -> str:
    """A class from a closed set: a kind we know, else 'k_other'."""
    return "k_" + (kind if kind in KINDS else "other").replace("-", "_")


def placed(chart: Flowchart, context: RenderContext, what: str) -> str:
    """The diagram, or, when mermaid would refuse it, a note on the page and one for the build log."""
    if chart.fits():
        return chart.html()
    why = (f"{what} has {chart.boxes} boxes and {chart.edges} links, more than one diagram can show "
           f"(mermaid draws at most {MAX_TEXT:,} characters and {MAX_EDGES} links)")
    context.notices.append(f"{why}; not drawn")
    return (f'<p class="sd-diagram-omitted">{esc(why)}, so it is not drawn here; '
            f'everything in it is listed on this page.</p>')


def _more(chart: Flowchart, key: str, count: int | None, href: str | None) -> None:
    """One box standing for what a clipped neighbourhood leaves out (keys with ':' are never ids)."""
    chart.node(key, f"+{count} more" if count else "more", href, "more", shape="round")
    chart.class_def("more", "fill:#fff,stroke:#9e9e9e,stroke-dasharray:3 3")


def _styled(chart: Flowchart, kinds) -> None:
    for kind in sorted(set(kinds)):
        if kind in KINDS:
            chart.class_def(_css(kind), KINDS[kind].style)


SERVED_BY = RELATIONS["serves"].incoming.lower()  # hung below its node, dotted: the tree keeps its shape


def tree_diagram(doc: Document, context: RenderContext) -> str:
    graph = context.graph
    nodes = graph.nodes.get(doc.id, {}) if graph and doc.id else {}
    if graph is None or not nodes:
        return ""
    chart = Flowchart("TD")
    for node in nodes.values():
        chart.node(node.node_id, node.label, context.href(doc.id, node.node_id), _css("st-tree"))
    for node in nodes.values():
        if node.parent and chart.has(node.parent):
            chart.edge(node.parent, node.node_id)
    kinds = {"st-tree"}
    for node in nodes.values():
        serving = graph.refs_to(doc.id, "serves", node.node_id)
        for ref in serving[:MAX_NEIGHBOURS]:
            source = ref.source
            key = "doc:" + source.id
            chart.node(key, source.title, context.href(source.id), _css(source.kind), shape="stadium")
            chart.edge(node.node_id, key, SERVED_BY, dotted=True)  # below its node: the tree keeps its shape
            kinds.add(source.kind or "")
        if len(serving) > MAX_NEIGHBOURS:
            _more(chart, f"more:{node.node_id}", len(serving) - MAX_NEIGHBOURS, "#referenced-by")
            chart.edge(node.node_id, f"more:{node.node_id}", SERVED_BY, dotted=True)
    _styled(chart, kinds)
    return placed(chart, context, "This tree")


def logic_model_diagram(doc: Document, context: RenderContext) -> str:
    graph = context.graph
    nodes = graph.nodes.get(doc.id, {}) if graph and doc.id else {}
    if not nodes:
        return ""
    chart = Flowchart("LR")
    for stage in LOGIC_STAGES:
        members = [n for n in nodes.values() if n.stage == stage]
        if members:
            chart.subgraph(stage.capitalize())
            for node in members:
                chart.node(node.node_id, node.label, context.href(doc.id, node.node_id), _css("logic-model"))
            chart.end()
    for stage in LOGIC_STAGES:
        items = doc.get(stage)
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not chart.has(str(item.get("id"))):
                continue
            targets = item.get("leads_to")
            for target in targets if isinstance(targets, list) else []:
                if isinstance(target, str) and chart.has(target):
                    chart.edge(item["id"], target)
    _styled(chart, {"logic-model"})
    return placed(chart, context, "This logic model")


def metric_diagram(doc: Document, context: RenderContext) -> str:
    """The metric's place in the tree: its nearest parents and its children, clipped."""
    graph = context.graph
    if graph is None or not doc.id:
        return ""
    chain, further = _ancestors(doc, graph)
    children = sorted((r.source for r in graph.refs_to(doc.id, "parent")), key=lambda d: d.id)
    if len(chain) == 1 and not children:
        return ""
    chart = Flowchart("TD")
    if further is not None:
        _more(chart, "more:parents", None, context.href(further.id))
    for metric in reversed(chain):
        chart.node(metric.id, metric.title, context.href(metric.id), "current" if metric is doc else _css("metric"))
    if further is not None:
        chart.edge("more:parents", chain[-1].id)
    for child, parent in pairwise(chain):
        chart.edge(parent.id, child.id)
    for child in children[:MAX_NEIGHBOURS]:
        chart.node(child.id, child.title, context.href(child.id), _css("metric"))
        chart.edge(doc.id, child.id)
    if len(children) > MAX_NEIGHBOURS:
        _more(chart, "more:children", len(children) - MAX_NEIGHBOURS, "#referenced-by")
        chart.edge(doc.id, "more:children")
    chart.class_def("current", "fill:#4527a0,color:#fff,stroke:#4527a0")
    _styled(chart, {"metric"})
    return placed(chart, context, "This metric's tree")


def _ancestors(doc: Document, graph: Graph) -> tuple[list[Document], Document | None]:
    """doc and up to MAX_ANCESTORS parents, nearest first, and the next parent beyond them (or None)."""
    chain, current = [doc], doc
    while True:
        parent_id = current.get("parent")
        parent = graph.index.get(parent_id) if isinstance(parent_id, str) else None
        if parent is None or parent.kind != "metric" or parent in chain:
            return chain, None
        if len(chain) > MAX_ANCESTORS:
            return chain, parent
        chain.append(parent)
        current = parent


def metric_tree(graph: Graph, context: RenderContext) -> str:
    metrics = sorted((d for d in graph.index.by_id.values() if d.kind == "metric"), key=lambda d: d.id)
    if not metrics:
        return ""
    chart = Flowchart("TD")
    for metric in metrics:
        chart.node(metric.id, metric.title, context.href(metric.id), _css("metric"))
    for ref in graph.edges():
        if ref.relation == "parent" and ref.source.kind == "metric":
            chart.edge(ref.target_id, ref.source.id)
    _styled(chart, {"metric"})
    return placed(chart, context, "The metric tree")


def strategy_map_chart(graph: Graph, context: RenderContext) -> Flowchart:
    """Every strategy document, grouped by kind, with every resolved reference between them (`stratdocs export`;
    the site's map page is drawn by Cytoscape.js from render/map_graph.py, at any size)."""
    docs = sorted(graph.index.by_id.values(), key=lambda d: (d.kind or "", d.id))
    chart = Flowchart("LR")
    if not docs:
        return chart
    for kind in sorted({d.kind for d in docs if d.kind}):
        chart.subgraph(kind)
        for doc in (d for d in docs if d.kind == kind):
            chart.node(doc.id, doc.title, context.href(doc.id), _css(kind))
        chart.end()
    seen = set()
    for ref in sorted(graph.edges(), key=lambda r: (r.source.id, r.relation, r.target_id)):
        key = (ref.source.id, ref.target_id, ref.relation)
        if key not in seen and chart.has(ref.source.id) and chart.has(ref.target_id):
            seen.add(key)
            relation = RELATIONS[ref.relation]
            chart.edge(ref.source.id, ref.target_id, relation.label, dotted=relation.dotted)
    _styled(chart, {d.kind or "" for d in docs})
    return chart


