"""`stratdocs review`: the weekly review note as Markdown to paste into a meeting note or a pull request, or JSON."""

from __future__ import annotations

from typing import Any

from ..evaluate.numbers import amount_text
from ..evaluate.review import Review, Signal
from ..readings.csvfile import Reading
from ..render.html import md_comment_text
from ..render.review import VERDICTS


def review_markdown(review: Review) -> str:
    lines = [f"## Weekly review, {review.day.isoformat()}", ""]
    for aim in review.aims:
        lines += [f"### {_md(aim.sheet.title)}", "", "| Signal | Latest | Since last week | Target | To go |",
                  "|---|---|---|---|---|"]
        lines += [_signal_line(s) for s in aim.signals]
        late = [s for s in aim.signals if s.latest is None or s.late_days]
        if late:
            lines += ["", "Late or missing: " + "; ".join(
                f"{_md(s.title)} ({'no reading yet' if s.latest is None else f'late by {s.late_days} days'})"
                for s in late)]
        lines.append("")
    if not review.aims:
        lines += ["No active aims.", ""]
    lines += ["### Gates in the next 14 days", ""]
    lines += [f"- {_md(g.sheet.title)}: {g.date.isoformat()} ({_when(g.days)})" for g in review.gates] or ["- none"]
    lines += ["", "### Decisions in the last 7 days", ""]
    lines += [f"- {_md(d.get('date'))} **{_md(d.get('decision'))}**: {_md(d.title)}" for d in review.decisions] or [
        "- none"]
    return "\n".join(lines) + "\n"


def review_json(review: Review) -> dict[str, Any]:
    return {
        "as_of": review.day.isoformat(),
        "aims": [{"id": aim.sheet.id, "title": aim.sheet.title, "cadence": aim.cadence,
                  "signals": [_signal_json(s) for s in aim.signals]} for aim in review.aims],
        "gates": [{"id": g.sheet.id, "date": g.date.isoformat(), "days": g.days} for g in review.gates],
        "decisions": [{"id": d.id, "date": d.get("date"), "decision": d.get("decision"), "title": d.title}
                      for d in review.decisions],
    }


def _signal_line(s: Signal) -> str:
    latest = f"{_md(amount_text(s.latest.value, s.unit))} ({s.latest.date.isoformat()})" if s.latest else "no reading"
    if s.latest and s.latest.note:
        latest += f": {_md(s.latest.note)}"
    change = VERDICTS[s.since_last_week]
    if s.latest and s.week_before:
        change += f" (from {_md(amount_text(s.week_before.value, s.unit))})"
    target = _md(amount_text(s.target.value, s.unit)) if s.target else "none"
    to_go = "reached" if s.target_reached else _md(amount_text(s.to_target, s.unit)) if s.to_target is not None else "—"
    return f"| {_md(s.title)} | {latest} | {change} | {target} | {to_go} |"


def _signal_json(s: Signal) -> dict[str, Any]:
    return {"metric": s.metric_id, "title": s.title, "unit": s.unit, "direction": s.direction,
            "latest": _reading(s.latest), "week_before": _reading(s.week_before),
            "since_last_week": s.since_last_week,
            "baseline": s.baseline.value if s.baseline else None, "target": s.target.value if s.target else None,
            "to_target": None if s.to_target is None else round(s.to_target, 9),
            "target_reached": s.target_reached, "late_days": s.late_days}


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    return None if reading is None else {"date": reading.date.isoformat(), "value": reading.value,
                                         "note": reading.note}


def _when(days: int) -> str:
    return f"overdue by {-days} days" if days < 0 else "today" if days == 0 else f"in {days} days"


def _md(text: object) -> str:
    return md_comment_text(text)  # escapes '|' too: inert in a table cell
