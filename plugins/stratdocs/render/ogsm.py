"""The OGSM page: objective, goals, and strategies with their measures, as a grid."""

from __future__ import annotations

from ..document import Document
from .alignment_sheet import quantity
from .common import header, refs_html, section
from .context import RenderContext
from .health import health_section
from .html import esc, or_missing


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Date", esc(doc.get("date")))] if doc.get("date") is not None else []
    parts = [header(doc, "OGSM", extra), *health_section(doc, context)]
    objective = doc.get("objective")
    parts.append(section("Objective", f'<p class="sd-objective">{or_missing(_text(objective))}</p>'))
    parts.append(section("Goals", goals_table(doc.get("goals"), context)))
    parts.append(section("Strategies and measures", strategies_table(doc.get("strategies"), context)))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _target(item: dict) -> str:
    unit, target = item.get("unit"), item.get("target")
    return quantity(target, unit if isinstance(unit, str) else None) if target is not None else or_missing(None)


def goals_table(goals, context: RenderContext) -> str:
    if not isinstance(goals, list) or not goals:
        return '<p class="sd-missing">No goals.</p>'
    rows = []
    for entry in goals:
        goal = entry if isinstance(entry, dict) else {}
        cells = [or_missing(_text(goal.get("goal"))), (refs_html(goal.get("metric"), context) or "—"), _target(goal),
                 or_missing(_text(goal.get("date")))]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "<tr><th>Goal</th><th>Metric</th><th>Target</th><th>By</th></tr>"
    return f'<div class="sd-goals"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def strategies_table(strategies, context: RenderContext) -> str:
    if not isinstance(strategies, list) or not strategies:
        return '<p class="sd-missing">No strategies.</p>'
    rows = []
    for entry in strategies:
        strategy = entry if isinstance(entry, dict) else {}
        serves = strategy.get("serves")
        serves_html = ""
        if isinstance(serves, list) and serves:
            serves_html = f'<br><small class="sd-serves">serves {refs_html(serves, context)}</small>'
        owner = f'<br><small class="sd-owner">{esc(strategy["owner"])}</small>' if _text(strategy.get("owner")) else ""
        first = f'{or_missing(_text(strategy.get("strategy")))}{owner}{serves_html}'
        measures = strategy.get("measures")
        measures = [m if isinstance(m, dict) else {} for m in measures] if isinstance(measures, list) else []
        if not measures:
            rows.append(f'<tr><td class="sd-strategy">{first}</td>'
                        '<td colspan="4" class="sd-missing">No measure.</td></tr>')
            continue
        for n, measure in enumerate(measures):
            lead = f'<td class="sd-strategy" rowspan="{len(measures)}">{first}</td>' if n == 0 else ""
            cells = [or_missing(_text(measure.get("measure"))), (refs_html(measure.get("metric"), context) or "—"),
                     _target(measure), esc(_text(measure.get("date")) or "—")]
            rows.append(f"<tr>{lead}" + "".join(f'<td class="sd-measure">{c}</td>' for c in cells[:1])
                        + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>")
    head = "<tr><th>Strategy</th><th>Measure</th><th>Metric</th><th>Target</th><th>By</th></tr>"
    return f'<div class="sd-strategies"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
