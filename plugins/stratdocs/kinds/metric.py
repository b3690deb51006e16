"""The metric kind: its record."""

from . import Kind

# What `stratdocs new metric` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# A shared metric definition: one vocabulary for everyone, so that every
# alignment sheet, goal and measure that names this id counts the same thing.
# Metrics form a tree: Aim (outcome) -> leading indicators -> proxy that you
# expect to move first. `parent` is the metric this one feeds.
kind: metric
id: $id
title: $title  # the metric's name
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who owns the definition and the data?"
type: proxy  # proxy (moves first), leading (predicts the outcome) or outcome (the aim)
definition: "Exactly what is counted: which events, over which population, over what period"
unit: "%"
direction: up  # up: higher is better; down: lower is better
source: "Where the number comes from: system, table, report"
# parent: parent-metric-id  # the metric this one feeds (leave out at the top of the tree)
---

How to read the number, known quirks in the data, and who to ask.
"""

KIND = Kind(
    "metric", "Metric",
    "A shared metric definition: name, definition, unit, direction, source, owner and its parent in the metric tree.",
    style="fill:#ede7f6,stroke:#4527a0",
    pages=("metrics",), template=TEMPLATE,
)
