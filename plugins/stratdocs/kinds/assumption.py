"""The assumption test kind: its record."""

from . import Kind

# What `stratdocs new assumption` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Milestone-based assumption testing. Name the assumption, the milestone at
# which you test it, and how. For example:
#   Milestone 1: validate the user problem exists (user interviews)
#   Milestone 2: validate the solution approach (prototype testing)
#   Milestone 3: validate technical feasibility (architecture review)
#   Milestone 4: validate market fit (beta testing)
# At the milestone, record the result and the evidence. If it is
# invalidated, decide (continue, change or stop) and link the decision.
kind: assumption
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
assumption: "What we believe is true, stated so that it could turn out false"
underpins: []  # ids of the alignment sheet or S&T node that depend on it
milestone: "Which milestone: the user problem, the solution approach, technical feasibility or market fit?"
test_method: "How we will test it: interviews, prototype, architecture review, beta"
date: $in_two_weeks
result: untested  # untested, validated or invalidated
# evidence: "What we saw: numbers, sample size, where from"
# decided_by: decision-id  # the decision taken when it is invalidated
---

Why this assumption matters, and what we will do if it is wrong.
"""

KIND = Kind(
    "assumption", "Assumption test",
    "An assumption, the milestone that tests it, the test method, the result and the evidence.",
    style="fill:#fff8e1,stroke:#f9a825",
    template=TEMPLATE,
)
