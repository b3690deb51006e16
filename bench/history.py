"""The Alignment Index bench: a strategy project in a two-year git history, replayed by `stratdocs index`.

Makes, in a temporary folder, a git repository holding 2,000 documents of every kind the index reads (alignment
sheets with declared health, gate dates and rules on metrics, guardrails; decisions about them; assumptions;
pre-mortems; go/no-go reviews; 150 metrics with weekly readings in readings/) and a history of exactly 1,000
commits over two years, written by one `git fast-import`: the first commits add the documents, then about 80% of
commits edit one to three documents (health declared, a decision taken, a gate date moved, an assumption tested, a
risk observed, a go/no-go verdict) and about 20% append the weeks since their last reading to ten metrics' files.
Everything comes from a fixed seed and fixed dates: the same repository, commit ids included, on every run.

Prints the time of `stratdocs index --format json`, cold and cached (and in process: the history replay alone, the
whole computation and its steps), and what the alignment page adds to `mkdocs build`: no history at all
(STRATDOCS_NO_GIT=1), history without the page (the site's own alignment/index.md), the page from a cold cache and
from a warm one (nothing committed since). Asserts nothing.

Run with `make bench`, or alone: `.venv/bin/python bench/history.py`. BENCH_ALIGNMENT=2000+1000 (documents +
commits; empty: skipped), BENCH_ALIGNMENT_ROUNDS=3 (runs of each, median), BENCH_ALIGNMENT_BUILD=0 (no builds),
BENCH_ALIGNMENT_KEEP=folder (make the project there and keep it, e.g. to time it by hand).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import BIN, ENV, MKDOCS_YML, REPO, timed

sys.path.insert(0, str(REPO / "plugins"))

AS_OF = dt.date(2026, 11, 23)
START = dt.datetime(2024, 11, 25, 9, tzinfo=dt.UTC)  # a Monday; the last commit is two years on
END = dt.datetime(2026, 11, 20, 17, tzinfo=dt.UTC)
READINGS_FROM = dt.date(2023, 11, 27)  # a year of weekly readings before the history starts
SEED = 12
OWNERS = ["Priya Shah", "Sam Ortiz", "Mei Lin", "Ana Costa", "Dev Patel", "Tom Reid", "Lena Vogel", "Omar Haddad",
          "Ines Duarte", "Kofi Mensah", "Ruth Adler", "Yuki Sato"]
HEALTH = ("on-track", "at-risk", "off-track")
LEVERS = ("a save-and-resume link", "a shorter first page", "text updates at each step", "a photo upload for payslips",
          "a status page", "plain-language questions", "a callback booking", "pre-filled bank details")


# What each kind says, as written (front matter only, plus a line of body): the state lives in dicts, edited by
# the history, and each version is written again from them.

def sheet_text(s: dict[str, Any]) -> str:
    n, m = s["n"], s["trio"]
    serves = f"serves: [aim-{s['serves']}]\n" if s["serves"] is not None else ""
    reviewed = f"reviewed: {s['reviewed']}\n" if s["reviewed"] else ""
    return f"""---
kind: alignment-sheet
id: aim-{n}
title: Aim {n} - cohort {n} finishes the claim online
status: {s['status']}
health: {s['health']}
owner: {s['owner']}
tags: [team-{n // 40:02d}]
{serves}aim:
  statement: More claimants in cohort {n} finish their claim online without help
  definition_of_done: 70% of claims in cohort {n} submitted online for 4 weeks
  done_rule: {{metric: outcome-{m}, at_least: 70, for_last: 4}}
mechanism:
  lever: {s['lever']} for cohort {n}
  target: the completion rate of cohort {n}
  reason: claimants in cohort {n} abandon when they need a document they do not have to hand
feedback:
  - {{type: proxy, metric: proxy-{m}, baseline: 0, target: 25, unit: "%"}}
  - {{type: leading, metric: leading-{n % 2}, baseline: 1800, target: 1400}}
  - {{type: outcome, metric: outcome-{m}, baseline: 34, target: 70, unit: "%"}}
stage_gate:
  continue_if: proxy {m} reaches 20% by the decision date
  decision_date: {s['gate']}
  window_weeks: 2
  rule:
    metric: proxy-{m}
    at_least: 20
guardrail:
  sli: availability of form {n}
  slo: ">= 99.5% over 28 days"
  metric: guard-{m}
  at_least: 99.5
cadence:
  review: {('weekly', 'fortnightly', 'monthly')[n % 3]}
  minutes: 15
  day: Tuesday
{reviewed}---

Notes for aim {n}, revision {s['revision']}.
"""


def decision_text(d: dict[str, Any]) -> str:
    supersedes = f"supersedes: decision-{d['supersedes']}\n" if d["supersedes"] is not None else ""
    return f"""---
kind: decision
id: decision-{d['i']}
title: {d['decision'].capitalize()} aim {d['about']}
status: {d['status']}
owner: {d['owner']}
date: {d['date']}
decision: {d['decision']}
summary: {d['decision'].capitalize()} the work on aim {d['about']} after the review of {d['date']}
about: aim-{d['about']}
rationale: {d['rationale']}
deciders: [{d['owner']}, {OWNERS[(d['i'] + 5) % len(OWNERS)]}]
{supersedes}---
"""


def assumption_text(a: dict[str, Any]) -> str:
    evidence = f"evidence: {a['evidence']}\n" if a["evidence"] else ""
    decided = f"decided_by: decision-{a['decided_by']}\n" if a["decided_by"] is not None else ""
    return f"""---
kind: assumption
id: assumption-{a['i']}
title: Claimants in cohort {a['aim']} behave as assumption {a['i']} says
status: active
owner: {a['owner']}
assumption: Claimants in cohort {a['aim']} would come back to a half-finished claim if reminded ({a['i']})
underpins: [aim-{a['aim']}]
milestone: Validate the solution approach
test_method: prototype test with 8 recent claimants, then a two-week pilot
date: {a['date']}
result: {a['result']}
{evidence}{decided}---
"""


def premortem_text(p: dict[str, Any]) -> str:
    items = []
    for k, observed in enumerate(p["observed"]):
        items.append(f"""  - risk: Risk {k + 1} to aim {p['aim']} - claimants never see the reminder ({p['i']})
    likelihood: {('low', 'medium', 'high')[(p['i'] + k) % 3]}
    impact: {('high', 'medium', 'high')[k]}
    early_warning_sign: Open rate of reminders below {30 + 5 * k}% in the first week
    mitigation: Send from the verified domain and test with the big webmail providers
""" + (f"    observed: {observed}\n" if observed else ""))
    return f"""---
kind: premortem
id: premortem-{p['i']}
title: Pre-mortem for aim {p['aim']}
status: active
owner: {p['owner']}
date: {p['date']}
threatens: aim-{p['aim']}
items:
{''.join(items)}---
"""


def review_text(r: dict[str, Any]) -> str:
    votes = "".join(f"  - {{role: {role}, voter: {OWNERS[(r['i'] + k) % len(OWNERS)]}, vote: {vote}, "
                    f"reason: the {role} evidence from round {r['round']}}}\n"
                    for k, (role, vote) in enumerate(zip(("UX", "technical", "security", "support"), r["votes"],
                                                         strict=True)))
    return f"""---
kind: go-no-go
id: review-{r['i']}
title: Go/no-go {r['round']} for aim {r['aim']}
status: active
owner: {r['owner']}
serves: [aim-{r['aim']}]
milestone: Widen the pilot of aim {r['aim']}, round {r['round']}
date: {r['date']}
verdict: {r['verdict']}
votes:
{votes}---
"""


def metric_text(name: str, kind: str, unit: str, direction: str, tags: str = "") -> str:
    return f"""---
kind: metric
id: {name}
title: Metric {name}
status: active
owner: Bench
{tags}type: {kind}
definition: The {name} of the bench corpus, read weekly
unit: "{unit}"
direction: {direction}
source: the weekly report
---
"""


def reading(name: str, index: int, week: int) -> str:
    """A metric's value in week `week` (counted from READINGS_FROM): a pure function, so appends agree."""
    wobble = ((week * 7919 + index * 104729) % 97) / 97
    family = name.split("-")[0]
    if family == "proxy":  # around the gates' 20: met some weeks, missed others
        value = 12 + 10 * (1 + math.sin(week / 9 + index)) / 2 + 4 * wobble
    elif family == "outcome":
        value = 30 + 40 * min(1.0, week / 140) + 8 * wobble
    elif family == "guard":  # breaches 99.5 about a week in four
        value = 99.3 + ((week * 13 + index * 7) % 8) / 10
    elif family == "leading":
        value = 1800 - 3 * week + 100 * wobble
    else:  # the psychological-safety survey, out of 5
        value = 3.2 + 1.1 * wobble
    return f"{READINGS_FROM + dt.timedelta(weeks=week)},{round(value, 1)}\n"


@dataclass
class Project:
    docs: int
    commits: int
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    files: dict[str, str] = field(default_factory=dict)
    sheets: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    assumptions: list[dict[str, Any]] = field(default_factory=list)
    premortems: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    last_week: dict[str, int] = field(default_factory=dict)  # metric -> the week of its last reading
    latest_decision: dict[int, int] = field(default_factory=dict)  # aim -> its newest decision
    stream: list[bytes] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def sizes(self) -> dict[str, int]:
        """How many of each kind: a fixed share of the documents, sheets the rest (the total is exact)."""
        d = self.docs
        sizes = {"metric": 150 * d // 2000, "decision": 550 * d // 2000, "assumption": 250 * d // 2000,
                 "premortem": 150 * d // 2000, "go-no-go": 100 * d // 2000}
        sizes["alignment-sheet"] = d - sum(sizes.values())
        return sizes


def _path(kind: str, state: dict[str, Any]) -> str:
    if kind == "sheet":
        return f"strategy/aims/team-{state['n'] // 40:02d}/aim-{state['n']}.md"
    if kind == "decision":
        return f"strategy/decisions/{state['first_date']}-decision-{state['i']}.md"
    folder = {"assumption": "assumptions", "premortem": "risks", "review": "reviews"}[kind]
    return f"strategy/{folder}/{kind}-{state['i']}.md"


WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "sheet": sheet_text, "decision": decision_text, "assumption": assumption_text, "premortem": premortem_text,
    "review": review_text}


def make_history_project(root: Path, docs: int = 2000, commits: int = 1000) -> dict[str, int]:
    """The repository in root (a new folder): returns how many documents of each kind, edits and readings rows."""
    p = Project(docs, commits)
    rng = p.rng
    sizes = p.sizes()
    trios = (sizes["metric"] - 3) // 3  # proxy, outcome and guard per trio; two leading metrics and the survey
    times = _commit_times(rng, commits)
    new_decisions = min(sizes["decision"] * 2 // 5, commits // 4)  # taken during the history; the rest before it
    before = START.date()

    # Commit 0: the metrics, a year of readings, the settings.
    changes: dict[str, str] = {}
    for m in range(trios):
        for family, unit, direction in (("proxy", "%", "up"), ("outcome", "%", "up"), ("guard", "%", "up")):
            p.metrics.append(name := f"{family}-{m}")
            kind = {"proxy": "proxy", "outcome": "outcome", "guard": "leading"}[family]
            changes[f"strategy/metrics/{name}.md"] = metric_text(name, kind, unit, direction)
    for k in range(2):
        p.metrics.append(name := f"leading-{k}")
        changes[f"strategy/metrics/{name}.md"] = metric_text(name, "leading", "calls a week", "down")
    p.metrics.append("safety-survey")
    changes["strategy/metrics/safety-survey.md"] = metric_text(
        "safety-survey", "leading", "points", "up", "tags: [psychological-safety]\n")
    first_weeks = (before - READINGS_FROM).days // 7
    for index, name in enumerate(p.metrics):
        changes[f"readings/{name}.csv"] = "date,value\n" + "".join(reading(name, index, w) for w in range(first_weeks))
        p.last_week[name] = first_weeks - 1
    changes["strategy/index.md"] = "# Claims online\n\nThe strategy of the claims service.\n"
    changes["mkdocs.yml"] = MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n")
    changes["pyproject.toml"] = f"[tool.stratdocs]\nas_of = {AS_OF}\n"
    _commit(p, times[0], OWNERS[0], "Metrics, their readings since November 2023, the settings", changes)

    # Commit 1: the alignment sheets; commit 2: assumptions, pre-mortems, reviews; commit 3: past decisions.
    span = (END.date() - before).days
    for n in range(sizes["alignment-sheet"]):
        lead = n // 40 * 40
        p.sheets.append({"n": n, "trio": n % trios, "status": "active", "owner": OWNERS[n % len(OWNERS)],
                         "health": rng.choices(HEALTH, (8, 2, 1))[0], "lever": LEVERS[n % len(LEVERS)],
                         "gate": before + dt.timedelta(days=28 + rng.randrange(span)), "serves": lead if lead != n
                         else None, "reviewed": None, "revision": 0})
    _commit(p, times[1], OWNERS[1], "The alignment sheets", {_path("sheet", s): sheet_text(s) for s in p.sheets})
    aims = len(p.sheets)
    for i in range(sizes["assumption"]):
        p.assumptions.append({"i": i, "aim": i * 3 % aims, "owner": OWNERS[i % len(OWNERS)],
                              "date": before + dt.timedelta(days=rng.randrange(14, 120)),
                              "result": "validated" if i % 5 == 0 else "untested", "evidence": None,
                              "decided_by": None})
    for i in range(sizes["premortem"]):
        p.premortems.append({"i": i, "aim": i * 5 % aims, "owner": OWNERS[i % len(OWNERS)],
                             "date": before - dt.timedelta(days=rng.randrange(1, 60)), "observed": [None] * 3})
    for i in range(sizes["go-no-go"]):
        p.reviews.append({"i": i, "aim": i * 8 % aims, "owner": OWNERS[i % len(OWNERS)], "round": 1,
                          "date": before + dt.timedelta(days=rng.randrange(7, 90)), "verdict": "pending",
                          "votes": ["pending"] * 4})
    changes = {_path("assumption", a): assumption_text(a) for a in p.assumptions}
    changes.update({_path("premortem", r): premortem_text(r) for r in p.premortems})
    changes.update({_path("review", r): review_text(r) for r in p.reviews})
    _commit(p, times[2], OWNERS[2], "Assumptions, pre-mortems and go/no-go reviews", changes)
    changes = {}
    for i in range(sizes["decision"] - new_decisions):
        day = before - dt.timedelta(days=(sizes["decision"] - new_decisions - i) * 300 // sizes["decision"] + 1)
        changes.update(_decide(p, i * 7 % aims, "continue", day))
    _commit(p, times[3], OWNERS[3], "Decisions taken before the strategy moved here", changes)

    # The rest: edits (about 80%) and readings (about 20%), one kind per commit.
    p.counts.clear()
    rest = list(range(4, commits))
    readings_commits = set(rng.sample(rest, len(rest) // 5))
    edits = [k for k in rest if k not in readings_commits]
    decision_commits = set(rng.sample(edits, min(new_decisions, len(edits))))
    group = 0
    for k in rest:
        day = times[k].date()
        if k in readings_commits:
            changes = {}
            for index in range(group % 15, len(p.metrics), 15):
                name = p.metrics[index]
                weeks = range(p.last_week[name] + 1, (day - READINGS_FROM).days // 7 + 1)
                if weeks:
                    changes[f"readings/{name}.csv"] = p.files[f"readings/{name}.csv"] + "".join(
                        reading(name, index, w) for w in weeks)
                    p.last_week[name] = weeks[-1]
                    p.counts["readings rows"] = p.counts.get("readings rows", 0) + len(weeks)
            group += 1
            _commit(p, times[k], "Readings Bot", f"Weekly readings ({len(changes)} metrics)", changes or {
                "readings/safety-survey.csv": p.files["readings/safety-survey.csv"]})
            continue
        changes, said = {}, []
        actions = rng.choices((1, 2, 3), (50, 35, 15))[0]
        if k in decision_commits:
            said.append(_new_decision(p, day, changes))
            actions -= 1
        for _ in range(actions):
            action = rng.choices(("health", "gate", "assumption", "risk", "review"), (30, 20, 20, 15, 15))[0]
            said.append(ACTIONS[action](p, day, changes))
        _commit(p, times[k], OWNERS[k % len(OWNERS)], "; ".join(said), changes)

    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(p.stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    documents = sum(1 for name in p.files if name.startswith("strategy/") and name != "strategy/index.md")
    return {"documents": documents, **sizes, "commits": commits, "readings commits": len(readings_commits),
            "edit commits": len(edits), **p.counts}


def _commit_times(rng: random.Random, commits: int) -> list[dt.datetime]:
    """Evenly spread from START to END, each moved up to 8 working hours: still in order."""
    step = (END - START) / max(1, commits - 1)
    return [START + step * k + dt.timedelta(minutes=rng.randrange(0, 8 * 60)) * (0 < k < commits - 1)
            for k in range(commits)]


def _commit(p: Project, when: dt.datetime, who: str, message: str, changes: dict[str, str]) -> None:
    stamp = int(when.timestamp())
    email = who.lower().replace(" ", ".") + "@example.org"
    text = message.encode()
    p.stream.append(b"commit refs/heads/main\n")
    p.stream.append(f"author {who} <{email}> {stamp} +0000\ncommitter {who} <{email}> {stamp} +0000\n".encode())
    p.stream.append(b"data %d\n%s\n" % (len(text), text))
    for name, content in changes.items():
        data = content.encode()
        p.stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))
    p.files.update(changes)


def _write(p: Project, kind: str, state: dict[str, Any], changes: dict[str, str]) -> None:
    changes[_path(kind, state)] = WRITERS[kind](state)
    p.counts[f"{kind} edits"] = p.counts.get(f"{kind} edits", 0) + 1


def _decide(p: Project, aim: int, decision: str, day: dt.date) -> dict[str, str]:
    """A decision about the aim, superseding its last one (which is written again, superseded)."""
    changes: dict[str, str] = {}
    previous = p.latest_decision.get(aim)
    if previous is not None:
        p.decisions[previous]["status"] = "superseded"
        _write(p, "decision", p.decisions[previous], changes)
    i = len(p.decisions)
    rationale = {"continue": "the proxy is on course and the guardrail holds",
                 "change": "the gate was missed, and the lever does not move the proxy enough",
                 "stop": "two gates missed and an assumption invalidated, so the aim is not worth the cost"}[decision]
    p.decisions.append(state := {"i": i, "about": aim, "decision": decision, "date": day, "first_date": day,
                                 "status": "active", "owner": OWNERS[i % len(OWNERS)], "rationale": rationale,
                                 "supersedes": previous})
    p.latest_decision[aim] = i
    _write(p, "decision", state, changes)
    return changes


def _active_sheet(p: Project) -> dict[str, Any]:
    while (sheet := p.rng.choice(p.sheets))["status"] != "active":
        pass
    return sheet


def _new_decision(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    """A decision, and what it changes on the sheet: the lever and the gate, or the status."""
    sheet = _active_sheet(p)
    decision = p.rng.choices(("continue", "change", "stop"), (45, 40, 15))[0]
    changes.update(_decide(p, sheet["n"], decision, day))
    if decision == "change":
        sheet["lever"] = LEVERS[(LEVERS.index(sheet["lever"]) + 1) % len(LEVERS)]
        sheet["gate"] = max(sheet["gate"], day) + dt.timedelta(weeks=6)
        sheet["health"] = "at-risk"
    elif decision == "stop":
        sheet["status"] = "stopped"
    else:
        sheet["health"] = "on-track"
    sheet["revision"] += 1
    _write(p, "sheet", sheet, changes)
    return f"aim-{sheet['n']}: {decision} (decision-{len(p.decisions) - 1})"


def _health(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    sheet = _active_sheet(p)
    sheet["health"] = p.rng.choice([h for h in HEALTH if h != sheet["health"]])
    sheet["reviewed"] = day
    sheet["revision"] += 1
    _write(p, "sheet", sheet, changes)
    return f"aim-{sheet['n']}: declared {sheet['health']}"


def _gate(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    sheet = _active_sheet(p)
    sheet["gate"] = max(sheet["gate"], day) + dt.timedelta(days=p.rng.randrange(14, 43))
    sheet["revision"] += 1
    _write(p, "sheet", sheet, changes)
    return f"aim-{sheet['n']}: gate moved to {sheet['gate']}"


def _assumption(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    untested = [a for a in p.assumptions if a["result"] == "untested"]
    a = p.rng.choice(untested or p.assumptions)
    a["result"] = p.rng.choices(("invalidated", "validated"), (3, 2))[0] if untested else "untested"
    a["date"] = day
    a["evidence"] = f"pilot readout of {day}" if a["result"] != "untested" else None
    decision = p.latest_decision.get(a["aim"])
    a["decided_by"] = decision if a["result"] == "invalidated" and decision is not None and p.rng.random() < .5 \
        else None
    _write(p, "assumption", a, changes)
    return f"assumption-{a['i']}: {a['result']}"


def _risk(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    r = p.rng.choice(p.premortems)
    open_items = [k for k, seen in enumerate(r["observed"]) if seen is None]
    if open_items:
        k = p.rng.choice(open_items)
        r["observed"][k] = day - dt.timedelta(days=p.rng.randrange(0, 7))
        said = f"premortem-{r['i']}: risk {k + 1} observed"
    else:
        r["observed"] = [None] * 3
        r["date"] = day
        said = f"premortem-{r['i']}: held again"
    _write(p, "premortem", r, changes)
    return said


def _review(p: Project, day: dt.date, changes: dict[str, str]) -> str:
    r = p.rng.choice(p.reviews)
    if r["verdict"] == "pending":
        r["votes"] = p.rng.choices(("go", "no-go"), (4, 1), k=4)
        r["verdict"] = "no-go" if "no-go" in r["votes"] else "go"
    else:
        r["round"] += 1
        r["votes"] = ["pending"] * 4
        r["verdict"] = "pending"
    r["date"] = day
    _write(p, "review", r, changes)
    return f"review-{r['i']}: {r['verdict']}"


ACTIONS: dict[str, Callable[[Project, dt.date, dict[str, str]], str]] = {
    "health": _health, "gate": _gate, "assumption": _assumption, "risk": _risk, "review": _review}


# Figures.

def median_of(rounds: int, func: Callable[[], object]) -> tuple[float, float, float]:
    """Median, min and max wall seconds of `rounds` runs."""
    times = [timed(func) for _ in range(rounds)]
    return statistics.median(times), min(times), max(times)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, cwd=cwd, env=env or ENV, check=False, capture_output=True)


def _row(label: str, figure: tuple[float, float, float], note: str = "") -> str:
    med, low, high = figure
    return f"  {label:44s}{med:8.3f} s   (min {low:.3f}, max {high:.3f}){'   ' + note if note else ''}"


def alignment_figures(docs: int, commits: int, rounds: int, builds: bool, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp) / "project"
        if root.exists():
            shutil.rmtree(root)
        started = time.perf_counter()
        made = make_history_project(root, docs, commits)
        made_in = time.perf_counter() - started
        head = _run(["git", "rev-parse", "--short", "HEAD"], root).stdout.decode().strip()
        print(f"alignment index: {made['documents']:,} documents, {commits:,} commits from {START.date()} to "
              f"{END.date()} (made in {made_in:.1f} s, HEAD {head}; median of {rounds}, wall seconds):")
        print("  " + ", ".join(f"{v:,} {k}" for k, v in made.items() if k not in ("documents", "commits")))
        _lint_summary(root)
        _index_figures(root, rounds)
        if builds:
            _build_figures(root, rounds)


def _lint_summary(root: Path) -> None:
    out = _run([str(BIN / "stratdocs"), "lint", "--format", "json", "strategy"], root)
    try:
        findings = json.loads(out.stdout)
    except ValueError:
        print(f"  lint: no JSON (exit {out.returncode}): {out.stderr.decode()[-300:]}")
        return
    findings = findings.get("findings", findings) if isinstance(findings, dict) else findings
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.get("code", "?")] = by_code.get(f.get("code", "?"), 0) + 1
    schema = sum(n for code, n in by_code.items() if code.startswith("SD0"))
    top = ", ".join(f"{code} {n}" for code, n in sorted(by_code.items(), key=lambda c: -c[1])[:6])
    print(f"  `stratdocs lint` of the last commit: {len(findings)} findings, {schema} schema (SD0xx); {top}")


def _index_figures(root: Path, rounds: int) -> None:
    from stratdocs.config import load_config
    from stratdocs.history.replay import read_history

    config = load_config(root, None, ())
    docs_dir = root / "strategy"
    history = read_history(docs_dir, config.readings_dir, by=config.today)
    versions = sum(len(v) for v in history.docs.values())
    series = sum(len(v) for v in history.readings.values())
    print(f"  history: {len(history.commits)} commits, {versions:,} document versions of {len(history.docs):,} "
          f"documents, {series:,} readings versions of {len(history.readings)} metrics")
    print(_row("replay alone (read_history, in process)",
               median_of(rounds, lambda: read_history(docs_dir, config.readings_dir, by=config.today))))
    try:
        from stratdocs.alignment.compute import alignment_index
    except ImportError:
        print("  alignment_index: not in this branch yet (stratdocs/alignment/compute.py)")
        return
    print(_row("alignment_index, in process, no cache", median_of(rounds, lambda: alignment_index(docs_dir, config))))
    stages = _stage_times(docs_dir, config)
    print("    of which, one run: " + ", ".join(f"{label} {t:.2f} s" for label, t in stages.items()))
    cli = [str(BIN / "stratdocs"), "index", "--format", "json", "strategy"]
    cache = root / ".cache"  # where the CLI caches the index, keyed by HEAD

    def cold() -> subprocess.CompletedProcess[bytes]:
        shutil.rmtree(cache, ignore_errors=True)
        return _run(cli, root)
    first = cold()
    if first.returncode != 0:
        print(f"  `stratdocs index`: exit {first.returncode}: {first.stderr.decode()[-300:]}")
        return
    print(_row("cold `stratdocs index --format json` (CLI)", median_of(rounds, cold),
               f"{len(first.stdout):,} bytes of JSON"))
    print(_row("warm: again, nothing committed (cached)", median_of(rounds, lambda: _run(cli, root))))


def _stage_times(docs_dir: Path, config: Any) -> dict[str, float]:
    """One alignment_index with its steps timed: the replay, each sheet's health day by day, each dimension
    (whichever of these compute.py still calls by these names)."""
    from stratdocs.alignment import compute

    spent: dict[str, float] = {}
    targets: list[tuple[Any, str, str]] = [(compute, "read_history", "replay"), (compute, "timelines", "timelines")]
    dimensions = getattr(compute, "d", None)
    targets += [(dimensions, name, name) for name in ("course_correction", "information_flow", "surprise", "pivots",
                                                       "safety")]
    saved = [(module, name, getattr(module, name)) for module, name, _ in targets if hasattr(module, name)]
    for (module, name, func), label in zip(saved, [t[2] for t in targets if hasattr(t[0], t[1])], strict=True):
        def wrapper(*args: Any, _func: Any = func, _label: str = label, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _func(*args, **kwargs)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - start
        setattr(module, name, wrapper)
    try:
        total = timed(lambda: compute.alignment_index(docs_dir, config))
    finally:
        for module, name, func in saved:
            setattr(module, name, func)
    return {**spent, "total": total}


def _build_figures(root: Path, rounds: int) -> None:
    """Interleaved rounds: no history at all; history but the site's own alignment/index.md (no page generated, no
    replay); the alignment page from a cold cache; the same build again, nothing committed (warm cache)."""
    build = [str(BIN / "mkdocs"), "build", "-q"]
    cache, own = root / ".cache", root / "strategy" / "alignment" / "index.md"
    variants = {"no history (STRATDOCS_NO_GIT=1)": dict(ENV, STRATDOCS_NO_GIT="1"),
                "history, own alignment/index.md (no page)": ENV,
                "history, alignment page, cold cache": ENV, "history, alignment page, warm cache": ENV}
    times: dict[str, list[float]] = {label: [] for label in variants}
    written = False
    for _ in range(rounds):
        for label, env in variants.items():
            if "cold" in label:
                shutil.rmtree(cache, ignore_errors=True)
            if "own" in label:
                own.parent.mkdir(exist_ok=True)
                own.write_text("# Alignment\n\nOur own page.\n", encoding="utf-8")
            start = time.perf_counter()
            done = _run(build, root, env)
            times[label].append(time.perf_counter() - start)
            if "own" in label:
                shutil.rmtree(own.parent)
            if done.returncode != 0:
                print(f"  {label}: exit {done.returncode}: {done.stderr.decode()[-300:]}")
            if "warm" in label:
                written = b"ourse-correction speed" in (root / "site" / "alignment" / "index.html").read_bytes()
    print(f"  mkdocs build (the alignment page {'written' if written else 'NOT written'}):")
    base = statistics.median(times["no history (STRATDOCS_NO_GIT=1)"])
    for label, runs in times.items():
        figure = (statistics.median(runs), min(runs), max(runs))
        note = "" if "no history" in label else f"{100 * (figure[0] / base - 1):+6.1f}% vs no history"
        print(_row("  " + label, figure, note))


if __name__ == "__main__":
    size = os.environ.get("BENCH_ALIGNMENT", "2000+1000")  # documents + commits; empty: skipped
    if size:
        count, _, history_commits = size.partition("+")
        kept = os.environ.get("BENCH_ALIGNMENT_KEEP")
        alignment_figures(int(count), int(history_commits), int(os.environ.get("BENCH_ALIGNMENT_ROUNDS", "3")),
                          os.environ.get("BENCH_ALIGNMENT_BUILD", "1") != "0", Path(kept).resolve() if kept else None)
