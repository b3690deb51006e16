"""The weekly review page: for each active aim, what its signals say this week, then gates and decisions."""

from __future__ import annotations

from ..evaluate.evidence import Evidence
from ..evaluate.review import Aim, Review, Signal, weekly_review
from ..graph.graph import Graph
from .common import heading, section
from .context import RenderContext
from .evidence import amount_text
from .html import esc

# A word and a symbol for each verdict: never colour alone.
VERDICTS = {"better": "▲ better", "worse": "▼ worse", "flat": "= flat", "moved": "↕ moved", "new": "• new",
            "no reading": "– no reading", "no new reading": "– no new reading"}


def review_page(graph: Graph, context: RenderContext) -> str:
    review = weekly_review(graph, context.evidence or Evidence(), context.today)
    when = f"as of <strong>{review.day.isoformat()}</strong>" + (" (the <code>as_of</code> setting)"
                                                                  if context.as_of else "")
    parts = [heading("Weekly review", 1) + f"\n<p>What changed, what did not, and why: the signals {when}, "
             "each against last week and its target. Copy it as Markdown with <code>stratdocs review</code>.</p>"]
    for aim in review.aims:
        parts.append(section(aim.sheet.title, _aim_html(aim, context)))
    if not review.aims:
        parts.append("<p>No active aims.</p>")
    parts.append(section("Gates in the next 14 days", _gates_html(review, context)))
    parts.append(section("Decisions in the last 7 days", _decisions_html(review, context)))
    return "\n\n".join(parts)


def _aim_html(aim: Aim, context: RenderContext) -> str:
    link = f'<p><a href="{esc(context.href(aim.sheet.id))}">{esc(aim.sheet.title)}</a>, reviewed {esc(aim.cadence)}</p>'
    rows = "".join(_signal_row(s, context) for s in aim.signals)
    return (f'{link}<div class="sd-wide"><table><thead><tr><th>Signal</th><th>Latest</th><th>Since last week</th>'
            f'<th>Target</th><th>To go</th></tr></thead><tbody>{rows}</tbody></table></div>')


def _signal_row(signal: Signal, context: RenderContext) -> str:
    href = context.href(signal.metric_id)
    name = f'<a href="{esc(href)}">{esc(signal.title)}</a>' if href else f"<code>{esc(signal.metric_id)}</code>"
    latest = (f"{esc(amount_text(signal.latest.value, signal.unit))}<br><small>{signal.latest.date.isoformat()}"
              f"{' · late by ' + str(signal.late_days) + ' days' if signal.late_days else ''}"
              f"{'<br>' + esc(signal.latest.note) if signal.latest.note else ''}</small>"
              if signal.latest else '<span class="sd-missing">no reading</span>')
    verdict = signal.since_last_week
    change = esc(VERDICTS[verdict])
    if signal.latest and signal.week_before:
        change += f"<br><small>from {esc(amount_text(signal.week_before.value, signal.unit))}</small>"
    missing = '<span class="sd-missing">none</span>'
    target = esc(amount_text(signal.target.value, signal.unit)) if signal.target else missing
    to_go = ("reached" if signal.target_reached else
             esc(amount_text(signal.to_target, signal.unit)) if signal.to_target is not None else "—")
    return (f'<tr class="sd-verdict--{verdict.replace(" ", "-")}"><td>{name}</td><td>{latest}</td><td>{change}</td>'
            f"<td>{target}</td><td>{to_go}</td></tr>")


def _gates_html(review: Review, context: RenderContext) -> str:
    if not review.gates:
        return "<p>No stage gate falls due in the next 14 days.</p>"
    items = "".join(
        f'<li><a href="{esc(context.href(g.sheet.id))}">{esc(g.sheet.title)}</a>: {g.date.isoformat()}, '
        f"{'overdue by ' + str(-g.days) + ' days' if g.days < 0 else 'today' if g.days == 0 else f'in {g.days} days'}"
        "</li>" for g in review.gates)
    return f"<ul>{items}</ul>"


def _decisions_html(review: Review, context: RenderContext) -> str:
    if not review.decisions:
        return "<p>No decisions in the last 7 days.</p>"
    items = "".join(f'<li>{esc(d.get("date"))} <strong>{esc(d.get("decision"))}</strong>: '
                    f'<a href="{esc(context.href(d.id))}">{esc(d.title)}</a></li>' for d in review.decisions)
    return f"<ul>{items}</ul>"

