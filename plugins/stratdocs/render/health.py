"""Health on pages: declared against computed, the reasons, and what the gate, aim, guardrail and reviews say.

The thermocline of truth made visible: a sheet's (OGSM's, kata's) page opens with its health panel and the
dashboard lists every active aim with what needs a leader's attention first. Everything shown is read from
the evidence (evaluate/): a verdict without a rule, or a review without a date, is never made up. Each state
is a word and a symbol as well as a colour, so it reads in print, to colour-blind readers and in any theme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..dates import parse_date
from ..document import Document
from ..evaluate import conditions as c
from ..evaluate import gates as g
from ..evaluate.evidence import Evidence
from ..evaluate.health import LEVELS, Health, Reason, rank
from .common import days_phrase, section
from .context import RenderContext
from .evidence import amount_text
from .html import esc

LEVEL_WORDS = {"on-track": "on track", "at-risk": "at risk", "off-track": "off track"}
LEVEL_SYMBOLS = {"on-track": "✔", "at-risk": "▲", "off-track": "✖"}
# A state's tone colours it; its symbol and its word say it.
TONE_SYMBOLS = {"good": "✔", "warn": "▲", "bad": "✖", "unknown": "–", "neutral": "…"}
TONES = {
    c.MET: "good", c.NOT_MET: "bad", c.NO_EVIDENCE: "unknown",
    g.CONTINUE: "good", g.CHANGE: "bad", g.ON_COURSE: "good", g.OFF_COURSE: "warn",
    g.DONE: "good", g.NOT_DONE: "neutral", g.HOLDS: "good", g.BREACHED: "bad",
}
SHORT_REASONS = 3  # on the dashboard; the page lists them all


def health_badge(level: str | None) -> str:
    """'✔ on track' on a solid badge; 'not declared' (dashed) when the document declares none."""
    if level not in LEVELS:
        return '<span class="sd-health sd-health--none"><span aria-hidden="true">–</span> not declared</span>'
    return (f'<span class="sd-health sd-health--{level}"><span aria-hidden="true">{LEVEL_SYMBOLS[level]}</span> '
            f"{LEVEL_WORDS[level]}</span>")


def state_html(state: str, words: str | None = None) -> str:
    """A verdict or a condition's state as a symbol and words, coloured by its tone."""
    tone = TONES.get(state, "unknown")
    return (f'<span class="sd-state sd-state--{tone}"><span aria-hidden="true">{TONE_SYMBOLS[tone]}</span> '
            f"{esc(words if words is not None else state)}</span>")


def doc_link(doc_id: str, context: RenderContext) -> str:
    """A link to a document's page with its title, or its id as code when the site has no such page."""
    graph = context.graph
    doc = graph.index.get(doc_id) if graph else None
    href = context.href(doc_id) if doc is not None else None
    if doc is None or href is None:
        return f"<code>{esc(doc_id)}</code>"
    return f'<a class="sd-ref" href="{esc(href)}" title="{esc(doc_id)}">{esc(doc.title)}</a>'


def metric_link(metric_id: str, context: RenderContext) -> str:
    graph = context.graph
    doc = graph.index.get(metric_id) if graph else None
    if doc is None or doc.kind != "metric":
        return f"<code>{esc(metric_id)}</code>"
    return doc_link(metric_id, context)


def reason_html(reason: Reason, context: RenderContext) -> str:
    """The reason's words (as evaluate wrote them, escaped), with a link to the document behind it."""
    about = f" ({doc_link(reason.about, context)})" if reason.about else ""
    return (f'<li class="sd-reason sd-reason--{esc(reason.level)}">'
            f'<span class="sd-reason-topic">{esc(reason.topic)}</span> {esc(reason.text)}{about}</li>')


def outcome_html(outcome: c.Outcome, evidence: Evidence, context: RenderContext) -> str:
    """One condition: its state, its metric, its threshold, and the readings it was judged on."""
    cond = outcome.condition
    unit = evidence.units.get(cond.metric, "")
    readings = outcome.readings
    if not readings:
        judged = '<span class="sd-missing">no reading</span>'
    elif len(readings) == 1:
        judged = (f"latest {esc(amount_text(readings[0].value, unit))} on "
                  f"<time datetime=\"{readings[0].date.isoformat()}\">{readings[0].date.isoformat()}</time>")
    else:
        values = ", ".join(amount_text(r.value, unit) for r in readings)
        judged = (f"the last {len(readings)} readings, {readings[0].date.isoformat()} to "
                  f"{readings[-1].date.isoformat()}: {esc(values)}")
    return (f'<li class="sd-condition-outcome">{state_html(outcome.state)} {metric_link(cond.metric, context)} '
            f"needs {esc(cond.text(unit))}; {judged}</li>")


def outcomes_html(outcomes: Sequence[c.Outcome], mode: str, evidence: Evidence, context: RenderContext) -> str:
    items = "".join(outcome_html(o, evidence, context) for o in outcomes)
    which = ("" if len(outcomes) < 2 else
             '<p class="sd-rule-mode">All of these must be met:</p>' if mode == "all" else
             '<p class="sd-rule-mode">Any one of these is enough:</p>')
    return f'{which}<ul class="sd-conditions">{items}</ul>'


def gate_verdict_html(gate: g.Gate, context: RenderContext) -> str:
    """'Verdict on 2026-12-07: ✔ continue', or the trajectory before the date, with its days left."""
    if gate.final:
        on = (gate.date or gate.judged_on).isoformat()
        return f'<span class="sd-gate-verdict">Verdict on {on}: {state_html(gate.verdict)}</span>'
    due = (f"the gate is due {gate.date.isoformat()} ({days_phrase(gate.date, context.today)}{context.as_of_note})"
           if gate.date else "the gate has no decision date")
    return (f'<span class="sd-gate-verdict">Trajectory: {state_html(gate.verdict)}</span> '
            f'<span class="sd-gate-when">on the latest readings by {gate.judged_on.isoformat()}; {due}</span>')


def guardrail_state_html(guard: g.Guardrail) -> str:
    words = (f"breached since {guard.since.isoformat()}" if guard.state == g.BREACHED and guard.since
             else guard.state)
    return state_html(guard.state, words)


def review_of(evidence: Evidence | None, doc_id: str | None) -> Any:
    """The document's review (evaluate's Review: cadence, last, source, days, stale, due_days), when known."""
    return evidence.reviews.get(doc_id) if evidence is not None and doc_id else None


def review_html(review: Any) -> str:
    """'Last reviewed 2026-11-16, 7 days ago (from git history); weekly cadence. ✖ review overdue'."""
    last = getattr(review, "last", None)
    days = getattr(review, "days", None)
    cadence = getattr(review, "cadence", None)
    source = {"git": "from git history", "reviewed": "from its reviewed date"}.get(getattr(review, "source", ""), "")
    if isinstance(last, dt.date):
        ago = f", {days} day{'s' if days != 1 else ''} ago" if isinstance(days, int) else ""
        text = f"Last reviewed {last.isoformat()}{ago}" + (f" ({source})" if source else "")
    else:
        text = "Last review not known (no git history of it, no reviewed: date)"
    if cadence:
        text += f"; {cadence} cadence"
    # Overdue is the evidence's call (stale); the days to the next review are not guessed here.
    status = state_html(g.BREACHED, "review overdue") if getattr(review, "stale", False) is True else ""
    return f'<p class="sd-review-state">{esc(text)}{". " + status if status else ""}</p>'


def health_panel(doc: Document, context: RenderContext) -> str:
    """The document's health panel, one HTML block: empty when the evidence has no health for it."""
    evidence = context.evidence
    health = evidence.health.get(doc.id) if evidence is not None and doc.id else None
    if evidence is None or health is None:
        return ""
    parts = [levels_html(health), optimistic_html(health) if health.optimistic else "", reasons_html(health, context)]
    if doc.kind == "alignment-sheet":
        parts.extend([gate_panel(doc, evidence, context), done_panel(doc, evidence, context),
                      guardrail_panel(doc, evidence, context)])
    review = review_of(evidence, doc.id)
    if review is not None:
        parts.append(f'<div class="sd-health-part"><p class="sd-health-part-title">Review</p>{review_html(review)}'
                     "</div>")
    return f'<div class="sd-health-panel">{"".join(parts)}</div>'


def health_section(doc: Document, context: RenderContext) -> list[str]:
    """The page's "Health" section, right after its header; none when the evidence has no health for it."""
    panel = health_panel(doc, context)
    return [section("Health", panel)] if panel else []


def levels_html(health: Health) -> str:
    return ('<div class="sd-health-levels">'
            f'<div class="sd-health-level"><span class="sd-health-label">Declared</span> '
            f"{health_badge(health.declared)}</div>"
            f'<div class="sd-health-level"><span class="sd-health-label">Computed from the evidence</span> '
            f"{health_badge(health.computed)}</div></div>")


def optimistic_html(health: Health) -> str:
    declared = LEVEL_WORDS.get(health.declared or "", "")
    return ('<div class="admonition warning sd-thermocline"><p class="admonition-title">'
            "Declared more optimistic than the evidence</p>"
            f"<p>The team declares <strong>{declared}</strong>; the evidence says "
            f"<strong>{LEVEL_WORDS[health.computed]}</strong>, for the reasons below.</p></div>")


def reasons_html(health: Health, context: RenderContext) -> str:
    if not health.reasons:
        return '<p class="sd-reasons-none">Nothing in the evidence counts against it.</p>'
    ordered = sorted(health.reasons, key=lambda r: -rank(r.level))
    return ('<div class="sd-health-part sd-health-reasons"><p class="sd-health-part-title">Reasons</p>'
            f'<ul class="sd-reasons">{"".join(reason_html(r, context) for r in ordered)}</ul></div>')


def gate_panel(doc: Document, evidence: Evidence, context: RenderContext) -> str:
    gate = evidence.gates.get(doc.id or "")
    if gate is None:
        body = ('<p class="sd-no-rule">No gate rule: add <code>stage_gate.rule</code> to have the gate judged.</p>')
    else:
        body = (f"<p>{gate_verdict_html(gate, context)}</p>"
                + outcomes_html(gate.outcomes, gate.rule.mode, evidence, context))
    return f'<div class="sd-health-part sd-health-gate"><p class="sd-health-part-title">Stage gate</p>{body}</div>'


def done_panel(doc: Document, evidence: Evidence, context: RenderContext) -> str:
    done = evidence.done.get(doc.id or "")
    if done is None:
        return ""
    body = (f"<p>Aim: {state_html(done.verdict)}</p>"
            + outcomes_html(done.outcomes, done.rule.mode, evidence, context))
    return f'<div class="sd-health-part sd-health-done"><p class="sd-health-part-title">Done</p>{body}</div>'


def guardrail_panel(doc: Document, evidence: Evidence, context: RenderContext) -> str:
    guard = evidence.guardrails.get(doc.id or "")
    if guard is None:
        body = ('<p class="sd-no-rule">Not watched: give <code>guardrail</code> a metric and a threshold '
                "(or an OpenSLO file) to have it judged.</p>")
    else:
        slo = doc.get("guardrail", "slo")
        slo_html = f" SLO: {esc(slo)}." if isinstance(slo, str) and slo.strip() else ""
        source = (f' <span class="sd-slo-source">Objectives from <code>{esc(guard.source)}</code>.</span>'
                  if guard.source else "")
        body = (f"<p>{guardrail_state_html(guard)}{slo_html}{source}</p>"
                + outcomes_html(guard.outcomes, "all", evidence, context))
    return f'<div class="sd-health-part sd-health-guardrail"><p class="sd-health-part-title">Guardrail</p>{body}</div>'


# The dashboard: every active aim, what needs attention first.

def attention_key(sheet: Document, evidence: Evidence) -> tuple:
    """Declared more optimistic than the evidence first, then off track, at risk, on track; then by gate date
    (none last), then title."""
    health = evidence.health.get(sheet.id or "")
    optimistic = health is not None and health.optimistic
    computed = rank(health.computed) if health is not None else -1
    gate = evidence.gates.get(sheet.id or "")
    date = gate.date if gate is not None and gate.date else parse_date(sheet.get("stage_gate", "decision_date"))
    return (not optimistic, -computed, date or dt.date.max, sheet.title.casefold(), sheet.id or "")


def attention_rows(sheets: Sequence[Document], context: RenderContext) -> list[str]:
    evidence = context.evidence or Evidence()
    ordered = sorted(sheets, key=lambda sheet: attention_key(sheet, evidence))
    return [attention_row(sheet, evidence, context) for sheet in ordered]


def attention_row(sheet: Document, evidence: Evidence, context: RenderContext) -> str:
    health = evidence.health.get(sheet.id or "")
    none = '<span class="sd-missing">—</span>'
    if health is None:
        declared = computed = reasons = none
        css = "sd-attention"
    else:
        declared, computed = health_badge(health.declared), health_badge(health.computed)
        if health.optimistic:
            computed += '<br><strong class="sd-optimistic">declared more optimistic</strong>'
        reasons = short_reasons(health, sheet, context)
        css = f"sd-attention sd-attention--{health.computed}" + (" sd-attention--optimistic" if health.optimistic
                                                                  else "")
    gate = evidence.gates.get(sheet.id or "")
    if gate is not None:
        when = (gate.date or gate.judged_on).isoformat()
        gate_cell = (f"{state_html(gate.verdict)}<br>"
                     + (f"on {when}" if gate.final else f"due {when}" if gate.date else "no date"))
    else:
        gate_cell = '<span class="sd-no-rule">no rule</span>'
    guard = evidence.guardrails.get(sheet.id or "")
    guard_cell = guardrail_state_html(guard) if guard is not None else '<span class="sd-no-rule">not watched</span>'
    review = review_of(evidence, sheet.id)
    review_cell = review_cell_html(review) if review is not None else "—"
    cells = [doc_link(sheet.id or "", context), declared, computed, reasons, gate_cell, guard_cell, review_cell]
    return f'<tr class="{css}">' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def short_reasons(health: Health, sheet: Document, context: RenderContext) -> str:
    if not health.reasons:
        return "—"
    ordered = sorted(health.reasons, key=lambda r: -rank(r.level))
    items = "".join(reason_html(r, context) for r in ordered[:SHORT_REASONS])
    more = len(ordered) - SHORT_REASONS
    link = context.href(sheet.id or "")
    more_html = (f'<li><a href="{esc(link)}">{more} more on its page</a></li>' if more > 0 and link else "")
    return f'<ul class="sd-reasons sd-reasons--short">{items}{more_html}</ul>'


def review_cell_html(review: Any) -> str:
    days, cadence = getattr(review, "days", None), getattr(review, "cadence", None)
    if not isinstance(days, int):
        return "—"  # not known: no history of it and no reviewed date
    text = f"{days} day{'s' if days != 1 else ''}" + (f" ({cadence})" if cadence else "")
    stale = getattr(review, "stale", False) is True
    return esc(text) + ("<br>" + state_html(g.BREACHED, "overdue") if stale else "")


def attention_table(sheets: Sequence[Document], context: RenderContext) -> str:
    """The health table of the dashboard, with a line counting what needs attention."""
    if not sheets:
        return "<p>No active aims.</p>"
    evidence = context.evidence or Evidence()
    healths = [h for s in sheets if (h := evidence.health.get(s.id or "")) is not None]
    optimistic = sum(h.optimistic for h in healths)
    counts = {level: sum(h.computed == level for h in healths) for level in LEVELS}
    summary = (f'<p class="sd-attention-summary">{len(sheets)} active aim{"s" if len(sheets) != 1 else ""}: '
               f"{optimistic} declared more optimistic than the evidence; computed {counts['off-track']} off track, "
               f"{counts['at-risk']} at risk, {counts['on-track']} on track. What needs attention comes first.</p>")
    head = ("<tr><th>Aim</th><th>Declared</th><th>Computed</th><th>Reasons</th><th>Gate</th><th>Guardrail</th>"
            "<th>Since last review</th></tr>")
    rows = "".join(attention_rows(sheets, context))
    return (f'{summary}<div class="sd-wide sd-attention-table"><table><thead>{head}</thead><tbody>{rows}</tbody>'
            "</table></div>")
