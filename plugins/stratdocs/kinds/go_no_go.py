"""The go/no-go kind: its record."""

from . import Kind

# What `stratdocs new go-no-go` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Go/no-go poll, NASA style. Each role with authority says go or no-go for
# its area, with a reason. A no-go from ANY role pauses progress until the
# concern is addressed, regardless of seniority. The page computes the
# verdict from the votes and shows it next to the declared one.
kind: go-no-go
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who runs the poll?"
milestone: "What happens if the answer is go"
date: $in_two_weeks
serves: []  # ids of the aim it serves
verdict: pending  # go, no-go or pending: the declared overall verdict
votes:
  - role: UX
    voter: "User experience lead"
    vote: pending  # go, no-go or pending
    reason: "Go/no-go on usability"
  - role: technical
    voter: "Technical lead"
    vote: pending
    reason: "Go/no-go on technical reliability"
  - role: security
    voter: "Security lead"
    vote: pending
    reason: "Go/no-go on security readiness"
  - role: support
    voter: "Support lead"
    vote: pending
    reason: "Go/no-go on supportability"
---

What must be true for a go, and what happens after a no-go.
"""

KIND = Kind(
    "go-no-go", "Go/no-go",
    "A milestone and each role's go or no-go with a reason; one no-go blocks.",
    style="fill:#fce4ec,stroke:#ad1457",
    template=TEMPLATE,
)
