"""Headings of a document's Markdown body, read as the site reads them: Python-Markdown with MkDocs' defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_ATX = re.compile(r"[ >]*#{1,6}(.*?)#*\s*$")  # '## Title ##', also inside a block quote
_SETEXT_UNDERLINE = re.compile(r"[ >]*(=+|-+)\s*$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written: inline Markdown (emphasis, code) included
    line: int  # 0-based line in the body


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    import markdown  # only for a document whose headings are read (a PR/FAQ): lint starts without it

    return markdown.Markdown(extensions=["toc", "tables", "fenced_code"])  # what MkDocs always enables


def headings(body: str) -> list[Heading]:
    """Every heading the site will show, in order, with the body line it starts on.

    Python-Markdown, not CommonMark: '#Title' is a heading there, '   ## Title' is not,
    and what the rules see must be what the reader sees.
    """
    md = _markdown()
    md.reset()
    lines = body.split("\n")
    for preprocessor in md.preprocessors:  # fenced code and raw HTML are set aside here
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    found = [(int(el.tag[1]), el.text or "") for el in root.iter() if el.tag in _HEADING_TAGS]
    return _located(found, body.split("\n"))


def _located(found: list[tuple[int, str]], source: list[str]) -> list[Heading]:
    """Find each heading's line, in order; Python-Markdown keeps no line numbers."""
    located, cursor = [], 0
    for level, text in found:
        line = next((i for i in range(cursor, len(source)) if _is_heading_line(source, i, text)), cursor)
        located.append(Heading(level, text, line))
        cursor = line + 1
    return located


def _is_heading_line(source: list[str], i: int, text: str) -> bool:
    wanted = _words(text)
    atx = _ATX.match(source[i])
    if atx and _words(atx.group(1)) == wanted:
        return True
    underlined = i + 1 < len(source) and _SETEXT_UNDERLINE.match(source[i + 1])
    return bool(underlined) and _words(source[i].lstrip(" >")) == wanted


def _words(text: str) -> str:
    return " ".join(text.split())
