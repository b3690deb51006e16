"""Export the whole strategy graph: JSON (versioned, with its own schema), mermaid or DOT."""

from __future__ import annotations

import datetime as dt
import json

from .. import __version__
from ..alignment.model import AlignmentIndex
from ..graph.graph import Graph
from ..pipeline import Result
from ..render.context import RenderContext
from ..render.diagrams import strategy_map_chart

EXPORT_FORMAT = "stratdocs-graph"
EXPORT_VERSION = 1


def _pointer(path: tuple) -> str:
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def export_json(result: Result, alignment: AlignmentIndex | None = None) -> dict:
    graph = result.graph
    documents = [
        {"id": doc.id, "kind": doc.kind, "title": doc.title, "status": doc.get("status"),
         "owner": doc.get("owner"), "path": doc.path, "src_uri": doc.src_uri, "front_matter": doc.data}
        for doc in sorted(graph.index.by_id.values(), key=lambda d: d.id)
    ]
    nodes = [
        {"document": node.doc_id, "id": node.node_id, "label": node.label, "parent": node.parent, "stage": node.stage}
        for doc_id in sorted(graph.nodes) for node in graph.nodes[doc_id].values()
    ]
    edges = []
    for ref in graph.references:
        location = ref.source.locate(*ref.path)
        edges.append({"source": ref.source.id, "relation": ref.relation, "target": ref.target_id,
                      "target_node": ref.node_id, "pointer": _pointer(ref.path), "line": location.line,
                      "column": location.column, "resolved": ref.resolved, "problem": ref.problem})
    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "generator": f"stratdocs {__version__}",
        "documents": documents, "nodes": nodes, "edges": edges,
        "findings": [f.as_dict() for f in result.findings],
        "readings": [
            {"metric": series.metric_id, "path": series.path,
             "readings": [{"date": r.date.isoformat(), "value": r.value, "note": r.note} for r in series.readings]}
            for _, series in sorted(result.evidence.series.items())
        ],
        **({"alignment": alignment.as_json()} if alignment is not None else {}),
    }


def export_text(result: Result, output_format: str, today: dt.date, alignment: AlignmentIndex | None = None) -> str:
    if output_format == "json":
        return json.dumps(export_json(result, alignment), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if output_format == "mermaid":
        context = RenderContext(today=today, graph=result.graph, page_src_uri="", evidence=result.evidence)
        return strategy_map_chart(result.graph, context).script()
    if output_format == "dot":
        return export_dot(result.graph)
    raise ValueError(output_format)


def _dot_string(text) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def export_dot(graph: Graph) -> str:
    lines = ["digraph strategy {", "  rankdir=LR;", "  node [shape=box];"]
    for doc in sorted(graph.index.by_id.values(), key=lambda d: d.id):
        lines.append(f"  {_dot_string(doc.id)} [label={_dot_string(doc.title)}, tooltip={_dot_string(doc.kind)}];")
    seen = set()
    for ref in sorted(graph.edges(), key=lambda r: (r.source.id, r.relation, r.target_id)):
        key = (ref.source.id, ref.relation, ref.target_id)
        if key not in seen:
            seen.add(key)
            lines.append(f"  {_dot_string(ref.source.id)} -> {_dot_string(ref.target_id)} "
                         f"[label={_dot_string(ref.relation)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
