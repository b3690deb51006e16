"""The numbers documents set against the evidence: baselines, targets and conditions, where each kind keeps them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import parse_date
from ..document import Document, mapping_items
from ..readings.csvfile import number_text

_FIRST_NUMBER = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?")


@dataclass(frozen=True)
class Quantity:
    value: float
    date: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Number:
    """One number a document sets for a metric: where it is, what it is, and its value if written as one."""

    path: tuple  # e.g. ("feedback", 0, "target")
    role: str  # "baseline", "target" or "current"
    metric: str | None  # the metric id it is measured by, when the document names one
    written: object  # as written: a number, a mapping or text
    quantity: Quantity | None  # None: text, or nothing usable


def quantity(value: object) -> Quantity | None:
    """34, or {value: 34, date: 2026-10-01, note: ...}; None for text or anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Quantity(float(value))
    if isinstance(value, dict) and isinstance(value.get("value"), (int, float)) and not isinstance(
            value.get("value"), bool):
        note = value.get("note")
        return Quantity(float(value["value"]), parse_date(value.get("date")), note if isinstance(note, str) else "")
    return None


def figure(value: float) -> str:
    """A value as people read it: 0.01, not 0.010000000000000009 (the float noise of a subtraction)."""
    return number_text(round(value, 6))


def amount_text(value: float, unit: str | None) -> str:
    """A value with its unit, as text: '23% of started claims', '1400 calls a week'."""
    if not unit:
        return figure(value)
    return f"{figure(value)}{unit}" if unit.startswith("%") else f"{figure(value)} {unit}"


def suggested_number(text: str) -> str | None:
    """The first number in a text ('>= 25%' -> '25'), to show how the value could be written."""
    match = _FIRST_NUMBER.search(text)
    return match.group(0).replace(",", ".") if match else None


def numbers(doc: Document) -> Iterator[Number]:
    """Every baseline, target and condition value in the document, in the order they are written."""
    if doc.kind == "alignment-sheet":
        for i, signal in mapping_items(doc.get("feedback")):
            for role in ("baseline", "target"):
                yield from _number(signal, ("feedback", i, role), role)
    elif doc.kind == "ogsm":
        for i, goal in mapping_items(doc.get("goals")):
            yield from _number(goal, ("goals", i, "target"), "target")
        for i, strategy in mapping_items(doc.get("strategies")):
            for j, measure in mapping_items(strategy.get("measures")):
                yield from _number(measure, ("strategies", i, "measures", j, "target"), "target")
    elif doc.kind == "kata":
        for key, role in (("current_condition", "current"), ("target_condition", "target")):
            condition = doc.get(key)
            if isinstance(condition, dict):
                yield from _number(condition, (key, "value"), role)


def _number(holder: dict, path: tuple, role: str) -> Iterator[Number]:
    written = holder.get(path[-1])
    if written is None:
        return
    metric = holder.get("metric")
    yield Number(path, role, metric if isinstance(metric, str) else None, written, quantity(written))
