"""The metric page: the definition, its unit and direction, its readings charted, its parent in the metric tree."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document
from ..evaluate.numbers import numbers
from ..readings.csvfile import Reading
from .charts import ChartError, Line, metric_chart
from .common import header, ref_html, section
from .context import RenderContext
from .diagrams import metric_diagram
from .evidence import amount, figure, readings_table
from .html import esc, or_missing

DIRECTIONS = {"up": "up is good", "down": "down is good"}
NEIGHBOURHOOD_DRAWN = True  # the metric's diagram shows every neighbour, not its tree alone
TYPES = {"proxy": "proxy (moves first)", "leading": "leading indicator", "outcome": "outcome (the aim)"}


def render(doc: Document, context: RenderContext) -> str:
    kind_of = doc.get("type")
    direction = doc.get("direction")
    extra = [
        ("Type", esc(TYPES.get(kind_of, kind_of)) if isinstance(kind_of, str) else or_missing(None)),
        ("Unit", or_missing(_text(doc.get("unit")))),
        ("Direction", esc(DIRECTIONS.get(direction, direction)) if isinstance(direction, str) else or_missing(None)),
    ]
    parts = [header(doc, "Metric", extra)]
    parts.append(section("Definition", definition_html(doc)))
    parts.append(section("Readings", readings_html(doc, context)))
    parts.append(section("Metric tree", tree_html(doc, context)))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def definition_html(doc: Document) -> str:
    return (f'<div class="sd-metric"><p class="sd-definition">{or_missing(_text(doc.get("definition")))}</p>'
            f'<p class="sd-source"><strong>Source:</strong> {or_missing(_text(doc.get("source")))}</p></div>')


def readings_html(doc: Document, context: RenderContext) -> str:
    """The chart of the readings up to the page's day, what its lines are, and the latest readings as a table."""
    evidence = context.evidence
    readings = evidence.readings(doc.id, by=context.today) if evidence else ()
    if not readings:
        return no_readings_html(doc)
    unit = doc.get("unit") if isinstance(doc.get("unit"), str) else None
    lines = reference_lines(doc, context) + threshold_lines(doc, context)
    later = len(evidence.readings(doc.id)) - len(readings) if evidence else 0
    hidden = (f'<p class="sd-later">{later} reading{"s" if later != 1 else ""} dated after '
              f"{context.today.isoformat()} not shown{esc(context.as_of_note)}.</p>" if later else "")
    chart = chart_html(doc, readings, [line for line, _ in lines], unit, context)
    return (f'<div class="sd-readings-view"><figure class="sd-chart">{chart}{legend_html(lines, unit)}</figure>'
            f"{hidden}{readings_table(readings, unit, _direction(doc))}</div>")


def no_readings_html(doc: Document) -> str:
    return (f'<p class="sd-no-readings">No readings yet. Record one with '
            f"<code>stratdocs readings add {esc(doc.id)} VALUE</code> (<code>--date YYYY-MM-DD</code> for another "
            f"day), or write them to <code>{esc(doc.id)}.csv</code> in the readings folder (<code>readings/</code> "
            "beside mkdocs.yml unless the <code>readings</code> setting names another), a "
            "<code>date,value</code> line each.</p>")


def chart_html(doc: Document, readings: Sequence[Reading], lines: list[Line], unit: str | None,
               context: RenderContext) -> str:
    first, last = readings[0], readings[-1]
    label = (f"Chart of {doc.title}: {len(readings)} readings from {first.date.isoformat()} to "
             f"{last.date.isoformat()}, the latest {amount(last.value, unit)}; the table below lists them.")
    try:
        return metric_chart(readings, lines, unit, label)
    except ChartError as err:
        context.notices.append(f"the chart of readings was not drawn: {err}")
        return '<p class="sd-missing">The chart could not be drawn; the table below lists the readings.</p>'


def reference_lines(doc: Document, context: RenderContext) -> list[tuple[Line, list[str]]]:
    """A line per baseline or target set for this metric (as a number) by the documents that read it.

    Each line comes with the links to the documents that set it; text values are left out (SD500 reports them).
    """
    sources: dict[tuple[str, float], list[str]] = {}
    graph = context.graph
    readers = {ref.source.id: ref.source for ref in graph.refs_to(doc.id, "metric")} if graph else {}
    for reader in sorted(readers.values(), key=lambda d: d.id):
        for number in numbers(reader):
            if number.metric != doc.id or number.quantity is None or number.role not in ("baseline", "target"):
                continue
            when = number.quantity.date
            link = f'<a href="{esc(context.href(reader.id))}">{esc(reader.title)}</a>'
            sources.setdefault((number.role, number.quantity.value), []).append(
                link + (f" ({'by' if number.role == 'target' else 'on'} {when.isoformat()})" if when else ""))
    return [(Line(role, value, f"{role} {figure(value)}"), links)
            for (role, value), links in sorted(sources.items())]


def threshold_lines(doc: Document, context: RenderContext) -> list[tuple[Line, list[str]]]:
    """A line per threshold that a sheet's stage gate rule or guardrail sets on this metric (evaluate read them).

    Each line comes with the links to those sheets and what the threshold is ('stage gate: at least 20%').
    """
    evidence, graph = context.evidence, context.graph
    if evidence is None or graph is None or not doc.id:
        return []
    unit = evidence.units.get(doc.id, "")
    rules = [(sheet_id, "stage gate", "gate", gate.rule.conditions) for sheet_id, gate in evidence.gates.items()]
    rules += [(sheet_id, "guardrail", "guardrail", guard.conditions)
              for sheet_id, guard in evidence.guardrails.items()]
    sources: dict[tuple[str, float], list[str]] = {}
    for sheet_id, what, short, conditions in sorted(rules):
        sheet = graph.index.get(sheet_id)
        for cond in conditions:
            if cond.metric != doc.id or sheet is None:
                continue
            link = (f'<a href="{esc(context.href(sheet_id))}">{esc(sheet.title)}</a> '
                    f"({what}: {esc(cond.text(unit))})")
            for value in (cond.low, cond.high):
                if value is not None and link not in sources.get((short, value), []):
                    sources.setdefault((short, value), []).append(link)
    return [(Line("threshold", value, f"{short} {figure(value)}"), links)
            for (short, value), links in sorted(sources.items(), key=lambda item: (item[0][1], item[0][0]))]


def legend_html(lines: list[tuple[Line, list[str]]], unit: str | None) -> str:
    """What each line is and who set it, as text: the chart's colours and dashes are not the only key."""
    if not lines:
        return ('<figcaption>Readings over time. No document that reads this metric sets it a baseline '
                "or a target as a number.</figcaption>")
    items = "".join(f'<li><span class="sd-line sd-line--{line.role}">{esc(line.role)}</span> '
                    f"{amount(line.value, unit)}: {', '.join(links)}</li>" for line, links in lines)
    return (f"<figcaption>Readings over time, with the lines set by the documents that read this metric:"
            f"<ul>{items}</ul></figcaption>")


def _direction(doc: Document) -> str | None:
    direction = doc.get("direction")
    return direction if isinstance(direction, str) else None


def tree_html(doc: Document, context: RenderContext) -> str:
    parent = doc.get("parent")
    if isinstance(parent, str) and parent:
        return (f'<p class="sd-parent"><strong>Parent metric:</strong> {ref_html(parent, context)} '
                f"(this metric feeds it)</p>")
    return '<p class="sd-parent">Top of its metric tree: no parent metric.</p>'


def diagram(doc: Document, context: RenderContext) -> str:
    """The metric among its parents and children, drawn below the page's structure."""
    return metric_diagram(doc, context)
