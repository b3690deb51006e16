"""A PR/FAQ names the aim (or S&T tree node) it serves."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    if doc.get("status") == "draft":
        return  # write the press release first; connect it before it goes active
    serves = doc.get("serves")
    if serves is None or (isinstance(serves, list) and not serves):
        yield (doc.locate("serves"),
               "the PR/FAQ does not say what it serves: add 'serves: [aim-id]' (or tree-id#node-id)")


RULE = Rule("SD203", "prfaq-serves", Severity.WARNING,
            "a PR/FAQ that is not a draft names the aim or S&T node it serves", ("prfaq",), check)
