"""Text left from a `stratdocs new` template is written over: a placeholder is not strategy."""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import cache

import yaml

from ...document import Document
from ...findings import Severity
from ...kinds import KINDS
from .base import Context, Report, Rule

_FILLED = {"id": "x", "title": '"x"', "today": "2000-01-01", "in_two_weeks": "2000-01-15"}


@cache
def placeholders(kind: str) -> frozenset[str]:
    """The template's sentences (three words or more): its examples and questions, not short defaults."""
    record = KINDS.get(kind)
    if record is None or not record.template:
        return frozenset()
    text = string.Template(record.template).substitute(_FILLED)
    data = yaml.safe_load(text.split("---\n")[1])
    return frozenset(s.strip() for s in _strings(data) if len(s.split()) >= 3)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def _placeholders_in(value, known: frozenset[str]) -> list[tuple[tuple, str]]:
    """(path, text) of every string in value that is one of the known sentences, in document order."""
    found: list[tuple[tuple, str]] = []

    def walk(value, path: tuple) -> None:  # plain recursion, not generators: this runs on every document
        if isinstance(value, str):
            if value.strip() in known:
                found.append((path, value))
        elif isinstance(value, dict):
            for key, child in value.items():
                walk(child, path + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, path + (i,))
    walk(value, ())
    return found


def check(doc: Document, context: Context) -> Iterable[Report]:
    known = placeholders(doc.kind or "")
    if not known:
        return
    for path, value in _placeholders_in(doc.data or {}, known):
        where = ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
        yield (doc.locate(*path),
               f"'{where}' still holds the template's text \"{value.strip()[:80]}\": write your own")


RULE = Rule("SD016", "template-text", Severity.WARNING, "a value is still the text the template put there",
            ("*",), check)
