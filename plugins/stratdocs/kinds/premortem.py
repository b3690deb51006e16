"""The pre-mortem kind: its record."""

from . import Kind

# What `stratdocs new premortem` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Pre-mortem: imagine it is months from now and this bet has failed.
# Write down, anonymously first, everything that went wrong; then review
# them as a team. Frame it as wisdom, not pessimism.
# For each risk: likelihood and impact (low / medium / high), the early
# warning sign you would see first, and (optional) a mitigation.
# A high-likelihood, high-impact risk must have a mitigation.
kind: premortem
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $today
# threatens: the-sheet-id  # the alignment sheet whose bet these risks threaten
items:
  - risk: "What went wrong"
    likelihood: medium  # low | medium | high
    impact: medium  # low | medium | high
    early_warning_sign: "What we would see first if it started to happen"
    mitigation: "What we will do to prevent or soften it (optional)"
---

Who took part, and when the team will look at the early warning signs.
"""

KIND = Kind(
    "premortem", "Pre-mortem",
    "Risks with likelihood, impact, early warning sign and mitigation, on a 3x3 matrix.",
    style="fill:#ffebee,stroke:#c62828",
    pages=("risks",), template=TEMPLATE,
)
