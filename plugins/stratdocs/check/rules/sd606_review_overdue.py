"""A document with a review cadence is reviewed at that cadence: in git, or as its `reviewed:` date says.

evaluate computes each document's review (evidence.reviews): its cadence, the last
review or change, how many days ago, and whether that is stale for the cadence.
"""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    review = context.evidence.reviews.get(doc.id) if doc.id else None
    if review is None or not getattr(review, "stale", False):
        return
    cadence, last = getattr(review, "cadence", None), getattr(review, "last", None)
    days, source = getattr(review, "days", None), getattr(review, "source", "")
    if last is None:
        when = "no review recorded"
    elif source == "git":
        when = f"last change in git on {last.isoformat()}"
    else:
        when = f"last reviewed {last.isoformat()}"
    head = f"not reviewed for {days} days" if days is not None else "not reviewed"
    pace = f"{cadence} cadence; " if cadence else ""
    yield (doc.locate("cadence", "review"),
           (f"{head} ({pace}{when}): review it with the team, and record the day in 'reviewed' (YYYY-MM-DD) "
           "when the review changes nothing"))


RULE = Rule("SD606", "review-overdue", Severity.WARNING,
            "a document with a review cadence has been reviewed (changed in git, or `reviewed:`) within it",
            ("alignment-sheet", "ogsm", "kata"), check)
