"""A PR/FAQ names its customer."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    if is_blank(doc.get("customer")):
        yield doc.locate("customer"), "no customer: say who the customer is, in their own terms ('customer: ...')"


RULE = Rule("SD202", "customer", Severity.ERROR, "a PR/FAQ names its customer", ("prfaq",), check)
