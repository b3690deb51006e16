"""Below the root, a node states the assumptions behind its tactic."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from ...kinds.st_tree import walk
from .base import Context, Report, Rule, is_blank


def missing(node, key) -> bool:
    return is_blank(node.get(key))


def check(doc: Document, context: Context) -> Iterable[Report]:
    for node, depth, path in walk(doc.get("nodes")):
        label = node.get("id") if isinstance(node.get("id"), str) else "?"
        if depth >= 2:
            if missing(node, "necessary_assumption"):
                yield (doc.locate(*path, "necessary_assumption"),
                       (f"node '{label}' has no 'necessary_assumption': "
                        "why is this strategy needed for its parent's tactic?"))
            if missing(node, "parallel_assumption"):
                yield (doc.locate(*path, "parallel_assumption"),
                       f"node '{label}' has no 'parallel_assumption': why will this tactic achieve the strategy?")
        children = node.get("children")
        if depth >= 2 and isinstance(children, list) and children and missing(node, "sufficiency_assumption"):
            yield (doc.locate(*path, "sufficiency_assumption"),
                   f"node '{label}' has children but no sufficiency_assumption: why are they enough?")


RULE = Rule("SD222", "tactic-assumptions", Severity.WARNING,
            "a node at depth 2 or more states its necessary and parallel (and, with children, sufficiency) assumptions",
            ("st-tree",), check)
