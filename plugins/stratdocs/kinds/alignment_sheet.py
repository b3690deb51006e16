"""The alignment sheet kind: its record, and its one addressable node, the stage gate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import Kind, Node

if TYPE_CHECKING:
    from ..document import Document


def nodes(doc: Document) -> Iterator[Node]:
    """A decision may be about a sheet's gate: sheet-id#stage-gate."""
    yield Node(doc.id or "", "stage-gate", "Stage gate", ("stage_gate",))


# What `stratdocs new alignment-sheet` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# One-page alignment sheet. Run this in 30 minutes:
#   Prep (10 min): write one Aim and one Mechanism sentence.
#   Working session (15 min): sketch a 3-node metric tree (Aim -> 2 leading
#     indicators -> 1 proxy you expect to move first) and define a two-week
#     stage gate: "We will continue if proxy >= X by week 2."
#   Commit (5 min): log the decision (date, aim, mechanism, gate) and book a
#     15-minute weekly check to review the proxy: continue, change or stop.
kind: alignment-sheet
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
aim:
  # The outcome in plain words: a change in user behaviour, not an output
  # ("ship X" is an output).
  statement: "More <users> <do something> <more often / faster / without help>"
  definition_of_done: "How we will know the aim is met: a number, a threshold, a period"
mechanism:
  # "We believe X will move Y because Z."
  lever: "X: the smallest change you can ship"
  target: "Y: the indicator it moves"
  reason: "Z: why you believe it"
feedback:
  # Two or three signals; at least one proxy you expect to move first.
  # metric: the id of a shared metric definition (one vocabulary for everyone).
  - type: proxy
    metric: first-proxy-metric
    baseline: 0
    target: 0
  - type: outcome
    metric: outcome-metric
    baseline: 0
    target: 0
stage_gate:
  # What we will learn in the next two weeks, and the rule for continuing.
  continue_if: "proxy >= X by week 2"
  decision_date: $in_two_weeks
  window_weeks: 2
  learn: "What will we know in two weeks that we do not know today?"
  # The same rule over metrics, so the gate is judged from the readings
  # (continue / change; before the date, on course / off course):
  # rule:
  #   metric: first-proxy-metric
  #   at_least: 20
guardrail:
  # One SLI or SLO that protects users while you experiment.
  sli: "The indicator you protect, e.g. form availability"
  slo: "The level you will not go below, e.g. >= 99.5% over 28 days"
  # To watch it from the readings: the SLI's metric and the SLO's threshold
  # (or openslo: path/to/an-openslo-v1-slo.yaml).
  # metric: form-availability
  # at_least: 99.5
# health: on-track  # on-track | at-risk | off-track, as you see it; stratdocs computes its own
cadence:
  review: weekly
  minutes: 15
  day: Tuesday
---

Why this matters now, what we already know, and what would make us stop.
"""

KIND = Kind(
    "alignment-sheet", "Alignment sheet",
    "One page: aim, mechanism, feedback signals, stage gate, guardrail, owner and cadence.",
    style="fill:#e8f5e9,stroke:#2e7d32", nodes=nodes,
    pages=("dashboard",), template=TEMPLATE,
)
