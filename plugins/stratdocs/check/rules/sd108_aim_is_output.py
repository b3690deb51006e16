"""An aim is a change in user behaviour, not an output ("ship X" is an output)."""

import re
from collections.abc import Iterable
from functools import cache

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

# Openers that do not carry the meaning: "We will ship", "To launch", "Let's build".
_PREAMBLE = re.compile(r"^(?:(?:we|the team|team)\s+(?:will|shall|must|should|want to|need to)\s+"
                       r"|we'll\s+|let's\s+|to\s+)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z']+")


def first_verb(statement: str) -> str:
    rest = _PREAMBLE.sub("", statement.strip())
    match = _WORD.match(rest)
    return match.group(0).lower() if match else ""


@cache
def word_forms(word: str) -> frozenset[str]:
    """ship -> ships, shipped, shipping; create -> creating; build -> built."""
    forms = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing",
             word + word[-1:] + "ed", word + word[-1:] + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("d"):
        forms.add(word[:-1] + "t")  # build -> built
    return frozenset(forms)


def check(doc: Document, context: Context) -> Iterable[Report]:
    statement = doc.get("aim", "statement")
    if not isinstance(statement, str):
        return
    verb = first_verb(statement)
    if any(verb in word_forms(w) for w in context.config.output_words):
        yield (doc.locate("aim", "statement"),
               f"the aim reads as an output ('{verb}'); phrase it as the change in user behaviour you want")


RULE = Rule("SD108", "aim-is-output", Severity.WARNING, "the aim reads as an output rather than an outcome",
            ("alignment-sheet",), check)
