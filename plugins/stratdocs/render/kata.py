"""The improvement kata page: challenge, conditions, obstacles, experiments and coaching questions."""

from __future__ import annotations

from ..dates import parse_date
from ..document import Document
from .alignment_sheet import quantity
from .common import days_phrase, header, ref_html, refs_html, section
from .context import RenderContext
from .health import health_section
from .html import esc, or_missing

COACHING_QUESTIONS = (
    ("target_condition", "What is the target condition?"),
    ("actual_condition", "What is the actual condition now?"),
    ("obstacles", ("What obstacles do you think are preventing you from reaching the target condition? "
                   "Which one are you addressing now?")),
    ("next_step", "What is your next step?"),
    ("expected", "What do you expect?"),
    ("go_and_see", "When can we go and see what we have learned from taking that step?"),
)


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Learner", or_missing(_text(doc.get("learner")))), ("Coach", or_missing(_text(doc.get("coach"))))]
    if doc.get("date") is not None:
        extra.append(("Updated", esc(doc.get("date"))))
    serves = refs_html(doc.get("serves"), context)
    if serves:
        extra.append(("Serves", serves))
    parts = [header(doc, "Improvement kata", extra), *health_section(doc, context)]
    parts.append(section("Challenge", f'<p class="sd-challenge">{or_missing(_text(doc.get("challenge")))}</p>'))
    parts.append(section("Current condition", condition_html(doc.get("current_condition"), "current", context)))
    parts.append(section("Target condition", condition_html(doc.get("target_condition"), "target", context)))
    parts.append(section("Obstacles", obstacles_html(doc.get("obstacles"))))
    parts.append(section("Experiments", experiments_table(doc.get("experiments"))))
    parts.append(section("Coaching questions", coaching_html(doc.get("coaching"))))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def condition_html(condition, which: str, context: RenderContext) -> str:
    condition = condition if isinstance(condition, dict) else {}
    metric = condition.get("metric")
    metric_html = ref_html(metric, context)
    value = condition.get("value")
    value_html = quantity(value, condition.get("unit")) if value is not None else or_missing(None)
    date_text = condition.get("date")
    date = parse_date(date_text)
    if date and which == "target":
        when = f"{esc(date_text)} ({days_phrase(date, context.today)}{context.as_of_note})"
    else:
        when = or_missing(_text(date_text))
    label = "By" if which == "target" else "As of"
    return (f'<div class="sd-condition sd-condition--{which}">'
            f'<p class="sd-condition-summary">{or_missing(_text(condition.get("summary")))}</p>'
            f"<p><strong>Metric:</strong> {metric_html} — <strong>Value:</strong> "
            f'<span class="sd-condition-value">{value_html}</span> — '
            f'<strong>{label}:</strong> <span class="sd-condition-date">{when}</span></p></div>')


def obstacles_html(obstacles) -> str:
    if not isinstance(obstacles, list) or not obstacles:
        return '<p class="sd-missing">No obstacles named.</p>'
    items = []
    for obstacle in obstacles:
        if isinstance(obstacle, dict):
            now = obstacle.get("working_on") is True
            text = or_missing(_text(obstacle.get("obstacle")))
            css = ' class="sd-working-on"' if now else ""
            flag = " <strong>(working on this now)</strong>" if now else ""
            items.append(f"<li{css}>{text}{flag}</li>")
        else:
            items.append(f"<li>{or_missing(_text(obstacle))}</li>")
    return f'<ul class="sd-obstacles">{"".join(items)}</ul>'


def experiments_table(experiments) -> str:
    if not isinstance(experiments, list) or not experiments:
        return '<p class="sd-missing">No experiments yet.</p>'
    rows = []
    for number, entry in enumerate(experiments, 1):
        experiment = entry if isinstance(entry, dict) else {}
        cells = [str(number), or_missing(_text(experiment.get("step"))), esc(_text(experiment.get("date")) or "—"),
                 or_missing(_text(experiment.get("expected"))), esc(_text(experiment.get("actual")) or "—"),
                 esc(_text(experiment.get("learned")) or "—")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = ("<tr><th>#</th><th>Step</th><th>Date</th><th>Expected</th><th>Actual</th>"
            "<th>Learned</th></tr>")
    return f'<div class="sd-experiments"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def coaching_html(coaching) -> str:
    coaching = coaching if isinstance(coaching, dict) else {}
    items = "".join(f"<dt>{esc(question)}</dt><dd>{or_missing(_text(coaching.get(key)))}</dd>"
                    for key, question in COACHING_QUESTIONS)
    return f'<dl class="sd-coaching">{items}</dl>'
