"""The aim has a statement and a definition of done."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, section_parts


def check(doc: Document, context: Context) -> Iterable[Report]:
    return section_parts(doc, "aim", "no aim: add 'aim' with its 'statement' (the outcome) and 'definition_of_done'", {
        "statement": "aim has no 'statement': the outcome in plain words",
        "definition_of_done": "aim has no 'definition_of_done': when will you call it done?"})


RULE = Rule("SD109", "aim", Severity.ERROR, "the aim has a statement and a definition of done",
            ("alignment-sheet",), check)
