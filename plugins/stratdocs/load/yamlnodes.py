"""Turn a composed PyYAML node tree into plain JSON-like values, keeping every node.

PyYAML's own constructor silently keeps the last of duplicate keys, follows
aliases (a "billion laughs" bomb expands) and applies YAML 1.1 rules that turn
`no` into False and `2026-01-01` into a date. We compose with the C parser and
build values ourselves: YAML 1.2 core scalars, dates kept as written, duplicate
keys and aliases reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..document import Positions

_STD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # only when built with libyaml
except ImportError:  # PyYAML built without libyaml: the pure-Python reader, scanner, parser, composer
    class _Parser(  # type: ignore[no-redef]  # the same parser, in Python
            yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
_DEFAULT_TAGS = {yaml.ScalarNode: _STD_TAG + "str", yaml.SequenceNode: _STD_TAG + "seq",
                 yaml.MappingNode: _STD_TAG + "map"}


class Loader(_Parser, yaml.resolver.BaseResolver):
    """The C parser and composer with a resolver that does nothing.

    We resolve plain scalars ourselves (YAML 1.2 core, see resolve_plain), so
    PyYAML's regex-based implicit resolution, called back for every scalar,
    is wasted work. Explicit tags (`!!python/object`) are kept as written.
    """

    def resolve(self, kind, value, implicit):
        return _DEFAULT_TAGS[kind]


@dataclass
class Problem:
    """A structural problem met while building values (becomes a finding)."""

    code: str
    message: str
    line: int  # 0-based, relative to the YAML text
    column: int  # 0-based


MAX_DEPTH = 64
# Each nesting level costs at least one character, so text shorter than this
# cannot nest deeply enough to overflow the C composer's stack (it crashes
# somewhere past 10,000 levels). Longer text gets a streaming depth check first.
_SAFE_LENGTH = 4096


class TooDeep(Exception):
    pass


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Events from the pure-Python scanner, which reads no further ahead than it must."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def compose(text: str) -> yaml.Node | None:
    """Parse YAML text into a node tree with the C parser where available.

    Nesting deeper than MAX_DEPTH raises TooDeep, whichever parser notices first.
    """
    try:
        if len(text) > _SAFE_LENGTH:
            check_depth(text, Loader)
        loader = Loader(text)
        try:  # yaml.compose() skips dispose(), which leaves cycles for the GC: much slower
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        # libyaml scans a flow collection to its end before it emits an event and
        # stops at its own depth limit (1,000 since PyYAML 6.0.3) with its own words.
        # Ours comes first: recount with a parser that has no look-ahead and no limit.
        _recheck_depth(text)
        raise


def _recheck_depth(text: str) -> None:
    try:
        check_depth(text, _PurePythonParser)
    except yaml.YAMLError:
        pass  # a plain syntax error: the caller reports the first parser's message


def check_depth(text: str, parser=Loader) -> None:
    depth = 0
    events = parser(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooDeep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        events.dispose()


NO_KEY = (-1, -1)



class ValueBuilder:
    """Builds values and their positions from nodes; collects problems instead of raising."""

    def __init__(self, line_offset: int = 0) -> None:
        self.line_offset = line_offset  # to name file lines in messages
        self.problems: list[Problem] = []
        self.positions: Positions = {}
        self._seen: set[int] = set()
        self._reported: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 0, path: tuple = (), key_mark=None):
        mark = node.start_mark
        key_line, key_column = (key_mark.line, key_mark.column) if key_mark else NO_KEY
        self.positions[path] = (mark.line, mark.column, key_line, key_column)
        if depth > MAX_DEPTH:
            raise TooDeep(node.start_mark)
        if id(node) in self._seen:  # the composer hands an alias the anchored node itself
            if id(node) not in self._reported:
                self._reported.add(id(node))
                self._problem(node, "SD008",
                              "anchors and aliases are not supported in front matter; write the value out")
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self.build(item, depth + 1, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)  # the composer makes no fourth kind of node
        return self._mapping(node, depth, path)

    def _mapping(self, node: yaml.MappingNode, depth: int, path: tuple) -> dict:
        self._check_tag(node, "map")
        result: dict = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "SD008", "complex mapping keys are not supported; use a plain text key")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self._problem(key_node, "SD008",
                              "merge keys ('<<') are not supported in front matter; write the keys out")
                continue
            if key in first_seen:
                first = first_seen[key].start_mark.line + self.line_offset + 1
                self._problem(
                    key_node, "SD002",
                    f"duplicate key '{key}' (first at line {first}); "
                    "YAML would silently keep only the last value",
                )
            else:
                first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1, path + (key,), key_node.start_mark)
        return result

    def _scalar(self, node: yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, "SD008", f"unsupported YAML tag '{node.tag}'")
            return node.value
        if node.style:  # quoted or block scalar: always text (plain is None or "")
            return node.value
        return resolve_plain(node.value)

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != _STD_TAG + expected:
            self._problem(node, "SD008", f"unsupported YAML tag '{node.tag}'")

    def _problem(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(code, message, mark.line, mark.column))


def resolve_plain(text: str):
    """YAML 1.2 core schema for plain scalars; everything else stays text."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    lowered = text.lower()
    if lowered in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[lowered]
    return text
