"""Someone owns the sheet."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    if is_blank(doc.get("owner")):
        yield doc.locate("owner"), "no owner: add 'owner', the person responsible"


RULE = Rule("SD107", "owner", Severity.ERROR, "the sheet has an owner", ("alignment-sheet",), check)
