"""An OGSM names its objective."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank


def check(doc: Document, context: Context) -> Iterable[Report]:
    if is_blank(doc.get("objective")):
        yield doc.locate("objective"), "no objective: add 'objective', in words what you want to achieve"


RULE = Rule("SD322", "objective", Severity.ERROR, "an OGSM names its objective", ("ogsm",), check)
