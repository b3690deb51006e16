"""The decision kind: its record."""

from . import Kind

# What `stratdocs new decision` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Decision log entry: one file per decision, written the day it is taken.
# At each stage gate the team decides: continue, change or stop (or record
# any other decision as "other" and say what in the summary).
# A change or stop needs a rationale: what the evidence showed, and why.
kind: decision
id: $id
title: $title
status: active  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $today
decision: continue  # continue | change | stop | other
summary: "What was decided, in one or two sentences"
# about: the id of the alignment sheet (or sheet-id#stage-gate) this decides on
rationale: "What the evidence showed, and why it led to this decision"
evidence:
  # http(s) or relative links only: dashboards, readouts, research notes.
  - title: "Signal readout"
    url: https://example.org/readout
deciders:
  - "Who took the decision"
# supersedes: the-earlier-decision-id
---

Anything the next team should know: what we will watch next, and when we
will decide again.
"""

KIND = Kind(
    "decision", "Decision",
    "A decision-log entry: date, continue / change / stop, about what, rationale, evidence, deciders.",
    style="fill:#e3f2fd,stroke:#1565c0",
    pages=("decisions",), template=TEMPLATE,
)
