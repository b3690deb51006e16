"""One metric's readings file: `date,value` (and an optional `note`) per line, read and written.

A file is read whole or not at all into a Series of good rows; each bad row is a finding
at its line and column and is left out, never guessed at. Files are written only by
`readings add` and `readings pull`, always with a header and one reading per date.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass

from ..codes import code_finding
from ..dates import parse_date
from ..findings import Finding, Location

HEADER = ("date", "value")
NOTE = "note"
MAX_BYTES = 8 * 1024 * 1024  # some 300,000 readings: more is a data dump, not a metric's history
# A number with a unit stuck to it: "34%", "1,800 calls", "0.8 per claim".
_NUMBER_WITH_UNIT = re.compile(r"\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(\S.*?)\s*")


@dataclass(frozen=True)
class Reading:
    date: dt.date
    value: float
    note: str = ""
    line: int = 0  # where it is in its file (0: not from a file)


@dataclass(frozen=True)
class Series:
    """A metric's good readings, oldest first, one per date."""

    metric_id: str
    path: str  # the file, as findings show it
    readings: tuple[Reading, ...] = ()

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None

    def as_of(self, day: dt.date) -> tuple[Reading, ...]:
        """The readings dated on or before day: the evidence a page dated `day` could have seen."""
        return self.readings[:bisect.bisect_right(self.readings, day, key=_date)]  # readings are sorted by date


def _date(reading: Reading) -> dt.date:
    return reading.date


def number_text(value: float) -> str:
    """A value as the file writes it: 34, 0.8, 1800 (never 34.0)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def parse_value(text: str, unit: str | None) -> tuple[float | None, str]:
    """The number in text, or None and why not, in words that say how to write it."""
    cleaned = text.strip()
    try:
        value = float(cleaned)
    except ValueError:
        value = None
    if value is not None and math.isfinite(value) and cleaned.lower() not in ("nan", "inf", "infinity"):
        return value, ""
    if value is not None:
        return None, f"value '{cleaned}' is not a finite number"
    match = _NUMBER_WITH_UNIT.fullmatch(cleaned)
    if match and unit and match.group(2).strip().lower() == unit.strip().lower():
        number = match.group(1).replace(",", "")
        return None, f"value '{cleaned}': write the number alone ({number}); the metric's unit ('{unit}') is implied"
    if match and unit:
        return None, (f"value '{cleaned}' is in '{match.group(2)}', but the metric counts '{unit}': "
                      f"convert it, or check that the file belongs to this metric")
    if match:
        return None, f"value '{cleaned}': write the number alone ({match.group(1).replace(',', '')})"
    return None, f"value '{cleaned}' is not a number"


def read_series(text: str, path: str, metric_id: str, unit: str | None = None) -> tuple[Series, list[Finding]]:
    """The file's good readings, and a located finding for each problem."""
    findings: list[Finding] = []
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        findings.append(code_finding(path, "SD020", "the readings file is empty: write the header 'date,value' "
                                     "and a reading per line, or delete the file", Location(1, 1)))
        return Series(metric_id, path), findings
    header = [cell.strip().lower() for cell in next(csv.reader([lines[0]]))]
    if tuple(header[:2]) != HEADER or header[2:] not in ([], [NOTE]):
        findings.append(code_finding(path, "SD020", f"the first line must be the header 'date,value' or "
                                     f"'date,value,note', not '{lines[0][:80]}'", Location(1, 1)))
        return Series(metric_id, path), findings
    seen: dict[dt.date, int] = {}
    readings = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue  # blank lines are allowed
        reading = _plain(line, number, len(header)) or _reading(line, number, path, unit, len(header), findings)
        if reading is None:
            continue
        if reading.date in seen:
            findings.append(code_finding(path, "SD023", f"{reading.date} is read twice (line {seen[reading.date]} "
                                         "and here): keep one reading per date", Location(number, 1)))
            continue
        seen[reading.date] = number
        readings.append(reading)
    return Series(metric_id, path, tuple(sorted(readings, key=lambda r: r.date))), findings


def _plain(line: str, number: int, cells: int) -> Reading | None:
    """A well-formed row with no quotes, read fast (a metric may hold years of readings); else None."""
    if '"' in line:
        return None
    date_text, _, rest = line.partition(",")
    value_text, _, note = rest.partition(",")
    date = parse_date(date_text)
    if date is None or "," in note or (note and cells < 3):
        return None
    try:
        value = float(value_text)
    except ValueError:
        return None
    return Reading(date, value, note.strip(), number) if math.isfinite(value) else None


def _reading(line: str, number: int, path: str, unit: str | None, cells: int,
             findings: list[Finding]) -> Reading | None:
    # The common row, `2026-11-23,41.5`, needs no CSV parser; quotes and notes do.
    row = line.split(",") if '"' not in line else next(csv.reader([line]), [])

    def problem(code: str, message: str, cell: int) -> None:  # columns are counted only for a finding
        findings.append(code_finding(path, code, message, Location(number, _at(_columns(line), cell))))

    if len(row) > cells:
        problem("SD020", f"{len(row)} cells, but the header names {cells}: quote a note that holds a comma", cells)
        return None
    date_text = row[0].strip()
    date = parse_date(date_text)
    if date is None:
        problem("SD021", f"date '{date_text[:40]}' is not a date: write YYYY-MM-DD, e.g. 2026-11-23", 0)
        return None
    if len(row) < 2 or not row[1].strip():
        problem("SD022", f"{date} has no value", 1)
        return None
    value, why = parse_value(row[1], unit)
    if value is None:
        problem("SD022", why, 1)
        return None
    return Reading(date, value, row[2].strip() if len(row) > 2 else "", number)


def _at(columns: list[int], index: int) -> int:
    return columns[index] if index < len(columns) else columns[-1]


def _columns(line: str) -> list[int]:
    """The 1-based column where each cell of a CSV line starts (commas inside quotes do not count)."""
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


def write_series(readings: list[Reading] | tuple[Reading, ...]) -> str:
    """The file for these readings: header, then one line per date, oldest first."""
    ordered = sorted(readings, key=lambda r: r.date)
    with_notes = any(r.note for r in ordered)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADER, NOTE] if with_notes else list(HEADER))
    for r in ordered:  # a note is one line: the file is read a line at a time
        note = " ".join(r.note.split())
        writer.writerow([r.date.isoformat(), number_text(r.value), *([note] if with_notes else [])])
    return out.getvalue()
