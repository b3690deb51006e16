"""A PR/FAQ names its customer."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    if is_blank(doc.get("customer")):
        yield doc.locate("customer"), "no customer: say who the customer is, in their own terms ('customer: ...')"


RULE = Rule("SD202", "customer", Severity.ERROR, "a PR/FAQ names its customer", ("prfaq",), check)
