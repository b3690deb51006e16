"""What a rule is. Each rule module under rules/ defines one RULE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...dates import parse_date
from ...document import mapping_items
from ...evaluate.evidence import Evidence
from ...findings import Location, Severity

if TYPE_CHECKING:
    from ...config import Config
    from ...document import Document
    from ...graph.graph import Graph
    from ...graph.index import Index


@dataclass
class Context:
    """What a rule may look at besides its own document."""

    config: Config
    index: Index
    graph: Graph  # references between documents, resolved
    evidence: Evidence = field(default_factory=Evidence)  # readings and what they say (evaluate/)
    # What a rule works out once per run for many documents, keyed by tuples that start with its code:
    # SD604 asks each sheet about the tree nodes it serves, which thousands of sheets may share.
    memo: dict[tuple, Any] = field(default_factory=dict, repr=False)

    @property
    def today(self) -> dt.date:
        return self.config.today


Report = tuple[Location, str]
CheckFunction = Callable[["Document", Context], Iterable[Report]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    kinds: tuple[str, ...] = ()  # the kinds it checks, "*" for all; empty: reported by the pipeline itself
    check: CheckFunction | None = field(default=None, compare=False)

    def run(self, doc: Document, context: Context) -> Iterator[Report]:
        if self.check is not None:
            yield from self.check(doc, context)


def is_blank(value) -> bool:
    """Absent, null or empty text. A value of the wrong type is the schema's to report."""
    return value is None or (isinstance(value, str) and not value.strip())


# A bet that has ended: nobody reviews, tests or decides it any more.
ENDED = ("done", "stopped", "superseded")


def decided_since(context: Context, sheet_id: str, day: dt.date) -> bool:
    """Whether a decision about the sheet (or its gate) is dated on or after day."""
    for ref in context.graph.refs_to(sheet_id, "about"):
        decided_on = parse_date(ref.source.get("date"))
        if decided_on is not None and decided_on >= day:
            return True
    return False


def mappings(doc: Document, key: str) -> Iterator[tuple[int, dict]]:
    """The items of the list at key that are mappings, numbered from 0."""
    return mapping_items(doc.get(key))


def section_parts(doc: Document, section: str, no_section: str, parts: dict[str, str]) -> Iterator[Report]:
    """'This section has these parts': the section missing, else each blank part, each message naming its key."""
    value = doc.get(section)
    if value is None:
        yield doc.locate(section), no_section
        return
    if not isinstance(value, dict):
        return  # the schema reports the wrong type
    for part, message in parts.items():
        if is_blank(value.get(part)):
            yield doc.locate(section, part), message


def item_parts(doc: Document, section: str, no_items: str, parts: dict[str, str]) -> Iterator[Report]:
    """'Every item of this list has these parts': messages may use {n}, the item's number from 1."""
    items = doc.get(section)
    if items is None or items == []:
        yield doc.locate(section), no_items
        return
    if not isinstance(items, list):
        return
    for n, item in enumerate(items):
        if isinstance(item, dict):
            for part, message in parts.items():
                if is_blank(item.get(part)) or item.get(part) == []:
                    yield doc.locate(section, n, part), message.format(n=n + 1)
