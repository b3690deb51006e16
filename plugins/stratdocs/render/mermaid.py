"""Mermaid flowcharts built in Python: safe ids, escaped labels, same-tab links, stable output.

We do not use mermaid-py here (see README, "Diagrams"): it lower-cases ids and
maps other characters to '_' (distinct ids collide; 'End' becomes the reserved
'end'), does not escape labels, orders classDefs from a set, prints to stdout
on import and opens links in a new tab. A flowchart is a few lines of text;
this builder owns every one of them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# mermaid 11 draws only an error box for text over maxTextSize and throws past
# maxEdges links (both its defaults): a diagram over either is never emitted.
MAX_TEXT = 50_000
MAX_EDGES = 500
# What we emit stays far below MAX_TEXT: every diagram is clipped (or split) to this size.
BUDGET = 20_000
_CLASS_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # class names are ours: never user text

# Characters left as they are in a label; everything else becomes a mermaid
# entity (#NN;), so no user text can close a label, start a directive or
# smuggle markup.
_PLAIN = set(" .,:!?'-_/()+=@*")


def label(text) -> str:
    """A quoted mermaid label with every special character as an entity."""
    text = " ".join(str(text).split())
    if len(text) > 120:
        text = text[:117] + "..."
    return '"' + "".join(ch if ch.isalnum() or ch in _PLAIN else f"#{ord(ch)};" for ch in text) + '"'


@dataclass
class Flowchart:
    direction: str = "TD"
    _ids: dict[str, str] = field(default_factory=dict)  # caller's key -> n0, n1, ...
    _lines: list[str] = field(default_factory=list)
    _links: list[str] = field(default_factory=list)
    _classes: dict[str, list[str]] = field(default_factory=dict)
    _class_defs: dict[str, str] = field(default_factory=dict)
    _subgraphs: int = 0
    edges: int = 0

    def subgraph(self, title: str) -> None:
        """Nodes added until end() are drawn inside a titled box."""
        self._lines.append(f"  subgraph s{self._subgraphs}[{label(title)}]")
        self._subgraphs += 1

    def end(self) -> None:
        self._lines.append("  end")

    def class_def(self, name: str, style: str) -> None:
        self._class_defs[_class_name(name)] = style  # our own fixed styles, never user text

    def node(self, key: str, text, href: str | None = None, css_class: str | None = None, shape: str = "rect") -> str:
        if key in self._ids:
            return self._ids[key]
        node_id = f"n{len(self._ids)}"
        self._ids[key] = node_id
        opening, closing = {"rect": ("[", "]"), "round": ("(", ")"), "stadium": ("([", "])"),
                            "hex": ("{{", "}}")}[shape]
        self._lines.append(f"  {node_id}{opening}{label(text)}{closing}")
        if href is not None:
            self._links.append(f'  click {node_id} href "{_url(href)}" _self')
        if css_class:
            self._classes.setdefault(_class_name(css_class), []).append(node_id)
        return node_id

    def has(self, key: str) -> bool:
        return key in self._ids

    def edge(self, source: str, target: str, text: str | None = None, dotted: bool = False) -> None:
        a, b = self._ids[source], self._ids[target]
        arrow = "-.->" if dotted else "-->"
        self.edges += 1
        self._lines.append(f"  {a} {arrow}|{label(text)}| {b}" if text else f"  {a} {arrow} {b}")

    def script(self) -> str:
        lines = [f"flowchart {self.direction}", *self._lines, *self._links]
        lines += [f"  classDef {name} {style}" for name, style in sorted(self._class_defs.items())]
        lines += [f"  class {','.join(ids)} {name}" for name, ids in sorted(self._classes.items())]
        return "\n".join(lines) + "\n"

    @property
    def boxes(self) -> int:
        return len(self._ids)

    def fits(self) -> bool:
        """Whether mermaid will draw it (see MAX_TEXT and MAX_EDGES)."""
        return self.edges <= MAX_EDGES and len(self.script()) <= MAX_TEXT

    def within_budget(self) -> bool:
        """Whether it is small enough to emit: at most BUDGET characters and MAX_EDGES links."""
        return self.edges <= MAX_EDGES and len(self.script()) <= BUDGET

    def html(self) -> str:
        """The diagram for a page: Material renders pre.mermaid with the locally served mermaid.js."""
        script = html.escape(self.script()).replace("\n", "&#10;")  # one line: one HTML block
        return f'<pre class="mermaid sd-diagram"><code>{script}</code></pre>'


def _class_name(name: str) -> str:
    if not _CLASS_NAME.fullmatch(name):
        raise ValueError(f"not a mermaid class name: {name!r}")
    return name


def _url(href: str) -> str:
    """Our own relative URLs; anything odd is encoded so it cannot leave the string."""
    return "".join(ch if ch.isalnum() or ch in "/.-_#~=" else f"%{ord(ch):02X}" for ch in href)
