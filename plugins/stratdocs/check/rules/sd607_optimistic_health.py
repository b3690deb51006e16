"""Declared health is no better than the evidence says: the thermocline of truth, made visible.

evaluate computes each document's health from its evidence (evaluate/health.py):
a gate not met, a guardrail breached, a signal worse than its baseline, a dated
target missed, a no-go, an invalidated assumption, an observed risk, a late review.
"""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    health = context.evidence.health.get(doc.id) if doc.id else None
    if health is None or not health.optimistic:
        return
    reasons = "; ".join(reason.text for reason in health.reasons)
    yield (doc.locate("health"),
           (f"'health' is declared {health.declared}, but the evidence says {health.computed}: {reasons}; "
           f"write 'health: {health.computed}', or act on the evidence until it says {health.declared}"))


RULE = Rule("SD607", "optimistic-health", Severity.WARNING,
            "declared health is no better than the health computed from the evidence",
            ("alignment-sheet", "ogsm", "kata"), check)
