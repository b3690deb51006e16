"""The five dimensions, each read off the history and the health timelines: a figure, a trend and its rows."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..dates import parse_date
from ..document import Document
from ..evaluate.health import LEVELS, OFF_TRACK, ON_TRACK, rank
from ..evaluate.numbers import amount_text, figure
from ..history.replay import History
from .model import COURSE_CORRECTION, INFORMATION_FLOW, PIVOTS, SAFETY, SURPRISE, Dimension, Period, Row, period_of
from .timeline import State, Trigger

SAFETY_TAG = "psychological-safety"
PIVOT_DECISIONS = ("change", "stop")


@dataclass(frozen=True)
class Scope:
    """What every dimension reads: the history, the day it is measured on and its periods."""

    history: History
    today: dt.date
    period: str
    timelines: dict[str, list[State]]
    # Every decision about each document: (the day it first said so, its id, that version), and its last version.
    entered: dict[str, list[tuple[dt.date, str, Document]]] = field(default_factory=dict)
    latest: dict[str, list[tuple[str, Document]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for decision_id, versions in self.history.docs.items():
            first = next(((v.day, v.value) for v in versions
                          if v.value is not None and v.value.kind == "decision"
                          and isinstance(v.value.get("about"), str)), None)
            if first is not None:
                self.entered.setdefault(first[1].get("about"), []).append((first[0], decision_id, first[1]))
            last = versions.last()
            if last is not None and last.kind == "decision" and isinstance(last.get("about"), str):
                self.latest.setdefault(last.get("about"), []).append((decision_id, last))
        for found in self.entered.values():
            found.sort(key=lambda f: (f[0], f[1]))

    def row(self, doc_id: str, day: dt.date, text: str, state: str, days: int | None = None,
            until: dt.date | None = None, commit: str | None = None) -> Row:
        last = self.history.docs[doc_id].last() if doc_id in self.history.docs else None
        title = last.title if last is not None else doc_id
        shown = commit if commit is not None else self.history.commit_of(doc_id, day)
        return Row(doc_id, title, self.history.paths.get(doc_id, ""), day, shown, text, state, days, until)

    def periods(self, rows: Iterable[Row], value: Callable[[list[Row]], float | None],
                fill: float | None = None) -> tuple[Period, ...]:
        """Every period from the history's first day to today, each with value(its rows); fill where it has
        none (0 for counts; None for medians, which have nothing to say)."""
        by_label: dict[str, list[Row]] = {}
        for row in rows:
            by_label.setdefault(period_of(row.day, self.period)[0], []).append(row)
        first = self.history.commits[0].day if self.history.commits else self.today
        first = min([first, *(r.day for rows_ in by_label.values() for r in rows_)])
        out = []
        label, start = period_of(first, self.period)
        while start <= self.today:
            found = by_label.get(label, [])
            out.append(Period(label, start, value(found) if found else fill, len(found)))
            label, start = period_of(_next(start, self.period), self.period)
        return tuple(out)


def _next(start: dt.date, period: str) -> dt.date:
    months = 3 if period == "quarter" else 1
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


def _days_text(value: float | None) -> str:
    return "—" if value is None else f"{figure(float(value))} day{'' if value == 1 else 's'}"


# -- Course-correction speed ---------------------------------------------------------------------------------

def course_correction(scope: Scope, topics: tuple[str, ...]) -> Dimension:
    rows = []
    for doc_id, states in scope.timelines.items():
        decisions = scope.entered.get(doc_id, [])
        for trigger, seen, cleared in _episodes(states):
            if trigger.topic not in topics:
                continue
            rows.append(_answer(scope, doc_id, trigger, seen, cleared, decisions))
    rows.sort(key=lambda r: (r.day, r.doc_id))
    answered = [r.days for r in rows if r.state == "answered" and r.days is not None]
    waiting = [r for r in rows if r.state == "waiting"]
    value = _median(answered)
    parts = [f"median {_days_text(value)} from the evidence to the decision over {len(answered)} answered "
             f"trigger{'' if len(answered) == 1 else 's'}" if answered else "no trigger answered yet"]
    if waiting:
        longest = max(r.days or 0 for r in waiting)
        parts.append(f"{len(waiting)} still waiting, the longest for {_days_text(longest)}")
    cleared_n = sum(1 for r in rows if r.state == "cleared")
    if cleared_n:
        parts.append(f"{cleared_n} cleared by the evidence with no decision")
    return Dimension(
        COURSE_CORRECTION, "Course-correction speed",
        "Days from an evidence trigger to the decision that answers it. A trigger is a stage gate whose rule was "
        "not met on its date, a guardrail breach (from the first failing reading), an assumption found invalid, "
        "a no-go vote, or a pre-mortem risk seen with no mitigation. Its answer is the first decision about the "
        "document that enters the repository after it (for a gate, from the start of its window); an "
        "invalidated assumption is also answered when it names the decision that settles it. The figure is the "
        "median over answered triggers; the ones still waiting are listed with their days so far.",
        "days", "lower", True, value, "; ".join(parts) + ".",
        scope.periods([r for r in rows if r.state == "answered"], lambda rs: _median([r.days or 0 for r in rs])),
        tuple(rows),
        () if rows else ("No trigger in the history: no gate missed, no guardrail breached, nothing observed.",))


def _episodes(states: list[State]) -> Iterable[tuple[Trigger, dt.date, dt.date | None]]:
    """Each trigger once: with the day it was first seen and the day it stopped showing (None: still on)."""
    first: dict[tuple[str, str], tuple[Trigger, dt.date]] = {}
    gone: dict[tuple[str, str], dt.date | None] = {}
    for state in states:
        now = {(t.topic, t.key): t for t in state.triggers} if state.open else {}
        for key, trigger in now.items():
            if key not in first:
                first[key] = (trigger, state.day)
            gone[key] = None
        for key in first:
            if key not in now and gone.get(key) is None:
                gone[key] = state.day
    for key, (trigger, seen) in first.items():
        yield trigger, seen, gone.get(key)


def _answer(scope: Scope, doc_id: str, trigger: Trigger, seen: dt.date, cleared: dt.date | None,
            decisions: list[tuple[dt.date, str, Document]]) -> Row:
    start = trigger.day
    if trigger.topic == "gate":
        weeks = _window_weeks(scope.history.doc_at(doc_id, seen))
        start = trigger.day - dt.timedelta(weeks=weeks)
    answers = [(day, decision_id, doc) for day, decision_id, doc in decisions
               if day >= start and (cleared is None or day <= cleared)]
    if trigger.topic == "assumption" and cleared is not None:
        settled = scope.history.doc_at(trigger.about, cleared)
        if settled is not None and settled.get("decided_by"):
            answers.append((cleared, trigger.about, settled))
            answers.sort(key=lambda a: (a[0], a[1]))
    what = f"{trigger.topic}: {trigger.text}"
    if answers:
        day, decision_id, doc = answers[0]
        days = max(0, (day - trigger.day).days)
        by = "its assumption names the decision" if decision_id == trigger.about and doc.kind != "decision" \
            else f"decision '{doc.title}'"
        return scope.row(doc_id, trigger.day, f"{what} — answered by {by} on {day.isoformat()}", "answered", days,
                         day, scope.history.commit_of(decision_id, day))
    if cleared is not None:
        return scope.row(doc_id, trigger.day, f"{what} — cleared on {cleared.isoformat()} with no decision",
                         "cleared", None, cleared, scope.history.commit_of(doc_id, seen))
    return scope.row(doc_id, trigger.day, f"{what} — no decision yet", "waiting", (scope.today - trigger.day).days,
                     None, scope.history.commit_of(doc_id, seen))


def _window_weeks(doc: Document | None) -> int:
    weeks = doc.get("stage_gate", "window_weeks") if doc is not None else None
    return weeks if isinstance(weeks, int) and not isinstance(weeks, bool) and weeks >= 0 else 2


# -- Information flow ----------------------------------------------------------------------------------------

def information_flow(scope: Scope) -> Dimension:
    rows: list[Row] = []
    for doc_id, states in scope.timelines.items():
        rows.extend(_thermocline(scope, doc_id, states))
    rows.sort(key=lambda r: (r.day, r.doc_id))
    followed = [r.days or 0 for r in rows if r.state == "followed"]
    below = [r for r in rows if r.state == "below"]
    value = _median(followed)
    parts = [f"median {_days_text(value)} before the declared health followed the evidence, over {len(followed)} "
             f"time{'' if len(followed) == 1 else 's'} it fell" if followed else "the declared health never had "
             "to follow the evidence down" if not rows else "the declared health has not yet followed the evidence"]
    if below:
        deepest = max(r.days or 0 for r in below)
        parts.append(f"{len(below)} still declared better than the evidence, the longest for {_days_text(deepest)}")
    recovered = sum(1 for r in rows if r.state == "recovered")
    if recovered:
        parts.append(f"{recovered} where the evidence recovered before the declared health moved")
    return Dimension(
        INFORMATION_FLOW, "Information flow",
        "The depth of the thermocline of truth, in days: from the day the health computed from the evidence fell "
        "below the health the team declared, to the day the declared health followed it down (a commit setting "
        "`health:` to the computed level or worse). The figure is the median over the times it followed; the "
        "documents still declared better than their evidence are listed with their days so far. Documents that "
        "declare no health are not counted.",
        "days", "lower", True, value, "; ".join(parts) + ".",
        scope.periods([r for r in rows if r.state == "followed"], lambda rs: _median([r.days or 0 for r in rs])),
        tuple(rows))


def _thermocline(scope: Scope, doc_id: str, states: list[State]) -> Iterable[Row]:
    """Each time the evidence fell below the declared health, and what ended it."""
    opened: State | None = None  # the day the evidence fell below the declared health
    previous: State | None = None
    for state in states:
        if not state.open or state.declared is None or state.computed is None:
            if opened is not None and not state.open:
                yield scope.row(doc_id, opened.day, f"{_fell(opened)}; closed on {state.day.isoformat()} before the "
                                "declared health followed", "ended", (state.day - opened.day).days, state.day)
                opened = None
            continue
        gap = rank(state.computed) > rank(state.declared)
        if opened is None and gap:
            opened = state
        elif opened is None and previous is not None and previous.declared and previous.computed and \
                rank(state.computed) > rank(previous.computed) and rank(state.declared) > rank(previous.declared):
            # Declared down the same day the evidence fell: the truth travelled at once.
            yield scope.row(doc_id, state.day, f"evidence {state.computed} and declared {state.declared} the same "
                            "day", "followed", 0, state.day, scope.history.commit_of(doc_id, state.day))
        elif opened is not None and not gap:
            days = (state.day - opened.day).days
            assert opened.declared is not None
            if rank(state.declared) > rank(opened.declared):
                yield scope.row(doc_id, opened.day, f"{_fell(opened)}; declared {state.declared} on "
                                f"{state.day.isoformat()}", "followed", days, state.day,
                                scope.history.commit_of(doc_id, state.day))
            else:
                yield scope.row(doc_id, opened.day, f"{_fell(opened)}; the evidence recovered on "
                                f"{state.day.isoformat()} before the declared health moved", "recovered", days,
                                state.day)
            opened = None
        previous = state
    if opened is not None:
        yield scope.row(doc_id, opened.day, f"{_fell(opened)}: still declared better", "below",
                        (scope.today - opened.day).days)


def _fell(state: State) -> str:
    return f"evidence {state.computed} on {state.day.isoformat()} while declared {state.declared}"


# -- Surprise frequency --------------------------------------------------------------------------------------

def surprise(scope: Scope) -> Dimension:
    rows: list[Row] = []
    for doc_id in scope.timelines:
        rows.extend(_falls(scope, doc_id))
    rows.sort(key=lambda r: (r.day, r.doc_id))
    surprises = [r for r in rows if r.state == "surprise"]
    summary = (f"{len(surprises)} of {len(rows)} fall{'' if len(rows) == 1 else 's'} to off-track or stopped came "
               "with no at-risk step before" if rows else "no aim has fallen to off-track or stopped")
    return Dimension(
        SURPRISE, "Surprise frequency",
        "Aims whose declared health went from on-track straight to off-track, or that were stopped while "
        "declared on-track, with no at-risk step between: bad news nobody saw coming. Counted per period; every "
        "fall to off-track or stopped is listed, the ones that had an at-risk step first as 'warned'.",
        "surprises", "lower", True, float(len(surprises)), summary + ".",
        scope.periods(surprises, lambda rs: float(len(rs)), fill=0.0), tuple(rows))


def _falls(scope: Scope, doc_id: str) -> Iterable[Row]:
    declared: str | None = None
    status: str | None = None
    for version in scope.history.docs[doc_id]:
        doc = version.value
        if doc is None:
            continue
        now = doc.get("health") if doc.get("health") in LEVELS else None
        now_status = doc.get("status") if isinstance(doc.get("status"), str) else None
        stopped = now_status == "stopped" and status not in (None, "stopped")
        fell = (now == OFF_TRACK and declared not in (None, OFF_TRACK)) or (stopped and declared != OFF_TRACK)
        if fell:
            what = "stopped" if stopped and now != OFF_TRACK else "off-track"
            state = "surprise" if declared == ON_TRACK else "warned"
            yield scope.row(doc_id, version.day, f"declared {declared or 'no health'} -> {what}", state,
                            commit=version.commit)
        if now is not None:
            declared = now
        if now_status is not None:
            status = now_status


# -- Pivot history -------------------------------------------------------------------------------------------

def pivots(scope: Scope) -> Dimension:
    decisions = []
    for decision_id, versions in scope.history.docs.items():
        doc = versions.last()
        if doc is None or doc.kind != "decision":
            continue
        day = _decided_on(scope.history, decision_id, doc)
        if day is None or day > scope.today:
            continue
        outcome = doc.get("decision")
        if isinstance(outcome, str):
            decisions.append(scope.row(decision_id, day, f"decision: {outcome}" + (
                f" about '{_title(scope.history, doc.get('about'))}'" if doc.get("about") else ""), outcome,
                commit=scope.history.commit_of(decision_id, day) or _first_commit(scope.history, decision_id)))
    gates = list(_gates(scope))
    rows = sorted(decisions + gates, key=lambda r: (r.day, r.doc_id))
    pivot_rows = [r for r in decisions if r.state in PIVOT_DECISIONS]
    decided = [r for r in gates if r.state != "gate: no decision"]
    turned = [r for r in decided if r.state in ("gate: change", "gate: stop")]
    share = 100.0 * len(turned) / len(decided) if decided else None
    changes = sum(1 for r in pivot_rows if r.state == "change")
    summary = (f"{len(pivot_rows)} pivot{'' if len(pivot_rows) == 1 else 's'} ({changes} change, "
               f"{len(pivot_rows) - changes} stop) among {len(decisions)} decisions; "
               + (f"{len(turned)} of {len(decided)} decided gates ended in change or stop ({figure(share or 0)}%)"
                  if decided else "no stage gate decided yet"))
    notes = []
    if len(decided) >= 3 and not turned:
        notes.append(f"Every one of the {len(decided)} decided gates said continue: a warning sign, not a success "
                     "(seed 004: a strategy that never changes course is not reading its evidence).")
    undecided = len(gates) - len(decided)
    if undecided:
        notes.append(f"{undecided} gate{'' if undecided == 1 else 's'} passed with no decision answering "
                     f"{'it' if undecided == 1 else 'them'}.")
    return Dimension(
        PIVOTS, "Pivot history",
        "Change and stop decisions per period, and the share of stage gates that ended in change or stop. A gate "
        "ends in the first decision about its aim dated in its window (from window_weeks before its date) and "
        "before the next gate's window. Every decision is listed with its outcome, and every gate with how it "
        "ended.", "%", "neither", True, share, summary + ".",
        scope.periods(pivot_rows, lambda rs: float(len(rs)), fill=0.0), tuple(rows), tuple(notes))


def _decided_on(history: History, decision_id: str, doc: Document) -> dt.date | None:
    """The decision's own date, else the day it entered the repository."""
    return parse_date(doc.get("date")) or history.first_day(decision_id)


def _first_commit(history: History, doc_id: str) -> str:
    versions = history.docs.get(doc_id)
    return next((v.commit for v in versions if v.value is not None), "") if versions else ""


def _title(history: History, doc_id: object) -> str:
    if not isinstance(doc_id, str):
        return "?"
    versions = history.docs.get(doc_id)
    last = versions.last() if versions else None
    return last.title if last is not None else doc_id


def _gates(scope: Scope) -> Iterable[Row]:
    """Each stage gate a sheet ever set whose date has come, and the decision that ended it."""
    history = scope.history
    for sheet_id, versions in history.docs.items():
        last = versions.last()
        if last is None or last.kind != "alignment-sheet":
            continue
        dates: dict[dt.date, int] = {}
        for version in versions:
            if version.value is not None:
                date = parse_date(version.value.get("stage_gate", "decision_date"))
                if date is not None and date <= scope.today:
                    dates[date] = _window_weeks(version.value)
        if not dates:
            continue
        decisions = sorted((day, decision_id, doc) for decision_id, doc in scope.latest.get(sheet_id, [])
                           if (day := _decided_on(history, decision_id, doc)) is not None and day <= scope.today)
        used: set[str] = set()
        ordered = sorted(dates)
        for n, date in enumerate(ordered):
            start = date - dt.timedelta(weeks=dates[date])
            end = ordered[n + 1] - dt.timedelta(weeks=dates[ordered[n + 1]]) if n + 1 < len(ordered) else None
            answer = next(((day, decision_id, doc) for day, decision_id, doc in decisions
                           if decision_id not in used and day >= start and (end is None or day < end)), None)
            if answer is None:
                yield scope.row(sheet_id, date, f"stage gate of {date.isoformat()}: no decision", "gate: no decision",
                                commit=history.commit_of(sheet_id, date))
                continue
            day, decision_id, doc = answer
            used.add(decision_id)
            outcome = doc.get("decision") if isinstance(doc.get("decision"), str) else "other"
            yield scope.row(sheet_id, date, f"stage gate of {date.isoformat()}: {outcome} ('{doc.title}', "
                            f"{day.isoformat()})", f"gate: {outcome}", until=day,
                            commit=history.commit_of(decision_id, day) or _first_commit(history, decision_id))


# -- Psychological safety ------------------------------------------------------------------------------------

def safety(scope: Scope, survey_metric: str | None) -> Dimension:
    definition = (
        "Read from a team survey, never inferred: the readings of the metric tagged `psychological-safety` (or "
        "named by the `alignment.survey_metric` setting), for example the team's mean score on Edmondson's "
        "seven-item psychological safety scale. The figure is its latest reading; the trend is the mean reading "
        "per period.")
    metric = survey_metric or _tagged(scope)
    if metric is None:
        return Dimension(SAFETY, "Psychological safety", definition, "", "higher", False, None,
                         "Not measured: no metric is tagged psychological-safety. To start, add a metric for a "
                         "team survey (e.g. Edmondson's seven questions, asked each quarter), give it "
                         "`tags: [psychological-safety]`, and keep its readings in the readings folder "
                         "(<metric-id>.csv).")
    doc = scope.history.doc_at(metric, scope.today) or (scope.history.docs[metric].last()
                                                        if metric in scope.history.docs else None)
    unit = doc.get("unit") if doc is not None and isinstance(doc.get("unit"), str) else ""
    better = "lower" if doc is not None and doc.get("direction") == "down" else "higher"
    series = scope.history.series_at(metric, scope.today)
    readings = series.as_of(scope.today) if series is not None else ()
    if not readings:
        return Dimension(SAFETY, "Psychological safety", definition, str(unit), better, False, None,
                         f"Not measured yet: the survey metric '{metric}' has no readings in the history.")
    rows = tuple(Row(metric, doc.title if doc is not None else metric, scope.history.paths.get(metric, ""), r.date,
                     "", f"{amount_text(r.value, str(unit))}" + (f" ({r.note})" if r.note else ""), "reading")
                 for r in readings)
    latest = readings[-1]
    values = {r.date: r.value for r in readings}
    trend = scope.periods(rows, lambda rs: statistics.fmean(values[r.day] for r in rs))
    return Dimension(SAFETY, "Psychological safety", definition, str(unit), better, True, latest.value,
                     f"{amount_text(latest.value, str(unit))} on {latest.date.isoformat()} "
                     f"('{doc.title if doc else metric}', {len(readings)} reading{'' if len(readings) == 1 else 's'}).",
                     trend, rows)


def _tagged(scope: Scope) -> str | None:
    for metric_id, versions in sorted(scope.history.docs.items()):
        doc = versions.at(scope.today) or versions.last()
        tags = doc.get("tags") if doc is not None else None
        if doc is not None and doc.kind == "metric" and isinstance(tags, list) and SAFETY_TAG in tags:
            return metric_id
    return None

