"""The map's data: every document in a cluster (the aim it serves), placed at build time, as one JSON file.

The map page (render/generated.py) lists the clusters without JavaScript; assets/stratdocs-map.js
draws the same clusters with Cytoscape.js from graph.json, with the positions computed here
(Cytoscape's `preset` layout: nothing is laid out in the browser, so 10,000 documents open fast).

The layout is deterministic and plain: each cluster is a sunflower (its aim in the middle, the
documents serving it around it, evenly spread), and clusters are packed in rows, biggest first.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from ..document import Document
from ..evaluate.evidence import Evidence
from ..graph.graph import Graph
from ..kinds import KINDS
from ..relations import RELATIONS
from .links import site_url

SPACING = 40.0  # between neighbouring documents in a cluster, in the map's units
GAP = 80.0  # between clusters
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_HEX = re.compile(r"#[0-9a-fA-F]{3,6}")
RELATION_ORDER = {key: i for i, key in enumerate(RELATIONS)}


@dataclass
class Cluster:
    key: str  # the id of the aim the members serve, or "kind:<kind>" for documents linked to no aim
    aim: Document | None  # None for a kind's cluster
    members: list[Document] = field(default_factory=list)  # the aim itself first, when it is a member
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0

    @property
    def title(self) -> str:
        if self.aim is not None:
            return self.aim.title
        kind = self.key.removeprefix("kind:")
        return f"{KINDS[kind].title if kind in KINDS else kind or 'No kind'}: not linked to an aim"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def clusters(graph: Graph) -> list[Cluster]:
    """Every document in one cluster: what it serves; an aim served by others heads its own; the rest
    joins what it refers to (a decision its sheet's, a metric its first reader's), else its kind's."""
    docs = sorted(graph.index.by_id.values(), key=lambda d: d.id or "")
    of: dict[str, str] = {}
    for doc in docs:
        served = [r.target_id for r in graph.refs_from(doc) if r.resolved and r.relation == "serves"
                  and r.target_id != doc.id]
        if served:
            of[doc.id] = served[0]
        elif graph.refs_to(doc.id, "serves"):
            of[doc.id] = doc.id
    linked = {doc.id: _neighbours(graph, doc) for doc in docs if doc.id not in of}
    changed = True
    while changed:  # rounds, so a chain (metric -> parent metric -> reader) joins one cluster
        changed = False
        for doc_id, neighbours in linked.items():
            if doc_id not in of:
                found = next((n for n in neighbours if n in of), None)
                if found is not None:
                    of[doc_id] = of[found]
                    changed = True
    by_key: dict[str, Cluster] = {}
    for doc in docs:
        key = of.get(doc.id) or f"kind:{doc.kind or ''}"
        if key not in by_key:
            by_key[key] = Cluster(key, None if key.startswith("kind:") else graph.index.get(key))
        by_key[key].members.append(doc)
    for cluster in by_key.values():
        cluster.members.sort(key=lambda d: (d is not cluster.aim, d.kind or "", d.id or ""))
    return sorted(by_key.values(), key=lambda c: (-len(c.members), c.key))


def _neighbours(graph: Graph, doc: Document) -> list[str]:
    """What a document refers to, then what refers to it: the order it looks for a cluster to join."""
    out = sorted((r for r in graph.refs_from(doc) if r.resolved), key=lambda r: RELATION_ORDER.get(r.relation, 99))
    incoming = sorted(graph.refs_to(doc.id or ""), key=lambda r: (RELATION_ORDER.get(r.relation, 99), r.source.id))
    return [r.target_id for r in out] + [r.source.id or "" for r in incoming]


def layout(groups: list[Cluster]) -> dict[str, tuple[float, float]]:
    """Each document's position: sunflowers packed in rows, biggest cluster first."""
    for cluster in groups:
        cluster.radius = SPACING * (math.sqrt(len(cluster.members)) + 1)
    area = sum((2 * c.radius + GAP) ** 2 for c in groups)
    width = max([math.sqrt(area) * 1.2] + [2 * c.radius + GAP for c in groups])
    x = y = row_height = 0.0
    positions: dict[str, tuple[float, float]] = {}
    for cluster in groups:
        side = 2 * cluster.radius + GAP
        if x > 0 and x + side > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cluster.x, cluster.y = round(x + side / 2, 1), round(y + side / 2, 1)
        x += side
        row_height = max(row_height, side)
        for i, doc in enumerate(cluster.members):
            r = SPACING * math.sqrt(i)
            positions[doc.id or ""] = (round(cluster.x + r * math.cos(i * GOLDEN_ANGLE), 1),
                                       round(cluster.y + r * math.sin(i * GOLDEN_ANGLE), 1))
    return positions


def _colours(kind: str) -> tuple[str, str]:
    """The kind's fill and stroke, from its diagram style: hex colours only, else grey."""
    style = KINDS[kind].style if kind in KINDS else ""
    found = dict(re.findall(r"(fill|stroke):\s*([^,;]+)", style))
    fill, stroke = found.get("fill", ""), found.get("stroke", "")
    return (fill if _HEX.fullmatch(fill) else "#eeeeee", stroke if _HEX.fullmatch(stroke) else "#616161")


def map_data(graph: Graph, evidence: Evidence | None = None, directory_urls: bool = True) -> dict:
    """The whole map as plain data; page URLs are relative to the site's root, never with a scheme."""
    groups = clusters(graph)
    positions = layout(groups)
    cluster_of = {doc.id: c.key for c in groups for doc in c.members}
    health = evidence.health if evidence is not None else {}
    nodes = []
    for cluster in groups:
        for doc in cluster.members:
            x, y = positions[doc.id or ""]
            level = health.get(doc.id or "")
            nodes.append({"id": doc.id, "title": doc.title, "kind": doc.kind or "", "owner": _text(doc.get("owner")),
                          "status": _text(doc.get("status")), "health": level.computed if level else "",
                          "url": site_url(doc.src_uri, directory_urls), "x": x, "y": y, "cluster": cluster.key})
    edges: list[dict] = []
    between: dict[tuple[str, str], int] = {}
    seen = set()
    for ref in sorted(graph.edges(), key=lambda r: (r.source.id or "", r.target_id, r.relation)):
        key = (ref.source.id, ref.target_id, ref.relation)
        if key in seen or ref.source.id == ref.target_id or ref.target_id not in cluster_of:
            continue
        seen.add(key)
        edges.append({"source": ref.source.id, "target": ref.target_id, "relation": ref.relation})
        pair = (cluster_of[ref.source.id or ""], cluster_of[ref.target_id])
        if pair[0] != pair[1]:
            between[pair] = between.get(pair, 0) + 1
    kinds = sorted({doc.kind or "" for doc in graph.index.by_id.values()})
    return {
        "version": 1,
        "kinds": {kind: {"title": KINDS[kind].title if kind in KINDS else kind, "fill": _colours(kind)[0],
                         "stroke": _colours(kind)[1]} for kind in kinds},
        "clusters": [{"id": c.key, "title": c.title, "aim": c.aim.id if c.aim else None, "count": len(c.members),
                      "x": c.x, "y": c.y, "radius": round(c.radius, 1)} for c in groups],
        "nodes": nodes,
        "edges": edges,
        "clusterEdges": [{"source": s, "target": t, "count": n} for (s, t), n in sorted(between.items())],
    }


def graph_json(graph: Graph, evidence: Evidence | None = None, directory_urls: bool = True) -> str:
    """graph.json: '<', '>' and '&' written as \\u escapes, so the text stays inert wherever it is read."""
    text = json.dumps(map_data(graph, evidence, directory_urls), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
