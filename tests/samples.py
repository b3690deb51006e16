"""Example documents for tests."""

SHEET = """---
kind: alignment-sheet
id: online-claim-completion
title: Claimants finish their claim online
status: active
owner: Priya Shah
aim:
  statement: More first-time claimants complete their claim online without calling the helpline
  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running
mechanism:
  lever: a save-and-resume link emailed when a claimant leaves the form
  target: the share of started claims submitted online
  reason: claimants abandon when they need a document they do not have to hand
feedback:
  - type: proxy
    metric: resume-link-usage
    baseline: 0
    target: 25
  - type: outcome
    metric: online-completion-rate
    baseline: 34
    target: 70
stage_gate:
  continue_if: at least 20% of claimants who leave the form use the resume link by week 2
  decision_date: 2026-12-07
  rule:
    metric: resume-link-usage
    at_least: 20
guardrail:
  sli: claim form availability
  slo: ">= 99.5% over 28 days"
cadence:
  review: weekly
  minutes: 15
  day: Tuesday
---

Body text.
"""


def sheet(**replacements: str) -> str:
    """SHEET with exact substrings replaced: sheet(**{"owner: Priya Shah\\n": ""})."""
    text = SHEET
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def metric(metric_id: str, parent: str | None = None) -> str:
    parent_line = f"parent: {parent}\n" if parent else ""
    return (f"---\nkind: metric\nid: {metric_id}\ntitle: {metric_id.replace('-', ' ').capitalize()}\nstatus: active\n"
            f"owner: Priya Shah\ndefinition: The measured share of {metric_id}\nunit: '%'\ndirection: up\n"
            f"source: form analytics\n{parent_line}---\n")


# The metrics SHEET's feedback signals read: a sheet alone would have unknown references.
METRICS = {
    "metrics/online-completion-rate.md": metric("online-completion-rate"),
    "metrics/resume-link-usage.md": metric("resume-link-usage", "online-completion-rate"),
}


def with_metrics(files: dict, folder: str = "") -> dict:
    return {**{folder + name: text for name, text in METRICS.items()}, **files}
