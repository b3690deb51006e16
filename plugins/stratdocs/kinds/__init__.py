"""The document kinds stratdocs knows: one record per kind, each module here defines one KIND.

A record is everything the rest of the code asks about a kind: its schema and `new` template,
its addressable nodes and their anchors, its diagram style, and its page (the view, found
by name when a page is drawn: linting never loads a renderer).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..relations import RELATIONS, Relation

if TYPE_CHECKING:
    from ..document import Document


@dataclass(frozen=True)
class Node:
    """A node inside a document that `doc-id#node-id` can name: an S&T tree node, a logic-model item, a gate."""

    doc_id: str
    node_id: str
    label: str
    path: tuple  # where it is in the front matter
    parent: str | None = None  # parent node id (S&T trees)
    stage: str | None = None  # logic-model column


def no_nodes(doc: Document) -> Iterator[Node]:
    return iter(())


@dataclass(frozen=True)
class Kind:
    name: str  # the `kind:` value: the contract
    title: str  # human name, e.g. "Alignment sheet"
    summary: str  # one line: what the document holds
    style: str  # its boxes in diagrams (mermaid classDef)
    nodes: Callable[[Document], Iterator[Node]] = no_nodes  # what `doc-id#node-id` can name
    anchor: str = "{}"  # a node's anchor on the page, from its id
    pages: tuple[str, ...] = ()  # generated pages that list its documents (the map lists every kind)
    template: str = ""  # what `stratdocs new` writes: $id, $title, $today and $in_two_weeks are filled in

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def view(self) -> str:
        """The module under stratdocs.render that draws the page (its `render`, and its `diagram` if any)."""
        return self.name.replace("-", "_")

    @property
    def relations(self) -> list[Relation]:
        """The references a document of this kind can hold."""
        return [r for r in RELATIONS.values() if not r.only_in or self.name in r.only_in]



def _discover() -> dict[str, Kind]:
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        kind = importlib.import_module(f"{__name__}.{module_info.name}").KIND
        found[kind.name] = kind
    return dict(sorted(found.items()))


KINDS: dict[str, Kind] = _discover()
