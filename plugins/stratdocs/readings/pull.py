"""`readings pull`: each metric's query run against its source, its rows checked and merged into its file."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dates import parse_date
from ..document import Document
from .csvfile import Reading, parse_value
from .merge import Merge, MergeError, merge_file
from .sources import Source, SourceError


@dataclass(frozen=True)
class Job:
    """One metric to pull: where from, what to run, where to write."""

    metric_id: str
    source: str
    query: str
    unit: str | None
    path: Path  # the metric's readings file


@dataclass(frozen=True)
class Outcome:
    metric_id: str
    merge: Merge | None = None
    error: str = ""  # why nothing was written (the query failed, its rows were bad, the file was)
    rows: int = 0  # rows the query returned


def job_for(doc: Document, readings_dir: Path) -> Job | None:
    """The metric's pull, or None when it names no readings source and query."""
    spec = doc.get("readings")
    if not isinstance(spec, dict) or not isinstance(spec.get("source"), str) or not isinstance(spec.get("query"), str):
        return None
    unit = doc.get("unit")
    return Job(doc.id, spec["source"], spec["query"], unit if isinstance(unit, str) else None,
               readings_dir / f"{doc.id}.csv")


def pull(jobs: Sequence[Job], urls: Mapping[str, str], environ: Mapping[str, str], project_dir: Path,
         restate: bool, done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Run every job, each merged on its own: one metric's failure leaves the other files to be written."""
    sources = {name: Source(name, url, environ, project_dir) for name, url in urls.items()}
    outcomes = []
    try:
        for job in jobs:
            outcome = run_job(job, sources, restate)
            outcomes.append(outcome)
            done(outcome)
    finally:
        for source in sources.values():
            source.close()
    return outcomes


def run_job(job: Job, sources: Mapping[str, Source], restate: bool) -> Outcome:
    source = sources.get(job.source)
    if source is None:
        known = ", ".join(sorted(sources)) or "none: add [tool.stratdocs.sources]"
        return Outcome(job.metric_id, error=f"no source named '{job.source}' in the settings (known: {known})")
    try:
        columns, rows = source.fetch(job.query)
        incoming = readings_from_rows(columns, rows, job.unit)
        return Outcome(job.metric_id, merge_file(job.path, job.metric_id, job.unit, incoming, restate), rows=len(rows))
    except (SourceError, MergeError) as err:
        return Outcome(job.metric_id, error=str(err))
    except Exception as err:  # noqa: BLE001  (never a traceback, never a secret: one metric fails, not the pull)
        return Outcome(job.metric_id, error=source.describe(err))


def readings_from_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], unit: str | None) -> list[Reading]:
    """The query's rows as readings; any bad row fails the whole query (SourceError), so nothing is half-merged."""
    names = [str(c).strip().lower() for c in columns]
    if "date" not in names or "value" not in names:
        raise SourceError(f"the query returns columns {', '.join(map(str, columns)) or '(none)'}: "
                          "name them date and value (and optionally note), e.g. select week as date, ...")
    at_date, at_value = names.index("date"), names.index("value")
    at_note = names.index("note") if "note" in names else None
    readings: list[Reading] = []
    seen: dict[dt.date, int] = {}
    for number, row in enumerate(rows, start=1):
        reading = _reading(row[at_date], row[at_value], None if at_note is None else row[at_note], unit, number)
        if reading.date in seen:
            raise SourceError(f"row {number}: {reading.date} is also row {seen[reading.date]}: "
                              "return one row per date")
        seen[reading.date] = number
        readings.append(reading)
    return readings


def _reading(date_cell: Any, value_cell: Any, note: Any, unit: str | None, number: int) -> Reading:
    # A date and a finite float, as DuckDB and PostgreSQL give them, go straight through.
    date = date_cell if type(date_cell) is dt.date else _date(date_cell)
    if date is None:
        raise SourceError(f"row {number}: date {str(date_cell)[:40]!r} is not a date")
    value, why = (value_cell, "") if type(value_cell) is float and math.isfinite(value_cell) else \
        _value(value_cell, unit)
    if value is None:
        raise SourceError(f"row {number} ({date}): {why}")
    return Reading(date, value, " ".join(str(note).split()) if note is not None else "")


def _date(cell: Any) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, str):
        text = cell.strip()
        # '2026-11-23 00:00:00' from a database with no date type (SQLite): the day is what counts.
        return parse_date(text[:10] if len(text) > 10 and text[10] in " T" else text)
    return None


def _value(cell: Any, unit: str | None) -> tuple[float | None, str]:
    if cell is None:
        return None, "no value (NULL): leave such rows out in the query (where value is not null)"
    if isinstance(cell, bool):
        return None, f"value {cell} is not a number"
    if isinstance(cell, (int, float, decimal.Decimal)):
        value = float(cell)
        return (value, "") if math.isfinite(value) else (None, f"value {cell} is not a finite number")
    return parse_value(str(cell), unit)
