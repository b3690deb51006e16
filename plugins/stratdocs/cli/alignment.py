"""The Alignment Index as text, for a terminal or a CI log."""

from __future__ import annotations

import textwrap

from ..alignment.model import AlignmentIndex, Dimension, amount
from ..evaluate.numbers import amount_text


def index_text(index: AlignmentIndex) -> str:
    history = index.history
    lines = [f"Alignment Index as of {index.as_of.isoformat()}, by {index.period}"]
    if not history.available:
        lines.append(f"history: not read: {history.reason}")
    else:
        span = (f"{history.commits} commit{'' if history.commits == 1 else 's'} from {history.first} to "
                f"{history.last}" if history.commits else "no commits")
        lines.append(f"history: {span}" + (f" ({history.reason})" if history.shallow else ""))
    for dim in index.dimensions:
        lines += ["", *_dimension(dim)]
    lines += ["", *textwrap.wrap(index.combined, 100)]
    return "\n".join(lines) + "\n"


def _value(dim: Dimension) -> str:
    if not dim.measured:
        return "not measured"
    if dim.value is None:
        return "no value yet"
    return amount(dim.value, dim.unit)


def _dimension(dim: Dimension) -> list[str]:
    better = f"{dim.better} is better" if dim.better in ("lower", "higher") else "neither end is good"
    lines = [f"{dim.name}: {_value(dim)} ({better})", *textwrap.wrap(dim.summary, 100, initial_indent="  ",
                                                                      subsequent_indent="  ")]
    lines += [f"  ! {note}" for note in dim.notes]
    trend = [f"{p.label} {'-' if p.value is None else amount_text(p.value, '')} ({p.count})" for p in dim.periods]
    if trend and dim.measured:
        lines += textwrap.wrap("trend: " + ", ".join(trend), 100, initial_indent="  ", subsequent_indent="    ")
    for row in dim.rows:
        days = "" if row.days is None else f" [{row.days} d]"
        lines.append(f"  - {row.day.isoformat()} {row.doc_id}: {row.text} ({row.state}){days}"
                     + (f" {row.commit[:7]}" if row.commit else ""))
    return lines
