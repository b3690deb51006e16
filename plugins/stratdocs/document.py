"""A loaded Markdown file: its front matter values, their positions and the body."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Location, Severity

# Where each value sits: path -> (value line, value column, key line, key column),
# 0-based, key (-1, -1) for sequence items and the root. Built of strings, ints and
# tuples only, so the cyclic GC stops tracking it; a node tree kept for every
# document made each collection during a whole site build scan it again.
Positions = dict[tuple, tuple[int, int, int, int]]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # the Markdown files MkDocs reads


@dataclass(eq=False)  # a document is itself: compared by identity, never field by field
class Document:
    path: str  # as shown in findings (relative to the current directory)
    src_uri: str  # relative to the docs root, with forward slashes
    data: dict | None = None  # front matter values; None when there is none or it failed
    positions: Positions = field(default_factory=dict)  # where each front matter value is, for locations
    body: str = ""
    line_offset: int = 1  # file line of the front matter's first line, minus one
    body_line: int = 1  # file line on which the body starts
    has_front_matter: bool = False
    findings: list[Finding] = field(default_factory=list)  # found while loading
    salvaged: dict | None = None  # front matter that failed to parse: its plain id, kind, serves (yamlerrors.salvage)

    @property
    def kind(self) -> str | None:
        kind = self.data.get("kind") if self.data else None
        return kind if isinstance(kind, str) else None

    @property
    def id(self) -> str:
        """The `id:` as written, or "" when there is none (every document in the index has one)."""
        doc_id = self.data.get("id") if self.data else None
        return doc_id if isinstance(doc_id, str) else ""

    @property
    def is_strategy(self) -> bool:
        """A doc with a `kind` key; a file without one is an ordinary page."""
        return self.data is not None and "kind" in self.data

    @property
    def load_failed(self) -> bool:
        return self.has_front_matter and self.data is None

    @property
    def title(self) -> str:
        title = self.data.get("title") if self.data else None
        return title if isinstance(title, str) and title.strip() else (self.id or self.src_uri)

    def get(self, *path: Any, default=None):
        """Value at a path of keys/indices, or default when absent or mistyped."""
        node: Any = self.data
        for step in path:
            if isinstance(node, dict) and isinstance(step, str):
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and -len(node) <= step < len(node):
                node = node[step]
            else:
                return default
            if node is None:
                return default
        return node

    def locate(self, *path: Any) -> Location:
        """The exact value at path; for a missing key, the key of the mapping that lacks it."""
        position, depth = find_position(self.positions, path)
        if position is None:
            return Location(self.line_offset + 1, 1)
        line, column, key_line, key_column = position
        if depth < len(path) and key_line >= 0:
            line, column = key_line, key_column
        return Location(line + self.line_offset + 1, column + 1)

    def locate_key(self, *path: Any) -> Location:
        """The key naming path's last step (falls back to locate)."""
        position = self.positions.get(tuple(path))
        if position is not None and position[2] >= 0:
            return Location(position[2] + self.line_offset + 1, position[3] + 1)
        return self.locate(*path)

    def finding(self, code: str, severity: Severity, message: str, location: Location, rule: str = "") -> Finding:
        return Finding(self.path, location.line, location.column, severity, code, message, rule)


def find_position(positions: Positions, path: tuple) -> tuple[tuple[int, int, int, int] | None, int]:
    """The position of the deepest value along path, and how many steps of it exist."""
    for depth in range(len(path), -1, -1):
        position = positions.get(path[:depth])
        if position is not None:
            return position, depth
    return None, 0


def mapping_items(value: Any) -> Iterator[tuple[int, dict]]:
    """The items of a list that are mappings, numbered from 0; a list or item of another type is the schema's."""
    for n, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield n, item


def is_discovered(rel: str) -> bool:
    """Whether discover() reads the file at rel (relative to the docs folder, forward slashes): Markdown, no
    dot-file or dot-folder, not under the top-level templates/. For files it sees only by name, in a git tree."""
    parts = rel.split("/")
    return (bool(rel) and rel.lower().endswith(MARKDOWN_SUFFIXES) and not any(p.startswith(".") for p in parts)
            and parts[0] != "templates")
