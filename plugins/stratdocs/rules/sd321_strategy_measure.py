"""Every OGSM strategy has at least one measure."""

from ..findings import Severity
from .base import Rule


def check(doc, context):
    strategies = doc.get("strategies")
    if strategies is None:
        yield doc.locate("strategies"), "no strategies: add 'strategies', the choices that will reach the goals"
        return
    if not isinstance(strategies, list):
        return
    if not strategies:
        yield doc.locate("strategies"), "no strategies: add 'strategies', the choices that will reach the goals"
    for n, strategy in enumerate(strategies):
        if not isinstance(strategy, dict):
            continue
        measures = strategy.get("measures")
        if measures is None or (isinstance(measures, list) and not measures):
            yield (doc.locate("strategies", n, "measures"),
                   f"strategy {n + 1} has no 'measures': how will you know it is working?")


RULE = Rule("SD321", "strategy-measure", Severity.ERROR, "every OGSM strategy has at least one measure",
            ("ogsm",), check)
