"""The mechanism names its lever, its target and the reason: "We believe X will move Y because Z"."""

from ..findings import Severity
from .base import Rule, is_blank

PARTS = {"lever": "X (the lever)", "target": "Y (what it moves)", "reason": "Z (because)"}


def check(doc, context):
    mechanism = doc.get("mechanism")
    if mechanism is None:
        yield doc.locate("mechanism"), "no mechanism: add 'mechanism' with 'lever', 'target' and 'reason' (We believe X will move Y because Z)"
        return
    if not isinstance(mechanism, dict):
        return
    for part, meaning in PARTS.items():
        if is_blank(mechanism.get(part)):
            yield doc.locate("mechanism", part), f"mechanism has no '{part}': name {meaning}"


RULE = Rule("SD103", "mechanism-parts", Severity.ERROR, "the mechanism names a lever, a target and a reason",
            ("alignment-sheet",), check)
