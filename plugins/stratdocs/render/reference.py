"""Reference pages for the site: the rules, each with its docs page."""

from __future__ import annotations

from ..check.ruledocs import rule_doc
from ..check.rules import all_rules
from ..kinds import KINDS
from ..resources import PACKAGE_DIR

RULES_DIR = "reference/rules"
FORMATS_DIR = "reference/formats"


def reference_pages() -> dict[str, str]:
    pages = {f"{RULES_DIR}/index.md": rules_index(), f"{FORMATS_DIR}/index.md": formats_index()}
    for name in KINDS:
        path = PACKAGE_DIR / "docs" / "formats" / f"{name}.md"
        if path.is_file():
            pages[f"{FORMATS_DIR}/{name}.md"] = path.read_text(encoding="utf-8")
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
    return ("# Rules\n\nEvery finding names one of these rules. "
            "`stratdocs lint` and `mkdocs build` report the same.\n\n"
            "| Code | Name | Severity | Kinds | Summary |\n|---|---|---|---|---|\n" + rows + "\n")


def formats_index() -> str:
    rows = "\n".join(f"| [`{kind.name}`]({kind.name}.md) | {kind.title} | {kind.summary} |" for kind in KINDS.values())
    return ("# Document formats\n\nEach strategy document is Markdown with YAML front matter; `kind` names its format. "
            "The JSON Schema of each is in `schemas/`.\n\n"
            "| kind | Name | What it holds |\n|---|---|---|\n" + rows + "\n")
