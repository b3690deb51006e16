"""Readings on pages: a value in its unit, a change in words and a symbol, the table of the latest readings."""

from __future__ import annotations

from collections.abc import Sequence

from ..evaluate.evidence import Change
from ..evaluate.numbers import amount_text, figure
from ..readings.csvfile import Reading
from .html import esc

LATEST_ROWS = 12  # a quarter of weekly readings: the chart shows the rest
# The verdict in words: the symbol only says which way the value went, the class only colours it.
VERDICT_WORDS = {"better": "better", "worse": "worse", "flat": "no change", "moved": "", "first": "first reading"}


def amount(value: float, unit: str | None) -> str:
    """A value with its unit, escaped for a page."""
    return esc(amount_text(value, unit))


def change_html(change: Change) -> str:
    """'▲ +2.1 better': the movement as a symbol and a signed number, the verdict in words."""
    verdict, delta = change.verdict, change.delta
    if delta is None:
        return '<span class="sd-change sd-change--first">first reading</span>'
    symbol = "▲" if delta > 0 else "▼" if delta < 0 else "="
    number = "" if delta == 0 else ("+" if delta > 0 else "") + figure(delta)
    text = " ".join(part for part in (number, VERDICT_WORDS[verdict]) if part)
    return f'<span class="sd-change sd-change--{verdict}"><span aria-hidden="true">{symbol}</span> {text}</span>'


def changes(readings: Sequence[Reading], direction: str | None) -> list[Change]:
    """Each reading against the one before it, oldest first."""
    return [Change(r, readings[i - 1] if i else None, direction) for i, r in enumerate(readings)]


def readings_table(readings: Sequence[Reading], unit: str | None, direction: str | None) -> str:
    """The latest readings, newest first: the chart's text alternative."""
    latest = changes(readings, direction)[-LATEST_ROWS:][::-1]
    rows = "".join(
        f'<tr><td><time datetime="{c.latest.date.isoformat()}">{c.latest.date.isoformat()}</time></td>'
        f"<td>{amount(c.latest.value, unit)}</td><td>{change_html(c)}</td><td>{esc(c.latest.note)}</td></tr>"
        for c in latest)
    which = (f"The latest {len(latest)} of {len(readings)} readings" if len(latest) < len(readings)
             else f"All {len(readings)} reading{'s' if len(readings) != 1 else ''}")
    head = "<tr><th>Date</th><th>Value</th><th>Change</th><th>Note</th></tr>"
    # The class goes on a wrapper: Material styles only tables without one.
    return (f'<div class="sd-readings"><table><caption>{which}, newest first</caption>'
            f"<thead>{head}</thead><tbody>{rows}</tbody></table></div>")
