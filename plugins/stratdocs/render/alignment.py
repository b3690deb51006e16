"""The Alignment Index page: seed 004's five dimensions, measured from the strategy's git history, each with its
figure, its trend by period (the metric pages' offline chart) and the rows of evidence behind it.

It draws an AlignmentIndex as it is given: every text in it (titles, sentences, reasons, notes) is escaped
here, and a value of the wrong type reads as missing rather than breaking the page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from ..alignment.model import COURSE_CORRECTION, AlignmentIndex, Dimension, HistorySummary, Period, Row, amount
from ..evaluate.numbers import amount_text, figure
from ..readings.csvfile import Reading
from .charts import ChartError, metric_chart
from .common import ANCHOR, heading, section
from .context import RenderContext
from .html import esc, or_missing
from .links import relative_url, site_url

ALIGNMENT_PAGE = "alignment/index.md"
MAX_ROWS = 200  # evidence rows shown per dimension, newest first: a long history would make the page heavy
BETTER = {"lower": "lower is better", "higher": "higher is better",
          "neither": "neither end is good: too few pivots is as telling as too many"}
NONE = '<span class="sd-missing">—</span>'
COMBINED = ("Each dimension counts something different in a unit of its own (days, surprises, decisions, a survey "
            "score), and a sum would hide which one moved: read them side by side.")


def alignment_page(index: AlignmentIndex, context: RenderContext) -> str:
    """The whole page: what was read, the five at a glance, why they stay apart, then one section each."""
    intro = ('<p class="sd-alignment-intro">Seed 004\'s diagnostic of how well the organisation stays aligned with '
             "its strategy, in five dimensions: course-correction speed, information flow, surprise frequency, "
             "pivot history and psychological safety. Here they are measured from the repository's history, what "
             "the strategy documents and their readings said commit by commit, instead of from a survey.</p>")
    parts = [heading("Alignment Index", 1) + "\n" + intro + history_html(index.history, index)]
    dimensions = [d for d in _items(index.dimensions) if isinstance(d, Dimension)]
    parts.append(section("Summary", summary_table(dimensions)))
    parts.append(section("Why the five are not added up",
                         f'<p class="sd-alignment-combined">{esc(index.combined) if index.combined else COMBINED}</p>'))
    parts.extend(dimension_section(d, index, context) for d in dimensions)
    return "\n\n".join(parts)


def history_html(history: HistorySummary, index: AlignmentIndex) -> str:
    """What was read: commits and their span, or what is missing, in a box that says so (never an error)."""
    as_of = f" (as of {_day(index.as_of)})" if isinstance(index.as_of, dt.date) else ""
    period = {"month": "month", "quarter": "quarter"}.get(index.period, "")
    by = f" Trends are by {period}." if period else ""
    if not history.available:
        return ('<div class="admonition warning sd-alignment-history"><p class="admonition-title">'
                "No git history: nothing could be measured from it</p>"
                f"<p>{esc(history.reason) if history.reason else 'The history could not be read.'}</p>"
                "<p>Each dimension below says what it needs to start measuring.</p></div>")
    count = history.commits if isinstance(history.commits, int) and not isinstance(history.commits, bool) else 0
    span = (f" from {_day(history.first)} to {_day(history.last)}"
            if isinstance(history.first, dt.date) and isinstance(history.last, dt.date) else "")
    newest = history.head[:7] if isinstance(history.head, str) else ""
    head = f", the newest <code>{esc(newest)}</code>" if newest else ""
    read = (f'<p class="sd-alignment-read">History read: {count} commit{"s" if count != 1 else ""}{span}{as_of}'
            f"{head}.{by}</p>")
    if history.shallow:
        return read + ('<div class="admonition warning sd-alignment-history"><p class="admonition-title">'
                       "Shallow clone: the history is cut short</p>"
                       f"<p>{esc(history.reason) if history.reason else 'Older commits are missing.'}</p></div>")
    return read


def summary_table(dimensions: Sequence[Dimension]) -> str:
    if not dimensions:
        return "<p>No dimension was computed.</p>"
    rows = "".join(
        f'<tr class="{"" if d.measured else "sd-not-measured"}"><td>{_name_link(d)}</td><td>{esc(d.summary)}</td>'
        f"<td>{esc(BETTER[d.better]) if d.better in BETTER else NONE}</td></tr>" for d in dimensions)
    return ('<div class="sd-wide"><table class="sd-alignment-summary"><thead><tr><th>Dimension</th><th>Summary</th>'
            f"<th>How to read it</th></tr></thead><tbody>{rows}</tbody></table></div>")


def _name_link(dimension: Dimension) -> str:
    name = dimension.name or dimension.key
    if isinstance(dimension.key, str) and ANCHOR.fullmatch(dimension.key):
        return f'<a href="#{esc(dimension.key)}">{esc(name)}</a>'
    return esc(name)  # not an id its section can carry


def dimension_section(dimension: Dimension, index: AlignmentIndex, context: RenderContext) -> str:
    """A dimension's definition, figure and notes, then (when measured) its trend and its evidence."""
    key = dimension.key if isinstance(dimension.key, str) else ""
    better = f" ({esc(BETTER[dimension.better])})" if dimension.better in BETTER else ""
    parts = [f'<p class="sd-definition">{or_missing(dimension.definition)}</p>',
             f'<p class="sd-alignment-figure"><strong>{esc(dimension.summary)}</strong>{better}</p>']
    triggers = ", ".join(str(t) for t in _items(index.triggers))
    if key == COURSE_CORRECTION and triggers:
        parts.append(f'<p class="sd-alignment-triggers">The clock starts at evidence about: {esc(triggers)}.</p>')
    parts.extend(f'<div class="admonition note sd-alignment-note"><p class="admonition-title">Note</p>'
                 f"<p>{esc(note)}</p></div>" for note in _items(dimension.notes))
    if dimension.measured:
        parts.append(trend_html(dimension, index, context))
        parts.append(rows_html(dimension.rows, context))
    block = "".join(p for p in parts if p)
    return section(dimension.name or key, f'<div class="sd-alignment-dimension">{block}</div>', anchor=key)


def trend_html(dimension: Dimension, index: AlignmentIndex, context: RenderContext) -> str:
    """The chart of the periods with a value (drawn offline, as on metric pages), and the table of every period."""
    periods = sorted((p for p in _items(dimension.periods) if isinstance(p, Period)), key=_oldest_first)
    if not periods:
        return '<p class="sd-no-periods">No period to show yet.</p>'
    readings = [Reading(date=p.start, value=value) for p in periods
                if isinstance(p.start, dt.date) and (value := _number(p.value)) is not None]
    unit = dimension.unit if isinstance(dimension.unit, str) else None
    chart = chart_html(dimension, readings, unit, index, context) if readings else ""
    rows = "".join(f"<tr><td>{esc(p.label)}</td><td>{_value(p.value, unit)}</td><td>{_count(p.count)}</td></tr>"
                   for p in periods)
    period = "quarter" if index.period == "quarter" else "month"
    table = (f'<div class="sd-readings sd-alignment-periods"><table><caption>By {period}, oldest first</caption>'
             "<thead><tr><th>Period</th><th>Value</th><th>Rows</th></tr></thead>"
             f"<tbody>{rows}</tbody></table></div>")
    return chart + table


def chart_html(dimension: Dimension, readings: Sequence[Reading], unit: str | None, index: AlignmentIndex,
               context: RenderContext) -> str:
    first, last = readings[0], readings[-1]
    period = "quarter" if index.period == "quarter" else "month"
    label = (f"Chart of {dimension.name}: {len(readings)} {period}{'s' if len(readings) != 1 else ''} from "
             f"{first.date.isoformat()} to {last.date.isoformat()}, the latest {amount_text(last.value, unit)}; "
             "the table below lists them.")
    try:
        svg = metric_chart(readings, [], unit, label)
    except ChartError as err:
        context.notices.append(f"the chart of {dimension.key} was not drawn: {err}")
        return '<p class="sd-missing">The chart could not be drawn; the table below lists the periods.</p>'
    return (f'<figure class="sd-chart">{svg}<figcaption>{esc(dimension.name)} by {period}, each point the '
            "figure over its period.</figcaption></figure>")


def rows_html(rows: Sequence[Row], context: RenderContext) -> str:
    """The evidence behind the figure, newest first: what happened, to which document, and in which commit."""
    shown = sorted((r for r in _items(rows) if isinstance(r, Row)), key=_newest_first)
    if not shown:
        return '<p class="sd-no-rows">No evidence rows.</p>'
    pages = _site_pages(context)
    cells = "".join(
        f'<tr><td>{_time(r.day)}</td><td>{_document(r, pages, context)}</td><td>{esc(r.text)}</td>'
        f"<td>{esc(r.state) if r.state else NONE}</td><td>{_count(r.days)}</td>"
        f"<td>{_time(r.until)}</td><td>{_commit(r.commit)}</td></tr>" for r in shown[:MAX_ROWS])
    which = (f"The newest {MAX_ROWS} of {len(shown)} rows" if len(shown) > MAX_ROWS
             else f"All {len(shown)} row{'s' if len(shown) != 1 else ''}")
    return ('<div class="sd-wide sd-alignment-rows"><table><caption>Evidence: ' + which + ", newest first</caption>"
            "<thead><tr><th>Date</th><th>Document</th><th>What happened</th><th>State</th><th>Days</th>"
            f"<th>Until</th><th>Commit</th></tr></thead><tbody>{cells}</tbody></table></div>")


def _items(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def _oldest_first(period: Period) -> int:
    return period.start.toordinal() if isinstance(period.start, dt.date) else 0


def _newest_first(row: Row) -> tuple[int, str]:
    day = row.day.toordinal() if isinstance(row.day, dt.date) else 0
    return (-day, str(row.doc_id))


def _site_pages(context: RenderContext) -> set[str]:
    """The strategy pages of this site, by source path: a row links only to one of them."""
    graph = context.graph
    return {doc.src_uri for doc in graph.index.by_id.values()} if graph is not None else set()


def _document(row: Row, pages: set[str], context: RenderContext) -> str:
    title = row.title if isinstance(row.title, str) and row.title.strip() else row.doc_id
    if isinstance(row.src_uri, str) and row.src_uri and row.src_uri in pages:
        here = site_url(context.page_src_uri, context.directory_urls)
        href = relative_url(site_url(row.src_uri, context.directory_urls), here)
        return f'<a href="{esc(href)}">{or_missing(title)}</a>'
    return or_missing(title)  # deleted since, or never a page of this site: its title as text


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _value(value, unit: str | None) -> str:
    number = _number(value)
    return esc(amount(number, unit or "")) if number is not None else NONE


def _count(value) -> str:
    number = _number(value)
    return esc(figure(number)) if number is not None else NONE


def _day(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else esc(value)


def _time(value) -> str:
    if isinstance(value, dt.date):
        return f'<time datetime="{value.isoformat()}">{value.isoformat()}</time>'
    return esc(value) if value else NONE


def _commit(value) -> str:
    return f'<code title="{esc(value)}">{esc(value[:7])}</code>' if isinstance(value, str) and value else NONE
