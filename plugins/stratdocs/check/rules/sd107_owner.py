"""Someone owns the sheet."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    if is_blank(doc.get("owner")):
        yield doc.locate("owner"), "no owner: add 'owner', the person responsible"


RULE = Rule("SD107", "owner", Severity.ERROR, "the sheet has an owner", ("alignment-sheet",), check)
