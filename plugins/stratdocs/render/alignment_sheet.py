"""The alignment sheet page: aim, mechanism, feedback, gate, guardrail, owner and cadence."""

from __future__ import annotations

from ..dates import parse_date
from ..document import Document
from ..evaluate.numbers import quantity as number_of
from .charts import sparkline
from .common import days_phrase, header, ref_html, refs_html, section
from .context import RenderContext
from .evidence import amount, change_html
from .health import health_section
from .html import esc, or_missing


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Cadence", cadence_text(doc.get("cadence")))]
    serves = refs_html(doc.get("serves"), context)
    if serves:
        extra.append(("Serves", serves))
    parts = [header(doc, "Alignment sheet", extra), *health_section(doc, context)]
    parts.append(section("Aim", aim_html(doc)))
    parts.append(section("Mechanism", mechanism_html(doc)))
    parts.append(section("Feedback", signals_table(doc.get("feedback"), context)))
    parts.append(section("Stage gate", gate_html(doc, context)))
    parts.append(section("Guardrail", guardrail_html(doc.get("guardrail"))))
    return "\n\n".join(parts)


def aim_html(doc: Document) -> str:
    return (f'<div class="sd-aim"><p class="sd-statement">{or_missing(doc.get("aim", "statement"))}</p>'
            f'<p><strong>Definition of done:</strong> {or_missing(doc.get("aim", "definition_of_done"))}</p></div>')


def mechanism_html(doc: Document) -> str:
    lever, target, reason = (or_missing(doc.get("mechanism", k)) for k in ("lever", "target", "reason"))
    return (f'<p class="sd-mechanism">We believe <strong>{lever}</strong> will move <strong>{target}</strong> '
            f'because <strong>{reason}</strong>.</p>')


def signals_table(signals, context: RenderContext) -> str:
    if not isinstance(signals, list) or not signals:
        return '<p class="sd-missing">No feedback signals.</p>'
    rows = []
    for entry in signals:
        signal = entry if isinstance(entry, dict) else {}
        unit = signal.get("unit")
        cells = [
            f'<span class="sd-signal sd-signal--{esc(signal.get("type"))}">{or_missing(signal.get("type"))}</span>',
            ref_html(signal.get("metric"), context),
            quantity(signal.get("baseline"), unit),
            quantity(signal.get("target"), unit),
            *evidence_cells(signal.get("metric"), context),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = ("<tr><th>Type</th><th>Metric</th><th>Baseline</th><th>Target</th><th>Latest</th>"
            "<th>Change</th><th>Trend</th></tr>")
    return f'<div class="sd-signals"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def evidence_cells(metric_id, context: RenderContext) -> list[str]:
    """Latest value and its date, its change since the reading before, and the trend, from the metric's readings."""
    ref = context.reference(metric_id) if isinstance(metric_id, str) else None
    metric = context.graph.index.get(ref.target_id) if context.graph and ref and ref.resolved else None
    change = context.evidence.change(metric.id, context.today) if context.evidence and metric else None
    if metric is None or change is None:
        return ['<span class="sd-missing">no readings</span>', "—", ""]
    unit = metric.get("unit") if isinstance(metric.get("unit"), str) else None
    latest = change.latest
    when = f'<br><time class="sd-date" datetime="{latest.date.isoformat()}">{latest.date.isoformat()}</time>'
    readings = context.evidence.readings(metric.id, context.today) if context.evidence else ()
    return [amount(latest.value, unit) + when, change_html(change), sparkline(readings)]


def quantity(value, unit) -> str:
    """A baseline or target: a number in the signal's unit (and the day it holds for), or text as written."""
    if value is None:
        return "—"
    number = number_of(value)
    if number is None:
        return esc(value) if not unit else esc(f"{value}{unit}" if str(unit).startswith("%") else f"{value} {unit}")
    shown = amount(number.value, unit if isinstance(unit, str) else None)
    return shown + (f' <span class="sd-date">({number.date.isoformat()})</span>' if number.date else "")


def gate_html(doc: Document, context: RenderContext) -> str:
    gate = doc.get("stage_gate") if isinstance(doc.get("stage_gate"), dict) else {}
    rule = or_missing(gate.get("continue_if"))
    date_text = gate.get("decision_date")
    date = parse_date(date_text)
    answer = context.evidence.gate_decisions.get(doc.id or "") if context.evidence else None
    phrase = (f"decided on {esc(answer.get('date'))}: {esc(answer.get('decision'))}" if answer is not None
              else days_phrase(date, context.today) if date else "")
    when = f"{esc(date_text)} ({phrase}{context.as_of_note})" if date else or_missing(date_text)
    overdue = date is not None and date < context.today and doc.get("status") == "active" and answer is None
    lines = [f'<p class="sd-gate-rule">We will continue if <strong>{rule}</strong>.</p>',
             f'<p class="sd-gate-date{" sd-overdue" if overdue else ""}"><strong>Decision date:</strong> {when}</p>']
    if isinstance(gate.get("window_weeks"), int):
        lines.append(f"<p><strong>Window:</strong> {gate['window_weeks']} weeks</p>")
    if gate.get("learn"):
        lines.append(f"<p><strong>What we will learn:</strong> {esc(gate['learn'])}</p>")
    return f'<div class="sd-gate">{"".join(lines)}</div>'


def guardrail_html(guardrail) -> str:
    guardrail = guardrail if isinstance(guardrail, dict) else {}
    slo = f" — <strong>SLO:</strong> {esc(guardrail['slo'])}" if guardrail.get("slo") else ""
    return f'<p class="sd-guardrail"><strong>SLI:</strong> {or_missing(guardrail.get("sli"))}{slo}</p>'


def cadence_text(cadence) -> str:
    if not isinstance(cadence, dict) or not cadence:
        return or_missing(None)
    parts = [esc(cadence.get("review", ""))]
    if cadence.get("minutes"):
        parts.append(f"{esc(cadence['minutes'])}-minute review")
    if cadence.get("day"):
        parts.append(f"on {esc(cadence['day'])}")
    return " ".join(p for p in parts if p)
