"""A stage gate rule, a done rule or a guardrail threshold that the readings can judge.

The rule language (evaluate/conditions.py) leaves out whatever it cannot read, so
a rule written wrongly would silently never give a verdict. This rule says what is
wrong, at the node: all and any together, a threshold beside them, a condition with
no threshold or one no reading can meet, a unit that is not the metric's, a
percentage outside 0..100, and a guardrail that names half of what it needs.
Unknown metric ids are SD401's and wrong types the schema's (SD006): not repeated.
"""

from collections.abc import Iterable, Iterator

from ...document import Document
from ...evaluate.conditions import CONDITION_KEYS, THRESHOLD_KEYS, is_number
from ...evaluate.numbers import figure
from ...findings import Severity
from .base import Context, Report, Rule

RULES = {("stage_gate", "rule"): "stage_gate.rule", ("aim", "done_rule"): "aim.done_rule"}
MODES = ("all", "any")


def check(doc: Document, context: Context) -> Iterable[Report]:
    for path, name in RULES.items():
        value = doc.get(*path)
        if isinstance(value, dict):
            yield from _rule(doc, context, value, path, name)
    guardrail = doc.get("guardrail")
    if isinstance(guardrail, dict):
        yield from _guardrail(doc, context, guardrail)


def _rule(doc: Document, context: Context, value: dict, path: tuple, name: str) -> Iterator[Report]:
    modes = [mode for mode in MODES if mode in value]
    if len(modes) == 2:
        yield (doc.locate(*path, "any"),
               (f"{name} has both 'all' and 'any': a rule is one list of conditions, all or any of which must be "
               "met; keep one"))
        return
    if modes:
        mode = modes[0]
        for key in CONDITION_KEYS:
            if key in value:
                yield (doc.locate(*path, key),
                       (f"{name} has '{key}' beside '{mode}', where it applies to nothing: move it into a condition "
                       f"of the '{mode}' list"))
        items = value[mode]
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield from _condition(doc, context, item, (*path, mode, i), f"{name}, condition {i + 1} of '{mode}'")
        return
    if "metric" not in value:
        yield (doc.locate(*path),
               (f"{name} names no 'metric': write one condition (metric, at_least ...) or 'all' / 'any' with a "
               "list of them"))
        return
    yield from _condition(doc, context, value, path, name)


def _condition(doc: Document, context: Context, item: dict, path: tuple, name: str) -> Iterator[Report]:
    if not any(key in item for key in THRESHOLD_KEYS):
        metric = item.get("metric")
        about = f" on '{metric}'" if isinstance(metric, str) else ""
        yield (doc.locate(*path),
               (f"{name}: the condition{about} has no threshold: add 'at_least', 'at_most' or 'between' "
               "(in the metric's unit)"))
        return
    yield from _threshold(doc, context, item, path, name)


def _threshold(doc: Document, context: Context, item: dict, path: tuple, name: str) -> Iterator[Report]:
    """A threshold some reading can meet, in the metric's unit."""
    if "between" in item:
        for key in ("at_least", "at_most"):
            if key in item:
                yield (doc.locate(*path, key),
                       (f"{name} has both 'between' and '{key}': write one threshold, 'between: [low, high]' "
                       "or 'at_least' / 'at_most'"))
    low, high, between = _number(item.get("at_least")), _number(item.get("at_most")), _pair(item.get("between"))
    if low is not None and high is not None and low > high:
        yield (doc.locate(*path, "at_most"),
               f"{name}: 'at_least' {figure(low)} is more than 'at_most' {figure(high)}, so no reading can meet it")
    if between is not None and between[0] > between[1]:
        yield (doc.locate(*path, "between"),
               (f"{name}: 'between' [{figure(between[0])}, {figure(between[1])}] runs from high to low, so no "
                f"reading can meet it: write [{figure(between[1])}, {figure(between[0])}]"))
    metric = item.get("metric")
    unit = context.evidence.units.get(metric) if isinstance(metric, str) else None
    if unit is None or not unit.strip():
        return  # an unknown metric is SD401's; a metric without a unit, SD340's
    written = item.get("unit")
    if isinstance(written, str) and written.strip() and written.strip().lower() != unit.strip().lower():
        yield (doc.locate(*path, "unit"),
               (f"{name}: 'unit' is '{written}', but metric '{metric}' is read in '{unit}': write the threshold "
               f"in '{unit}'"))
    if unit.strip().startswith("%"):
        numbers: list[tuple[tuple, float | None]] = [(("at_least",), low), (("at_most",), high)]
        numbers += [(("between", i), v) for i, v in enumerate(between or ())]
        for where, number in numbers:
            if number is not None and not 0 <= number <= 100:
                yield (doc.locate(*path, *where),
                       (f"{name}: '{where[0]}' {figure(number)} is outside 0..100, but metric '{metric}' is a "
                        f"percentage ('{unit}')"))


def _number(value: object) -> float | None:
    """A number as written; anything else is the schema's to report."""
    return float(value) if is_number(value) else None  # type: ignore[arg-type]


def _pair(value: object) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2 and all(is_number(v) for v in value):
        return float(value[0]), float(value[1])
    return None


def _guardrail(doc: Document, context: Context, guardrail: dict) -> Iterator[Report]:
    """The guardrail is watched when it names a metric and one SLO: a threshold, or an OpenSLO file."""
    thresholds = [key for key in THRESHOLD_KEYS if key in guardrail]
    metric = guardrail.get("metric")
    if thresholds and "metric" not in guardrail:
        yield (doc.locate("guardrail", thresholds[0]),
               f"guardrail has '{thresholds[0]}' but no 'metric': add the metric whose readings are the SLI")
    elif "metric" in guardrail and not thresholds and "openslo" not in guardrail:
        named = f" '{metric}'" if isinstance(metric, str) else ""
        yield (doc.locate("guardrail", "metric"),
               (f"guardrail names metric{named} but no threshold: add the SLO as 'at_least', 'at_most' or "
               "'between' in the metric's unit, or 'openslo' with the SLO file"))
    if thresholds and "openslo" in guardrail:
        yield (doc.locate("guardrail", "openslo"),
               (f"guardrail has both '{thresholds[0]}' and 'openslo': keep one, the threshold or the SLO file's "
               "objectives"))
    if thresholds:
        yield from _threshold(doc, context, guardrail, ("guardrail",), "guardrail")


RULE = Rule("SD600", "evidence-rule", Severity.ERROR,
            "a stage gate rule, done rule or guardrail threshold can be judged on the readings",
            ("alignment-sheet",), check)
