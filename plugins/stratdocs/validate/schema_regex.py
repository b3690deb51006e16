"""JSON Schema `pattern`s matched as ECMA-262 does: `$` ends the text (in Python it also matches before a final
newline)."""

from __future__ import annotations

import re
from functools import cache


@cache
def compile_pattern(pattern: str) -> re.Pattern:
    """The pattern with every `$` anchor (outside classes, unescaped) as `\\Z`, so 'id\\n' is not an id."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        piece = ch
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            piece = r"\Z"
        out.append(piece)
    return re.compile("".join(out))


def matches(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).search(text) is not None
