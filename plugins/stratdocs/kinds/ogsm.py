"""The OGSM kind: its record."""

from . import Kind

# What `stratdocs new ogsm` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# OGSM: Objective, Goals, Strategies, Measures, on one page. A "think big"
# tool: set a clear, bold direction, then start small with testable bets.
#   Objective:  the ambition, in words.
#   Goals:      the objective made measurable: a number and a date each.
#   Strategies: the choices for reaching the goals (what you will and will
#               not do).
#   Measures:   for each strategy, how you know it is working.
kind: ogsm
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $today
objective: "What we want to achieve, in words"
goals:
  - goal: "What will be measurably different"
    # metric: metric-id  # the id of a shared metric definition (a metric document)
    target: 0
    unit: "%"
    date: $in_two_weeks
strategies:
  - strategy: "A choice that moves the goals"
    serves: []  # ids of the aim or S&T node it serves
    measures:
      - measure: "How we know this strategy is working"
        # metric: metric-id
        target: 0
        unit: "%"
        date: $in_two_weeks
---

What we chose not to do, and why.
"""

KIND = Kind(
    "ogsm", "OGSM",
    "Objective, Goals, Strategies and Measures on one grid.",
    style="fill:#fbe9e7,stroke:#bf360c",
    template=TEMPLATE,
)
