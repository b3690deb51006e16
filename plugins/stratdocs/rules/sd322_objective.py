"""An OGSM names its objective."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    if is_blank(doc.get("objective")):
        yield doc.locate("objective"), "no objective: add 'objective', in words what you want to achieve"


RULE = Rule("SD322", "objective", Severity.ERROR, "an OGSM names its objective", ("ogsm",), check)
