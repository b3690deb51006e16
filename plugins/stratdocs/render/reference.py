"""Reference pages for the site: the rules, each with its docs page."""

from __future__ import annotations

from ..ruledocs import rule_doc
from ..rules import all_rules

RULES_DIR = "reference/rules"


def reference_pages() -> dict[str, str]:
    pages = {f"{RULES_DIR}/index.md": rules_index()}
    for code in all_rules():
        doc = rule_doc(code)
        if doc is not None:
            pages[f"{RULES_DIR}/{code}.md"] = doc.text
    return pages


def rules_index() -> str:
    rows = "\n".join(
        f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity.value} | "
        f"{', '.join(rule.kinds) or 'all'} | {rule.summary} |"
        for rule in all_rules().values())
    return ("# Rules\n\nEvery finding names one of these rules. `stratdocs lint` and `mkdocs build` report the same.\n\n"
            "| Code | Name | Severity | Kinds | Summary |\n|---|---|---|---|---|\n" + rows + "\n")
