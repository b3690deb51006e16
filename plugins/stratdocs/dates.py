"""Dates in front matter are text (YYYY-MM-DD) until a rule or page needs a date."""

from __future__ import annotations

import datetime as dt
import re

# What the schemas' date accepts (defs.schema.json: this pattern and format "date").
# date.fromisoformat alone also takes 20261207 and 2026-W49-1 on Python 3.11+.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value) -> dt.date | None:
    """The date a YYYY-MM-DD string names, or None for anything else: the one date parser."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
