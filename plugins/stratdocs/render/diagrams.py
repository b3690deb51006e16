"""Diagrams of the strategy graph: S&T trees, logic models, metric trees, the whole map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ..document import Document
from ..graph.graph import Graph, Reference
from ..kinds import KINDS
from ..kinds.logic_model import STAGES as LOGIC_STAGES
from ..relations import RELATIONS
from .backlinks import group_anchor
from .context import RenderContext
from .html import esc
from .mermaid import BUDGET, MAX_EDGES, MAX_TEXT, Flowchart

# A neighbourhood is clipped to this many boxes per relation, with one "+N more" box; a diagram
# still over BUDGET is drawn again with fewer (down to none: "+N more" boxes alone always fit).
MAX_NEIGHBOURS = 12
CLIPS = (MAX_NEIGHBOURS, 6, 3, 1, 0)
MAX_ANCESTORS = 8  # metric parents drawn above a metric
SMALL_NEIGHBOURHOOD = 6  # at most this many neighbours: their own neighbours are drawn too (two hops)
SECOND_HOP = 3  # boxes per neighbour on the second hop
# A tree (S&T tree, metric tree) of more nodes than this is drawn by levels: the top levels, then each
# subtree below in a <details> of its own, LEVEL_NODES nodes to a diagram at most.
SMALL_TREE = 150
LEVEL_NODES = 100


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


def _more(chart: Flowchart, key: str, count: int | None, href: str | None, what: str = "more") -> None:
    """One box standing for what a clipped neighbourhood leaves out (keys with ':' are never ids)."""
    chart.node(key, f"+{count} {what}" if count else what, href, "more", shape="round")
    chart.class_def("more", "fill:#fff,stroke:#9e9e9e,stroke-dasharray:3 3")


def _styled(chart: Flowchart, kinds) -> None:
    for kind in sorted(set(kinds)):
        if kind in KINDS:
            chart.class_def(_css(kind), KINDS[kind].style)


def _budgeted(build: Callable[[int], Flowchart], clips=CLIPS) -> Flowchart:
    """The chart built with the largest clip whose text stays within BUDGET (the last clip always does)."""
    for clip in clips:
        chart = build(clip)
        if chart.within_budget():
            return chart
    raise AssertionError(f"a diagram over {BUDGET:,} characters even with {clips[-1]} boxes per relation")


SERVED_BY = RELATIONS["serves"].incoming.lower()  # hung below its node, dotted: the tree keeps its shape


# -- A document's neighbourhood: what it serves, what serves it, its metrics, decisions and risks -------------

@dataclass
class _Group:
    relation: str
    incoming: bool
    members: list[tuple[str, Document, str | None]]  # (box key, document, node id)


def _groups(doc: Document, graph: Graph, skip: Callable[[Reference, bool], bool],
            sides: tuple[bool, ...] = (False, True)) -> list[_Group]:
    """Its resolved references out and in (sides: incoming or not), by relation (in RELATIONS order), each
    neighbour once."""
    out: dict[str, dict[str, tuple[str, Document, str | None]]] = {}
    for ref in graph.refs_from(doc) if False in sides else []:
        target = graph.index.get(ref.target_id) if ref.resolved else None
        if target is None or target is doc or skip(ref, False):
            continue
        key = "doc:" + target.id + ("#" + ref.node_id if ref.node_id else "")
        out.setdefault(ref.relation, {}).setdefault(key, (key, target, ref.node_id))
    into: dict[str, dict[str, tuple[str, Document, str | None]]] = {}
    for ref in graph.backlinks.get(doc.id or "", []) if True in sides else []:
        if ref.source is doc or skip(ref, True):
            continue
        key = "doc:" + (ref.source.id or "")
        into.setdefault(ref.relation, {}).setdefault(key, (key, ref.source, None))
    groups = []
    for relation in RELATIONS:
        if relation in out:
            groups.append(_Group(relation, False, list(out[relation].values())))
        if relation in into:
            groups.append(_Group(relation, True, sorted(into[relation].values(), key=lambda m: m[0])))
    return groups


def _box(chart: Flowchart, key: str, doc: Document, node_id: str | None, context: RenderContext) -> None:
    title = doc.title
    if node_id:
        node = context.graph.nodes.get(doc.id or "", {}).get(node_id) if context.graph else None
        title = f"{title} › {node.label if node else node_id}"
    chart.node(key, title, context.href(doc.id or "", node_id), _css(doc.kind), shape="stadium")


def _link(chart: Flowchart, near: str, far: str, relation: str, incoming: bool, hang: bool) -> None:
    """far refers to near (incoming) or near to far. Hung: drawn below near with the incoming words."""
    rel = RELATIONS[relation]
    if incoming and hang:
        chart.edge(near, far, rel.incoming.lower(), dotted=True)
    elif incoming:
        chart.edge(far, near, rel.label, dotted=rel.dotted)
    else:
        chart.edge(near, far, rel.label, dotted=rel.dotted)


def _add_neighbours(chart: Flowchart, doc: Document, groups: list[_Group], context: RenderContext, clip: int,
                    hang: bool = False) -> set[str]:
    """Each group's first `clip` neighbours and a '+N more' box for the rest; returns the kinds drawn."""
    me, kinds = "doc:" + (doc.id or ""), set()
    for group in groups:
        for key, other, node_id in group.members[:clip]:
            _box(chart, key, other, node_id, context)
            _link(chart, me, key, group.relation, group.incoming, hang)
            kinds.add(other.kind or "")
        rest = len(group.members) - clip
        if rest > 0:
            more = f"more:{'in' if group.incoming else 'out'}:{group.relation}"
            href = "#" + group_anchor(group.relation) if group.incoming else context.map_focus(doc.id or "")
            _more(chart, more, rest, href)
            _link(chart, me, more, group.relation, group.incoming, hang)
    return kinds


def _second_hop(chart: Flowchart, doc: Document, groups: list[_Group], context: RenderContext) -> set[str]:
    """For a small neighbourhood: each neighbour's own references, on the same side, a few each."""
    graph, kinds = context.graph, set()
    assert graph is not None
    for group in groups:
        for key, near, _ in group.members:
            far = _groups(near, graph, lambda ref, incoming: False, sides=(group.incoming,))  # on outwards
            members = [(m, g.relation) for g in far for m in g.members if m[1] is not doc]
            for (far_key, other, node_id), relation in members[:SECOND_HOP]:
                _box(chart, far_key, other, node_id, context)
                _link(chart, key, far_key, relation, group.incoming, False)
                kinds.add(other.kind or "")
            if len(members) > SECOND_HOP:
                more = f"more:{key}"
                _more(chart, more, len(members) - SECOND_HOP, context.href(near.id or ""))
                chart.edge(*((more, key) if group.incoming else (key, more)), dotted=True)
    return kinds


def neighbourhood_diagram(doc: Document, context: RenderContext) -> str:
    """What the document serves, what serves it, its metrics, decisions and risks: one hop, clipped.

    A neighbourhood of at most SMALL_NEIGHBOURHOOD documents shows their neighbours too. The
    text stays within BUDGET: each relation shows MAX_NEIGHBOURS boxes, then fewer, then only
    '+N more' boxes, which lead to the full list ('Referenced by' on the page, or the map).
    """
    graph = context.graph
    if graph is None or not doc.id:
        return ""
    on_tree = doc.kind == "st-tree"  # what serves a node is drawn on the tree itself
    groups = _groups(doc, graph, lambda ref, incoming: on_tree and incoming and ref.relation == "serves"
                     and ref.node_id is not None)
    if not groups:
        return ""
    small = sum(len(g.members) for g in groups) <= SMALL_NEIGHBOURHOOD

    def build(clip: int, hops: int = 1) -> Flowchart:
        chart = Flowchart("LR")
        chart.node("doc:" + doc.id, doc.title, None, "current")
        kinds = _add_neighbours(chart, doc, groups, context, clip)
        if hops == 2:
            kinds |= _second_hop(chart, doc, groups, context)
        chart.class_def("current", CURRENT)
        _styled(chart, kinds)
        return chart

    chart = build(MAX_NEIGHBOURS, 2) if small else None
    if chart is None or not chart.within_budget():
        chart = _budgeted(build)
    return chart.html()


CURRENT = "fill:#4527a0,color:#fff,stroke:#4527a0"


# -- Trees by levels --------------------------------------------------------------------------------------

@dataclass
class _Forest:
    """A tree (or several) to draw: keys in order, each key's children, and how to draw one key."""

    roots: list[str]
    children: dict[str, list[str]]
    label: Callable[[str], str]
    draw: Callable[[Flowchart, str, int], set[str]]  # a key's box (and what hangs on it, clipped): kinds drawn
    direction: str = "TD"

    def sizes(self) -> dict[str, int]:
        """Nodes in each key's subtree (itself included), without recursion."""
        order, stack = [], list(self.roots)
        while stack:
            key = stack.pop()
            order.append(key)
            stack.extend(self.children.get(key, []))
        size: dict[str, int] = {}
        for key in reversed(order):
            size[key] = 1 + sum(size[c] for c in self.children.get(key, []))
        return size

    def below(self, keys: list[str]) -> list[str]:
        """keys and everything under them, in document order."""
        out, stack = [], list(reversed(keys))
        while stack:
            key = stack.pop()
            out.append(key)
            stack.extend(reversed(self.children.get(key, [])))
        return out


def _forest_chart(forest: _Forest, keys: list[str], parts: dict[str, tuple[str, int]], clip: int) -> Flowchart:
    chart = Flowchart(forest.direction)
    kinds: set[str] = set()
    for key in keys:
        kinds |= forest.draw(chart, key, -1)  # the box alone: edges and hangers after every box
    for key in keys:
        for child in forest.children.get(key, []):
            if chart.has(child):
                chart.edge(key, child)
    for key in keys:
        kinds |= forest.draw(chart, key, clip)
    for key, (anchor, count) in parts.items():
        _more(chart, "below:" + key, count, "#" + anchor, "below")
        chart.edge(key, "below:" + key, dotted=True)
    _styled(chart, kinds)
    return chart


def _fitting(forest: _Forest, keys: list[str], parts: dict[str, tuple[str, int]]) -> Flowchart | None:
    for clip in CLIPS:
        chart = _forest_chart(forest, keys, parts, clip)
        if chart.within_budget():
            return chart
    return None


def forest_html(forest: _Forest, part_prefix: str) -> str:
    """The whole forest in one diagram if small; else by levels, each subtree in a <details> of its own."""
    size = forest.sizes()
    out: list[str] = []
    counter = [0]

    def group(keys: list[str], top: int) -> None:
        if sum(size[k] for k in keys) <= SMALL_TREE:
            chart = _fitting(forest, forest.below(keys), {})
            if chart is not None:
                out.append(chart.html())
                return
        if len(keys) > top:
            for start in range(0, len(keys), top):
                page = keys[start:start + top]
                out.append(f'<details class="sd-diagram-part"><summary>Nodes {start + 1}–{start + len(page)} '
                           f'of {len(keys)}</summary>')
                group(page, top)
                out.append("</details>")
            return
        shown, frontier = list(keys), list(keys)
        while True:
            nxt = [c for k in frontier for c in forest.children.get(k, [])]
            if not nxt or len(shown) + len(nxt) > top:
                break
            shown += nxt
            frontier = nxt
        parts = {}
        for key in frontier:
            if forest.children.get(key):
                counter[0] += 1
                parts[key] = (f"{part_prefix}-{counter[0]}", size[key] - 1)
        chart = _fitting(forest, shown, parts)
        if chart is None:
            if top > 1:
                group(keys, max(1, top // 2))
                return
            chart = _forest_chart(forest, shown, {}, 0)  # one box: always fits
        out.append(chart.html())
        for key, (anchor, count) in parts.items():
            out.append(f'<details class="sd-diagram-part" id="{anchor}"><summary>Below {esc(forest.label(key))} '
                       f'({count} node{"s" if count != 1 else ""})</summary>')
            group(forest.children[key], LEVEL_NODES)
            out.append("</details>")

    if forest.roots:
        group(forest.roots, LEVEL_NODES)
    return "".join(out)


def tree_diagram(doc: Document, context: RenderContext) -> str:
    graph = context.graph
    nodes = graph.nodes.get(doc.id, {}) if graph and doc.id else {}
    if graph is None or not nodes:
        return ""
    children: dict[str, list[str]] = {}
    roots = []
    for node in nodes.values():
        if node.parent and node.parent in nodes:
            children.setdefault(node.parent, []).append(node.node_id)
        else:
            roots.append(node.node_id)

    def draw(chart: Flowchart, node_id: str, clip: int) -> set[str]:
        if clip < 0:
            chart.node(node_id, nodes[node_id].label, context.href(doc.id or "", node_id), _css("st-tree"))
            return {"st-tree"}
        kinds = set()
        serving = graph.refs_to(doc.id or "", "serves", node_id)
        for ref in serving[:clip]:
            source = ref.source
            key = "doc:" + (source.id or "")
            chart.node(key, source.title, context.href(source.id or ""), _css(source.kind), shape="stadium")
            chart.edge(node_id, key, SERVED_BY, dotted=True)  # below its node: the tree keeps its shape
            kinds.add(source.kind or "")
        if len(serving) > clip:
            _more(chart, f"more:{node_id}", len(serving) - clip, "#" + group_anchor("serves"))
            chart.edge(node_id, f"more:{node_id}", SERVED_BY, dotted=True)
        return kinds

    forest = _Forest(roots, children, lambda key: nodes[key].label, draw)
    return forest_html(forest, "tree-part")


def logic_model_diagram(doc: Document, context: RenderContext) -> str:
    graph = context.graph
    nodes = graph.nodes.get(doc.id, {}) if graph and doc.id else {}
    if not nodes:
        return ""
    links: dict[str, list[str]] = {}  # item -> what it leads to, drawn
    for stage in LOGIC_STAGES:
        items = doc.get(stage)
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or str(item.get("id")) not in nodes:
                continue
            targets = item.get("leads_to")
            links[item["id"]] = [t for t in (targets if isinstance(targets, list) else [])
                                 if isinstance(t, str) and t in nodes]
    if len(nodes) <= SMALL_TREE:
        chart = _chain_chart(doc, context, list(nodes.values()), links, MAX_NEIGHBOURS * 100)
        if chart.within_budget():
            return chart.html()
    return _chain_by_steps(doc, context, nodes, links)


def _chain_chart(doc: Document, context: RenderContext, items: list, links: dict[str, list[str]], clip: int,
                 targets_too: bool = False) -> Flowchart:
    """The items by stage and their links; targets_too: what they lead to as well, clipped to `clip` each."""
    by_id = {n.node_id: n for n in items}
    nodes = context.graph.nodes.get(doc.id or "", {}) if context.graph else {}
    if targets_too:
        for item in items:
            for target in links.get(item.node_id, [])[:clip]:
                by_id.setdefault(target, nodes[target])
    chart = Flowchart("LR")
    for stage in LOGIC_STAGES:
        members = [n for n in by_id.values() if n.stage == stage]
        if members:
            chart.subgraph(stage.capitalize())
            for node in members:
                chart.node(node.node_id, node.label, context.href(doc.id or "", node.node_id), _css("logic-model"))
            chart.end()
    for item in items:
        targets = links.get(item.node_id, [])
        for target in targets[:clip]:
            if chart.has(target):
                chart.edge(item.node_id, target)
        if targets_too and len(targets) > clip:
            _more(chart, "more:" + item.node_id, len(targets) - clip, context.href(doc.id or "", item.node_id))
            chart.edge(item.node_id, "more:" + item.node_id)
    _styled(chart, {"logic-model"})
    return chart


def _chain_by_steps(doc: Document, context: RenderContext, nodes: dict, links: dict[str, list[str]]) -> str:
    """A big logic model, one step at a time: each stage's items and what they lead to, paged, in <details>."""
    out = []
    for stage, following in pairwise(LOGIC_STAGES):
        items = [n for n in nodes.values() if n.stage == stage]
        if not items:
            continue
        count = sum(len(links.get(n.node_id, [])) for n in items)
        out.append(f'<details class="sd-diagram-part"><summary>{stage.capitalize()} → {following} and beyond: '
                   f'{len(items)} items, {count} links</summary>')
        start, size = 0, LEVEL_NODES // 2
        while start < len(items):
            page = items[start:start + size]
            chart = next((c for clip in CLIPS if (c := _chain_chart(doc, context, page, links, clip, True))
                          .within_budget()), None)
            if chart is None and size > 1:
                size = max(1, size // 2)
                continue
            out.append(chart.html() if chart is not None else "")
            start += len(page)
        out.append("</details>")
    return "".join(out)


def metric_diagram(doc: Document, context: RenderContext) -> str:
    """The metric's place in the tree (its nearest parents and its children) and its other neighbours, clipped."""
    graph = context.graph
    if graph is None or not doc.id:
        return ""
    chain, further = _ancestors(doc, graph)
    children = sorted((r.source for r in graph.refs_to(doc.id, "parent")), key=lambda d: d.id or "")
    groups = _groups(doc, graph, lambda ref, incoming: ref.relation == "parent")
    if len(chain) == 1 and not children and not groups:
        return ""
    me = "doc:" + doc.id

    def build(clip: int) -> Flowchart:
        chart = Flowchart("TD")
        if further is not None:
            _more(chart, "more:parents", None, context.href(further.id or ""))
        for metric in reversed(chain):
            key = me if metric is doc else "doc:" + (metric.id or "")
            chart.node(key, metric.title, None if metric is doc else context.href(metric.id or ""),
                       "current" if metric is doc else _css("metric"))
        if further is not None:
            chart.edge("more:parents", "doc:" + (chain[-1].id or ""))
        for child, parent in pairwise(chain):
            chart.edge("doc:" + (parent.id or ""), me if child is doc else "doc:" + (child.id or ""))
        for child in children[:clip]:
            chart.node("doc:" + (child.id or ""), child.title, context.href(child.id or ""), _css("metric"))
            chart.edge(me, "doc:" + (child.id or ""))
        if len(children) > clip:
            _more(chart, "more:children", len(children) - clip, "#" + group_anchor("parent"))
            chart.edge(me, "more:children")
        kinds = _add_neighbours(chart, doc, groups, context, clip, hang=True)
        chart.class_def("current", CURRENT)
        _styled(chart, kinds | {"metric"})
        return chart

    return _budgeted(build).html()


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
    """Every metric under its parent: one diagram while small, else by levels with an outline of every metric."""
    metrics = {d.id: d for d in sorted((d for d in graph.index.by_id.values() if d.kind == "metric"),
                                        key=lambda d: d.id or "") if d.id}
    if not metrics:
        return ""
    parent_of = {m.id: p for m in metrics.values() if isinstance(p := m.get("parent"), str) and p in metrics}
    under: dict[str, list[str]] = {}
    for child, parent in parent_of.items():
        under.setdefault(parent, []).append(child)
    # A forest, whatever the parents say: reached from the roots once, and a loop broken at its smallest id.
    roots, children, seen = [], {}, set()
    for start in [k for k in metrics if k not in parent_of] + list(metrics):
        if start in seen:
            continue
        roots.append(start)
        seen.add(start)
        stack = [start]
        while stack:
            key = stack.pop()
            kids = [c for c in under.get(key, []) if c not in seen]
            seen.update(kids)
            if kids:
                children[key] = kids
            stack.extend(kids)

    def draw(chart: Flowchart, key: str, clip: int) -> set[str]:
        if clip < 0:
            chart.node(key, metrics[key].title, context.href(key), _css("metric"))
        return {"metric"}

    forest = _Forest(roots, children, lambda key: metrics[key].title, draw)
    drawn = forest_html(forest, "metric-tree-part")
    if len(metrics) <= SMALL_TREE and drawn.count('class="mermaid') == 1:
        return drawn
    return drawn + outline_html(forest, lambda key: f'<a href="{esc(context.href(key))}">{esc(metrics[key].title)}'
                                                   f'</a> <code>{esc(key)}</code>', "metric-")


MAX_OUTLINE_DEPTH = 32  # deeper levels of an outline are listed at this depth


def outline_html(forest: _Forest, item: Callable[[str], str], anchor_prefix: str) -> str:
    """Every node as a nested list, each with its id as anchor; built without recursion."""
    out = ['<ul class="sd-outline">']
    stack: list[tuple[str, int] | None] = [(key, 1) for key in reversed(forest.roots)]
    while stack:
        entry = stack.pop()
        if entry is None:
            out.append("</ul></li>")
            continue
        key, depth = entry
        kids = forest.children.get(key, [])
        out.append(f'<li id="{esc(anchor_prefix + key)}">{item(key)}')
        if kids and depth < MAX_OUTLINE_DEPTH:
            out.append("<ul>")
            stack.append(None)
            stack.extend((k, depth + 1) for k in reversed(kids))
        else:
            out.append("</li>")
            stack.extend((k, depth) for k in reversed(kids))
    out.append("</ul>")
    return f'<div class="sd-outline-block">{"".join(out)}</div>'


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


