"""The strategy graph: references between documents (and nodes inside them), resolved.

References are ids, never paths: `doc-id`, or `doc-id#node-id` for a node of a
tree or model. Each reference field has one meaning wherever it appears (a
`metric:` key is always a metric id, `serves:` always names what is served),
so the graph finds them by key, at any depth, in every kind.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Iterator

from .document import Document
from .index import Index


@dataclass(frozen=True)
class Relation:
    key: str  # the front matter key that holds the reference(s)
    targets: frozenset[str]  # kinds it may point at
    only_in: frozenset[str] = frozenset()  # source kinds where the key is a reference (empty: all)
    cyclic_check: bool = False  # a loop along this relation is an error


def _r(key, targets, only_in=(), cyclic_check=False) -> Relation:
    return Relation(key, frozenset(targets), frozenset(only_in), cyclic_check)


RELATIONS = {r.key: r for r in [
    _r("serves", {"st-tree", "alignment-sheet"}, cyclic_check=True),
    _r("metric", {"metric"}, only_in={"alignment-sheet", "ogsm", "kata"}),
    _r("about", {"alignment-sheet"}, only_in={"decision"}),
    _r("supersedes", {"decision"}, only_in={"decision"}, cyclic_check=True),
    _r("threatens", {"alignment-sheet"}, only_in={"premortem"}),
    _r("underpins", {"st-tree", "alignment-sheet"}, only_in={"assumption"}),
    _r("decided_by", {"decision"}, only_in={"assumption"}),
    _r("parent", {"metric"}, only_in={"metric"}),
]}

SHEET_NODES = ("stage-gate",)  # a decision may be about a sheet's gate: sheet-id#stage-gate


@dataclass(frozen=True)
class Node:
    """A node inside a document: an S&T tree node, a logic-model item."""

    doc_id: str
    node_id: str
    label: str
    path: tuple  # where it is in the front matter
    parent: str | None = None  # parent node id (S&T trees)
    stage: str | None = None  # logic-model column


@dataclass(frozen=True)
class Reference:
    source: Document
    relation: str
    path: tuple  # the concrete path of the reference's value
    text: str  # as written
    target_id: str
    node_id: str | None
    problem: str | None = None  # 'unknown-id', 'unknown-node', 'wrong-kind'
    hint: str = ""  # the message detail for a problem

    @property
    def resolved(self) -> bool:
        return self.problem is None


@dataclass
class Graph:
    index: Index
    references: list[Reference] = field(default_factory=list)
    nodes: dict[str, dict[str, Node]] = field(default_factory=dict)  # doc id -> node id -> Node
    backlinks: dict[str, list[Reference]] = field(default_factory=dict)  # target doc id -> resolved refs
    cycles: list[tuple[str, list[str]]] = field(default_factory=list)  # (relation, [ids..., first id again])

    def refs_from(self, doc: Document) -> list[Reference]:
        return self._from.get(doc.id or "", []) if doc.id and self.index.by_id.get(doc.id) is doc else []

    def refs_to(self, doc_id: str, relation: str | None = None, node_id: str | None = None) -> list[Reference]:
        return [r for r in self.backlinks.get(doc_id, [])
                if (relation is None or r.relation == relation) and (node_id is None or r.node_id == node_id)]

    def ids_of_kinds(self, kinds: frozenset[str]) -> list[str]:
        """Ids of documents of these kinds: the only sensible suggestions for a broken reference."""
        if kinds not in self._ids_by_kinds:
            self._ids_by_kinds[kinds] = sorted(i for i, d in self.index.by_id.items() if d.kind in kinds)
        return self._ids_by_kinds[kinds]

    def edges(self) -> list[Reference]:
        return [r for r in self.references if r.resolved]

    def __post_init__(self) -> None:
        self._from: dict[str, list[Reference]] = {}
        self._ids_by_kinds: dict[frozenset, list[str]] = {}


def build_graph(index: Index) -> Graph:
    graph = Graph(index)
    docs = sorted(index.by_id.values(), key=lambda d: d.id)
    for doc in docs:
        graph.nodes[doc.id] = dict(local_nodes(doc))
    for doc in docs:
        refs = [resolve(graph, doc, key, path, text) for key, path, text in find_references(doc)]
        graph._from[doc.id] = refs
        graph.references.extend(refs)
    for ref in graph.references:
        if ref.resolved:
            graph.backlinks.setdefault(ref.target_id, []).append(ref)
    graph.cycles = find_cycles(graph)
    return graph


def find_references(doc: Document) -> Iterator[tuple[str, tuple, str]]:
    """(key, path, text) for every reference value in the document, in document order."""
    yield from _walk(doc.kind or "", doc.data or {}, ())


def _walk(kind: str, value: Any, path: tuple) -> Iterator[tuple[str, tuple, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            relation = RELATIONS.get(key)
            if relation and (not relation.only_in or kind in relation.only_in):
                if isinstance(child, str):
                    yield key, path + (key,), child
                    continue
                if isinstance(child, list):
                    for i, item in enumerate(child):
                        if isinstance(item, str):
                            yield key, path + (key, i), item
                    continue
            yield from _walk(kind, child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _walk(kind, child, path + (i,))


def resolve(graph: Graph, doc: Document, key: str, path: tuple, text: str) -> Reference:
    target_id, _, node_id = text.partition("#")
    node_id = node_id or None
    relation = RELATIONS[key]
    base = dict(source=doc, relation=key, path=path, text=text, target_id=target_id, node_id=node_id)
    target = graph.index.by_id.get(target_id)
    if target is None:
        candidates = graph.ids_of_kinds(relation.targets)
        return Reference(**base, problem="unknown-id", hint=_did_you_mean(target_id, candidates))
    if target.kind not in relation.targets:
        allowed = " or ".join(sorted(relation.targets))
        return Reference(**base, problem="wrong-kind",
                         hint=f"'{target_id}' is a {target.kind}; {key} must point at a {allowed}")
    if node_id is not None:
        nodes = graph.nodes.get(target_id, {})
        if node_id not in nodes:
            return Reference(**base, problem="unknown-node", hint=_did_you_mean(node_id, nodes))
    return Reference(**base)


def _did_you_mean(name: str, candidates) -> str:
    # Only names of a similar length can reach the cutoff: skip the rest cheaply.
    near = [c for c in candidates if abs(len(c) - len(name)) <= max(3, len(name) // 2)]
    close = difflib.get_close_matches(name, near, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def local_nodes(doc: Document) -> Iterator[tuple[str, Node]]:
    data = doc.data or {}
    if doc.kind == "st-tree":
        yield from _tree_nodes(doc.id, data.get("nodes"), ("nodes",), None, 0)
    elif doc.kind == "logic-model":
        for stage in LOGIC_STAGES:
            items = data.get(stage)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    label = item.get("text") if isinstance(item.get("text"), str) else item["id"]
                    yield item["id"], Node(doc.id, item["id"], label, (stage, i), stage=stage)
    elif doc.kind == "alignment-sheet":
        yield "stage-gate", Node(doc.id, "stage-gate", "Stage gate", ("stage_gate",))


LOGIC_STAGES = ("resources", "activities", "outputs", "outcomes", "impact")


def _tree_nodes(doc_id, nodes, path, parent, depth) -> Iterator[tuple[str, Node]]:
    if not isinstance(nodes, list) or depth > 32:
        return
    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        label = node.get("strategy") if isinstance(node.get("strategy"), str) else node["id"]
        yield node["id"], Node(doc_id, node["id"], label, path + (i,), parent=parent)
        yield from _tree_nodes(doc_id, node.get("children"), path + (i, "children"), node["id"], depth + 1)


def find_cycles(graph: Graph) -> list[tuple[str, list[str]]]:
    """Loops along relations whose chains must end (supersedes, serves), each reported once."""
    cycles = []
    for key, relation in sorted(RELATIONS.items()):
        if not relation.cyclic_check:
            continue
        successors: dict[str, list[str]] = {}
        for ref in graph.references:
            if ref.resolved and ref.relation == key and ref.node_id is None:
                successors.setdefault(ref.source.id, []).append(ref.target_id)
        seen: set[frozenset] = set()
        for start in sorted(successors):
            loop = _loop_from(start, successors)
            if loop and frozenset(loop) not in seen:
                seen.add(frozenset(loop))
                first = loop.index(min(loop))
                ordered = loop[first:] + loop[:first]
                cycles.append((key, ordered + [ordered[0]]))
    return cycles


def _loop_from(start: str, successors: dict[str, list[str]]) -> list[str] | None:
    """A loop through start, if any (iterative DFS: no recursion limit)."""
    stack = [(start, [start])]
    visited = set()
    while stack:
        current, trail = stack.pop()
        for nxt in sorted(successors.get(current, []), reverse=True):
            if nxt == start:
                return trail
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, trail + [nxt]))
    return None
