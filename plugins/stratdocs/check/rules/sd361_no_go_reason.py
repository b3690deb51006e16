"""Every no-go says why, so the concern can be addressed."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    for n, vote in mappings(doc, "votes"):
        if vote.get("vote") == "no-go" and is_blank(vote.get("reason")):
            role = vote.get("role")
            role = role if isinstance(role, str) else f"vote {n + 1}"
            yield doc.locate("votes", n), f"no-go from {role[:100]} has no 'reason': say what must change for a go"


RULE = Rule("SD361", "no-go-reason", Severity.ERROR, "every no-go vote has a reason", ("go-no-go",), check)
