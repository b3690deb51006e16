"""Check: run the strategy rules of each doc's kind."""

from __future__ import annotations

from ..document import Document
from ..findings import Finding
from .rules import Context, rule_for, rules_for_kind


def check(doc: Document, context: Context) -> list[Finding]:
    findings = []
    for rule in rules_for_kind(doc.kind or ""):
        try:
            for location, message in rule.run(doc, context):
                findings.append(doc.finding(rule.code, rule.severity, message, location, rule.name))
        except Exception as err:  # noqa: BLE001  (a rule bug must not hide the other findings)
            internal = rule_for("SD000")
            findings.append(doc.finding(
                internal.code, internal.severity, f"rule {rule.code} failed: {type(err).__name__}: {err}",
                doc.locate(), internal.name))
    return findings
