"""The strategy graph: references between documents (and nodes inside them), resolved.

References are ids, never paths: `doc-id`, or `doc-id#node-id` for a node of a
tree or model. Each reference field has one meaning wherever it appears (a
`metric:` key is always a metric id, `serves:` always names what is served),
so the graph finds them by key, at any depth, in every kind.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from ..document import Document
from ..kinds import KINDS, Node
from ..relations import RELATIONS
from .index import Index


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


class Backlinks(Protocol):
    """What judging a document needs of the graph: who refers to it, and how (a Graph, or a day of history)."""

    def refs_to(self, doc_id: str, relation: str | None = None, node_id: str | None = None) -> list[Reference]: ...


@dataclass
class Graph:
    index: Index
    references: list[Reference] = field(default_factory=list)
    nodes: dict[str, dict[str, Node]] = field(default_factory=dict)  # doc id -> node id -> Node
    backlinks: dict[str, list[Reference]] = field(default_factory=dict)  # target doc id -> resolved refs
    cycles: list[tuple[str, list[str]]] = field(default_factory=list)  # (relation, [ids..., first id again])
    unusable_serves: set[str] = field(default_factory=set)  # what unusable documents say they serve
    # Built once, on first use:
    _from: dict[str, list[Reference]] = field(default_factory=dict, init=False, repr=False)
    _ids_by_kinds: dict[frozenset, list[str]] = field(default_factory=dict, init=False, repr=False)
    _names: dict[Any, _Names] = field(default_factory=dict, init=False, repr=False)  # by target kinds or ("nodes", id)
    _by_node: dict[tuple, list[Reference]] | None = field(default=None, init=False, repr=False)
    _cycles_at: dict[str, list[tuple[str, list[str]]]] | None = field(default=None, init=False, repr=False)

    def refs_from(self, doc: Document) -> list[Reference]:
        return self._from.get(doc.id or "", []) if doc.id and self.index.by_id.get(doc.id) is doc else []

    def refs_to(self, doc_id: str, relation: str | None = None, node_id: str | None = None) -> list[Reference]:
        if relation is not None and node_id is not None:
            return list(self._refs_by_node().get((doc_id, relation, node_id), []))
        return [r for r in self.backlinks.get(doc_id, [])
                if (relation is None or r.relation == relation) and (node_id is None or r.node_id == node_id)]

    def _refs_by_node(self) -> dict[tuple, list[Reference]]:
        # Asked once per node of a tree (SD404): filtering the tree's backlinks each time cost nodes x links.
        if self._by_node is None:
            self._by_node = {}
            for doc_id, refs in self.backlinks.items():
                for ref in refs:
                    self._by_node.setdefault((doc_id, ref.relation, ref.node_id), []).append(ref)
        return self._by_node

    def cycles_at(self, doc_id: str) -> list[tuple[str, list[str]]]:
        """The loops that start at this document: where each is reported."""
        if self._cycles_at is None:
            self._cycles_at = {}
            for relation, loop in self.cycles:
                self._cycles_at.setdefault(loop[0], []).append((relation, loop))
        return self._cycles_at.get(doc_id, [])

    def ids_of_kinds(self, kinds: frozenset[str]) -> list[str]:
        """Ids of documents of these kinds: the only sensible suggestions for a broken reference."""
        if kinds not in self._ids_by_kinds:
            self._ids_by_kinds[kinds] = sorted(i for i, d in self.index.by_id.items() if d.kind in kinds)
        return self._ids_by_kinds[kinds]

    def edges(self) -> list[Reference]:
        return [r for r in self.references if r.resolved]


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
    graph.unusable_serves = served_by_unusable(index)
    return graph


def find_references(doc: Document) -> Iterator[tuple[str, tuple, str]]:
    """(key, path, text) for every reference value in the document, in document order."""
    found: list[tuple[str, tuple, str]] = []
    _walk(doc.kind or "", doc.data or {}, (), found)
    return iter(found)


def _walk(kind: str, value: Any, path: tuple, found: list[tuple[str, tuple, str]]) -> None:
    """Plain recursion into a list, not nested generators: this runs on every document."""
    if isinstance(value, dict):
        for key, child in value.items():
            relation = RELATIONS.get(key)
            if relation and (not relation.only_in or kind in relation.only_in):
                if isinstance(child, str):
                    found.append((key, path + (key,), child))
                    continue
                if isinstance(child, list):
                    found.extend((key, path + (key, i), item) for i, item in enumerate(child) if isinstance(item, str))
                    continue
            if isinstance(child, (dict, list)):
                _walk(kind, child, path + (key,), found)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            if isinstance(child, (dict, list)):
                _walk(kind, child, path + (i,), found)


def _a_kind(kind: str | None) -> str:
    """'an alignment sheet', 'a PR/FAQ', 'an OGSM': a kind as a sentence names it."""
    title = KINDS[kind].title if kind in KINDS else str(kind)
    words = title.split()
    proper = words[0].isupper() or any(w[0].isupper() for w in words[1:])  # OGSM, Strategy & Tactics tree
    name = title if proper else title[0].lower() + title[1:]
    return ("an " if name[0].lower() in "aeiou" else "a ") + name


def served_by_unusable(index: Index) -> set[str]:
    """What documents that cannot be used plainly say they serve: no one reports those nodes as orphans."""
    served: set[str] = set()
    for doc in index.unusable.values():
        values = doc.salvaged.get("serves", []) if doc.salvaged else doc.get("serves")
        values = [values] if isinstance(values, str) else values if isinstance(values, list) else []
        served.update(v for v in values if isinstance(v, str))
    return served


def resolve(graph: Graph, doc: Document, key: str, path: tuple, text: str) -> Reference:
    target_id, _, node = text.partition("#")
    node_id = node or None
    relation = RELATIONS[key]
    reference = Reference(doc, key, path, text, target_id, node_id)
    target = graph.index.by_id.get(target_id)
    if target is None and target_id in graph.index.unusable:
        where = graph.index.unusable[target_id].path
        return replace(reference, problem="unusable-target",
                       hint=f"'{target_id}' is in {where}, which cannot be read until its own errors are fixed")
    if target is None:
        candidates = _names(graph, relation.targets, graph.ids_of_kinds(relation.targets))
        return replace(reference, problem="unknown-id", hint=_did_you_mean(target_id, candidates))
    if target.kind not in relation.targets:
        allowed = " or ".join(_a_kind(k) for k in sorted(relation.targets))
        return replace(reference, problem="wrong-kind",
                       hint=f"'{target_id}' is {_a_kind(target.kind)}; {key} must point at {allowed}")
    if node_id is not None:
        nodes = graph.nodes.get(target_id, {})
        if node_id not in nodes:
            candidates = _names(graph, ("nodes", target_id), nodes)
            return replace(reference, problem="unknown-node", hint=_did_you_mean(node_id, candidates))
    return reference


def _did_you_mean(name: str, candidates: _Names) -> str:
    close = difflib.get_close_matches(name, candidates.likely(name), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _names(graph: Graph, key: Any, names: Iterable[str]) -> _Names:
    if key not in graph._names:
        graph._names[key] = _Names(names)
    return graph._names[key]


class _Names:
    """Names to suggest from, indexed so that a suggestion costs the same however many names there are.

    Comparing a broken reference with every name made n broken references cost n x names difflib
    comparisons. difflib now ranks a few likely names only. Most typos are one letter (dropped,
    added, changed, or two swapped): every name one letter away is found exactly, by looking the
    name and the name less each letter up in a table of the same keys. For bigger slips (a word left
    out, two typos) it ranks the names sharing the most trigrams, rarest trigrams first, reading a
    fixed number of entries: as close as comparing with every name for single typos, nearly so
    for bigger slips unless the ids are made of a few words over and over.
    """

    READ = 1000  # per lookup: names one letter off compared, or trigram index entries read
    COMPARED = 10  # names found by trigrams that difflib compares
    LONGEST = 100  # longer names are found by trigrams alone: n letters would make n keys of n letters

    def __init__(self, names: Iterable[str]) -> None:
        self.one_letter: dict[str, list[str]] = {}
        self.postings: dict[str, list[str]] = {}
        for name in sorted(names):
            for key in _less_one_letter(name, self.LONGEST):
                self.one_letter.setdefault(key, []).append(name)
            for gram in _trigrams(name):
                self.postings.setdefault(gram, []).append(name)

    def likely(self, name: str) -> list[str]:
        one_off = [other for key in _less_one_letter(name, self.LONGEST) for other in self.one_letter.get(key, [])]
        return list(dict.fromkeys(one_off))[:self.READ] or self._sharing_trigrams(name)

    def _sharing_trigrams(self, name: str) -> list[str]:
        shared: Counter[str] = Counter()
        budget = self.READ
        for names in sorted((self.postings.get(gram, []) for gram in _trigrams(name)), key=len):
            for other in names[:budget]:
                if abs(len(other) - len(name)) <= max(3, len(name) // 2):  # farther ones rarely reach the cutoff
                    shared[other] += 1
            budget -= len(names)
            if budget <= 0:
                break
        return [other for other, _ in shared.most_common(self.COMPARED)]


def _less_one_letter(name: str, longest: int) -> list[str]:
    if len(name) > longest:
        return []
    return list(dict.fromkeys([name] + [name[:i] + name[i + 1:] for i in range(len(name))]))


def _trigrams(name: str) -> list[str]:
    padded = f" {name} "  # the ends count: a typo in a short name still leaves a trigram intact
    return list(dict.fromkeys(padded[i:i + 3] for i in range(len(padded) - 2)))


def local_nodes(doc: Document) -> Iterator[tuple[str, Node]]:
    """The nodes `doc-id#node-id` can name, as the document's kind defines them."""
    kind = KINDS.get(doc.kind or "")
    for node in kind.nodes(doc) if kind else ():
        yield node.node_id, node


def find_cycles(graph: Graph) -> list[tuple[str, list[str]]]:
    """Loops along relations whose chains must end (supersedes, serves), each reported once."""
    cycles: list[tuple[str, list[str]]] = []
    for key, relation in sorted(RELATIONS.items()):
        if not relation.cyclic_check:
            continue
        successors: dict[str, list[str]] = {}
        for ref in graph.references:
            if ref.resolved and ref.relation == key and ref.node_id is None:
                successors.setdefault(ref.source.id, []).append(ref.target_id)
        cycles.extend((key, loop + [loop[0]]) for loop in find_loops(successors))
    return cycles


def find_loops(successors: dict[str, list[str]]) -> list[list[str]]:
    """A loop for each knot of ids that reach one another, in order of their smallest id.

    Each loop starts at its knot's smallest id and is the first one a depth-first walk from there
    finds, smallest successor first. The knots come from one pass over the graph (a walk from every
    id took ids x references on a long chain); a knot of several loops is reported by its first.
    """
    loops = []
    for knot in _knots(successors):
        start = min(knot)
        if len(knot) > 1 or start in successors.get(start, ()):
            loops.append(_loop_from(start, successors, set(knot)))
    return sorted(loops, key=lambda loop: loop[0])


def _knots(successors: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's, iterative: no recursion limit); each id and edge seen once."""
    number: dict[str, int] = {}  # order of discovery
    low: dict[str, int] = {}  # the earliest id still on the stack that the walk from here reaches
    stack: list[str] = []
    on_stack: set[str] = set()
    walk: list[tuple[str, Iterator[str]]] = []
    knots = []

    def enter(node: str) -> None:
        number[node] = low[node] = len(number)
        stack.append(node)
        on_stack.add(node)
        walk.append((node, iter(successors.get(node, ()))))

    for root in successors:
        if root in number:
            continue
        enter(root)
        while walk:
            node, children = walk[-1]
            for child in children:
                if child not in number:
                    enter(child)
                    break
                if child in on_stack:
                    low[node] = min(low[node], number[child])
            else:
                walk.pop()
                if walk:
                    low[walk[-1][0]] = min(low[walk[-1][0]], low[node])
                if low[node] == number[node]:
                    knots.append(_pop_knot(node, stack, on_stack))
    return knots


def _pop_knot(node: str, stack: list[str], on_stack: set[str]) -> list[str]:
    knot = [stack.pop()]
    while knot[-1] != node:
        knot.append(stack.pop())
    on_stack.difference_update(knot)
    return knot


def _loop_from(start: str, successors: dict[str, list[str]], knot: set[str]) -> list[str]:
    """The first loop through start a depth-first walk finds (iterative: no recursion limit)."""
    came_from: dict[str, str] = {}
    stack = [start]
    while stack:
        current = stack.pop()
        for nxt in sorted(successors.get(current, []), reverse=True):
            if nxt == start:
                return _trail(current, start, came_from)
            if nxt in knot and nxt not in came_from:
                came_from[nxt] = current
                stack.append(nxt)
    return []  # not reached: every id of a knot is on a loop through start


def _trail(last: str, start: str, came_from: dict[str, str]) -> list[str]:
    trail = [last]
    while trail[-1] != start:
        trail.append(came_from[trail[-1]])
    return trail[::-1]
