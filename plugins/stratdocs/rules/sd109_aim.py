"""The aim has a statement and a definition of done."""

from ..findings import Severity
from .base import Rule, is_blank


def check(doc, context):
    aim = doc.get("aim")
    if aim is None:
        yield doc.locate("aim"), "no aim: add 'aim' with its 'statement' (the outcome) and 'definition_of_done'"
        return
    if not isinstance(aim, dict):
        return
    if is_blank(aim.get("statement")):
        yield doc.locate("aim", "statement"), "aim has no 'statement': the outcome in plain words"
    if is_blank(aim.get("definition_of_done")):
        yield doc.locate("aim", "definition_of_done"), "aim has no 'definition_of_done': when will you call it done?"


RULE = Rule("SD109", "aim", Severity.ERROR, "the aim has a statement and a definition of done",
            ("alignment-sheet",), check)
