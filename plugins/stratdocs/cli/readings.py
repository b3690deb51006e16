"""`stratdocs readings`: pull readings from the project's data sources, or add one by hand."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from ..config import Config, ConfigError
from ..dates import parse_date
from ..document import Document
from ..pipeline import discover, run
from ..readings.csvfile import Reading, number_text, parse_value
from ..readings.merge import Merge, MergeError, merge_file
from .project import Project

EXIT_FAILED = 1
SHOWN_RESTATEMENTS = 5  # per metric; the rest are counted


@click.group()
def readings() -> None:
    """Metric readings (readings/<metric>.csv): pull them from data sources, or add one by hand."""


@readings.command()
@click.argument("metric_ids", nargs=-1, metavar="[METRIC]...")
@click.option("--restate", is_flag=True, help="Also write changed past values (by default they are only reported).")
def pull(metric_ids: tuple[str, ...], restate: bool) -> None:
    """Run each metric's query and merge its rows into its readings file.

    A metric names its query as readings: {source: NAME, query: SQL}; the source is an SQLAlchemy URL in
    [tool.stratdocs.sources]. New dates are added and no reading is ever deleted; a changed past value is
    reported, and written only with --restate.

    Exit codes: 0 done, 1 a query failed or a restatement was reported and not written, 2 bad usage or settings.
    """
    try:
        from ..readings.pull import job_for
        from ..readings.pull import pull as pull_jobs
    except ImportError as err:
        raise click.UsageError(f"readings pull needs the database drivers ({err.name} is missing): "
                               "pip install 'stratdocs[readings]'") from None
    project, config, metrics = _setup()
    readings_dir = config.readings_dir or project.directory / "readings"
    jobs = []
    for metric_id in metric_ids or sorted(metrics):
        job = job_for(_metric(metrics, metric_id), readings_dir)
        if job is None and metric_ids:
            raise click.BadParameter(f"metric '{metric_id}' names no readings: {{source, query}} to pull from",
                                     param_hint="METRIC")
        if job is not None:
            jobs.append(job)
    if not jobs:
        click.echo("nothing to pull: no metric names readings: {source, query}", err=True)
        return
    with _progress(len(jobs)) as advance:
        def done(outcome) -> None:
            click.echo(_outcome_line(outcome.metric_id, outcome.merge, outcome.error))
            advance()
        outcomes = pull_jobs(jobs, dict(config.sources), os.environ, project.directory, restate, done)
    failed = sum(1 for o in outcomes if o.error)
    merges = [o.merge for o in outcomes if o.merge is not None]
    pending = sum(len(m.pending) for m in merges)
    click.echo(f"pulled {len(outcomes)} metric(s): {sum(len(m.added) for m in merges)} new reading(s), "
               f"{sum(len(m.restated) for m in merges if m.applied)} restated, {pending} restatement(s) "
               f"reported and not written, {failed} failed, {sum(m.unchanged for m in merges)} unchanged", err=True)
    if failed or pending:
        sys.exit(EXIT_FAILED)


def _outcome_line(metric_id: str, merge: Merge | None, error: str) -> str:
    if merge is None:
        return f"{metric_id}: failed, nothing written: {error}"
    parts = [f"{len(merge.added)} new"]
    if merge.notes_added:
        parts.append(f"{merge.notes_added} note(s) added")
    if merge.applied:
        parts.append(f"{len(merge.restated)} restated ({_listed(merge)})")
    elif merge.restated:
        parts.append(f"{len(merge.restated)} restatement(s) reported, not written (--restate writes them): "
                     f"{_listed(merge)}")
    if merge.unchanged:
        parts.append("unchanged")
    return f"{metric_id}: {', '.join(parts)}"


def _listed(merge: Merge) -> str:
    shown = "; ".join(str(r) for r in merge.restated[:SHOWN_RESTATEMENTS])
    more = len(merge.restated) - SHOWN_RESTATEMENTS
    return shown + (f"; and {more} more" if more > 0 else "")


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal (stderr) for runs of more than a few metrics; elsewhere nothing."""
    if total < 5 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("pulling", total=total)
        yield lambda: progress.advance(task)


@readings.command(context_settings={"ignore_unknown_options": True})  # so that VALUE may be -3
@click.argument("metric_id", metavar="METRIC")
@click.argument("value")
@click.option("--date", "date_text", metavar="YYYY-MM-DD",
              help="The reading's date (default: today, or the as_of setting).")
@click.option("--note", default="", help="A note kept with the reading.")
@click.option("--restate", is_flag=True, help="Replace the value (or note) already recorded on that date.")
def add(metric_id: str, value: str, date_text: str | None, note: str, restate: bool) -> None:
    """Record a reading of METRIC by hand: VALUE, a number in the metric's unit.

    Exit codes: 0 recorded (or already there), 1 that date already reads otherwise (see --restate),
    2 bad usage: an unknown metric, a value that is not a number, a bad date.
    """
    project, config, metrics = _setup()
    metric = _metric(metrics, metric_id)
    unit = metric.get("unit") if isinstance(metric.get("unit"), str) else None
    number, why = parse_value(value, unit)
    if number is None:
        raise click.BadParameter(why, param_hint="VALUE")
    date = config.today if date_text is None else parse_date(date_text.strip())
    if date is None:
        raise click.BadParameter(f"'{date_text}' is not a date: write YYYY-MM-DD", param_hint="--date")
    path = (config.readings_dir or project.directory / "readings") / f"{metric.id}.csv"
    reading = Reading(date, number, " ".join(note.split()))
    try:
        merge = merge_file(path, metric.id, unit, [reading], restate, notes_restate=True)
    except MergeError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    if merge.pending:
        click.echo(f"error: {merge.path} already reads {_was(merge.pending[0].old)} on {date}: pass --restate "
                   "to replace it", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"{merge.path}: {date} {number_text(number)} {_added_how(merge)}")


def _added_how(merge: Merge) -> str:
    if merge.added:
        return "added"
    if merge.applied:
        return f"restated (was {_was(merge.restated[0].old)})"
    return "note added" if merge.notes_added else "already recorded: unchanged"


def _was(reading: Reading) -> str:
    return number_text(reading.value) + (f" (note '{reading.note}')" if reading.note else "")


def _setup() -> tuple[Project, Config, dict[str, Document]]:
    """The project, its settings and its metrics by id, read as `stratdocs lint` reads them."""
    try:
        project = Project(Path.cwd())
        config = project.config()
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    if not project.docs_dir.is_dir():
        raise click.UsageError(f"no docs folder at {project.docs_dir}")
    # The readings folder is not read here: each file is read (and checked) where it is merged.
    result = run(discover(project.docs_dir), dataclasses.replace(config, readings_dir=None))
    return project, config, {i: doc for i, doc in result.index.by_id.items() if doc.kind == "metric"}


def _metric(metrics: dict[str, Document], metric_id: str) -> Document:
    if metric_id in metrics:
        return metrics[metric_id]
    close = difflib.get_close_matches(metric_id, list(metrics), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(metrics)) or 'none'})"
    raise click.BadParameter(f"no metric has the id '{metric_id}'{hint}", param_hint="METRIC")
