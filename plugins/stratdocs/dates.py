"""Dates in front matter are text (YYYY-MM-DD) until a rule or page needs a date."""

from __future__ import annotations

import datetime as dt


def parse_date(value) -> dt.date | None:
    """The date a YYYY-MM-DD string names, or None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
