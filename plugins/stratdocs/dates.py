"""Dates in front matter are text (YYYY-MM-DD) until a rule or page needs a date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

# What the schemas' date accepts (defs.schema.json: this pattern and format "date").
# date.fromisoformat alone also takes 20261207 and 2026-W49-1 on Python 3.11+.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value) -> dt.date | None:
    """The date a YYYY-MM-DD string names, or None for anything else: the one date parser."""
    return _parse_text(value) if isinstance(value, str) else None


@lru_cache(maxsize=8192)  # readings files repeat the same few hundred dates thousands of times
def _parse_text(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
