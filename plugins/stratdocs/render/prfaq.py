"""The PR/FAQ page: the press release header (headline, customer, what it serves), then the body.

The press release sections (Problem, Solution, Quote, Call to action) and the
External and Internal FAQ are headings in the Markdown body; `body_sections`
finds them for the rules (SD200, SD201) with their line in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..body import headings
from ..document import Document
from .common import header, refs_html, section
from .context import RenderContext
from .html import esc, or_missing

# Each expected section: its name in messages, and the headings accepted for it.
PRESS_RELEASE = (
    ("Problem", ("problem", "the problem")),
    ("Solution", ("solution", "the solution")),
    ("Quote", ("quote", "quotes", "customer quote")),
    ("Call to action", ("call to action", "getting started", "how to get started")),
)
FAQ = (
    ("External FAQ", ("external faq", "external faqs", "customer faq", "customer faqs")),
    ("Internal FAQ", ("internal faq", "internal faqs", "stakeholder faq", "stakeholder faqs")),
)
EXPECTED = PRESS_RELEASE + FAQ


@dataclass(frozen=True)
class Heading:
    text: str  # normalised: lower case, no emphasis marks, single spaces
    line: int  # line in the file


def normalise(text: str) -> str:
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip().lower()
    return re.sub(r"\s+", " ", text)


def body_start_line(doc: Document) -> int:
    """The file line on which the body (after the closing '---') starts."""
    return doc.body_line


def body_headings(doc: Document) -> list[Heading]:
    start = body_start_line(doc)
    return [Heading(normalise(h.text), start + h.line) for h in headings(doc.body or "")]


def body_end_line(doc: Document) -> int:
    lines = (doc.body or "").rstrip("\n").split("\n")
    return body_start_line(doc) + max(len(lines) - 1, 0)


def section_lines(doc: Document) -> dict[str, int | None]:
    """Each expected section's file line, or None when the body lacks it."""
    headings = body_headings(doc)
    return {name: next((h.line for h in headings if h.text in names), None) for name, names in EXPECTED}


def expected_line(doc: Document, name: str, lines: dict[str, int | None]) -> int:
    """Where a missing section belongs: before the next expected section present, else the body's end."""
    after = [n for n, _ in EXPECTED][[n for n, _ in EXPECTED].index(name) + 1:]
    return next((lines[n] for n in after if lines.get(n) is not None), body_end_line(doc))


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Date", or_missing(doc.get("date")))]
    return "\n\n".join([header(doc, "PR/FAQ", extra), section("Press release", press_release_html(doc, context))])


def press_release_html(doc: Document, context: RenderContext) -> str:
    serves = doc.get("serves")
    serves_html = refs_html(serves, context) or or_missing(None)
    subheading = doc.get("subheading")
    parts = [f'<p class="sd-prfaq-headline"><strong>{esc(doc.title)}</strong></p>']
    if subheading is not None:
        parts.append(f'<p class="sd-prfaq-subheading"><em>{esc(subheading)}</em></p>')
    parts.append(f'<p class="sd-prfaq-customer"><strong>Customer:</strong> {or_missing(doc.get("customer"))}</p>')
    parts.append(f'<p class="sd-prfaq-serves"><strong>Serves:</strong> {serves_html}</p>')
    return f'<div class="sd-prfaq">{"".join(parts)}</div>'
