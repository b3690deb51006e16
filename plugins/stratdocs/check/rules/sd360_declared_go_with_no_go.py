"""One no-go blocks: a declared overall go while any role says no-go is the reality distortion field."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    votes = doc.get("votes")
    if doc.get("verdict") != "go" or not isinstance(votes, list):
        return
    blockers = [v for v in votes if isinstance(v, dict) and v.get("vote") == "no-go"]
    if blockers:
        roles = ", ".join(str(v.get("role") or "?") for v in blockers)
        yield (doc.locate("verdict"),
               f"declared 'go' but {len(blockers)} role(s) say no-go ({roles[:200]}); one no-go blocks")


RULE = Rule("SD360", "declared-go-with-no-go", Severity.ERROR,
            "the declared verdict is not 'go' while any role says no-go", ("go-no-go",), check)
