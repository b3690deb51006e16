"""The PR/FAQ kind: its record and its model, the press release and FAQ sections of the body.

The sections (Problem, Solution, Quote, Call to action, External and Internal FAQ) are
headings in the Markdown body, read as the page reads them; rules SD200 and SD201 use
them, with their line in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..load.body import headings
from . import Kind

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
    return next((line for n in after if (line := lines.get(n)) is not None), body_end_line(doc))


# What `stratdocs new prfaq` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# PR/FAQ (Working Backwards): write the press release and FAQ BEFORE you
# build, to force clarity on customer value and on your assumptions.
#   1. Write the headline (the title) as the news a customer would read.
#   2. Name the customer in their own words, and the aim this serves.
#   3. Fill in the body sections below: Problem, Solution, Quote, Call to
#      action, then the External FAQ (customers' questions) and the
#      Internal FAQ (your organisation's: cost, risk, what would make us stop).
# If the press release is not exciting to the customer, change the plan,
# not the wording.
kind: prfaq
id: $id
title: $title
subheading: "One sentence: who benefits, and how"
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
date: $in_two_weeks
customer: "Who the customer is, in their own terms"
# serves: the aim (alignment sheet id) or S&T node (tree-id#node-id) this
# moves. Drafts may leave it out; add it before the PR/FAQ goes active:
# serves: [the-aim-id]
---

## Problem

What problem does the customer have today, in their words? How do they cope
with it now, and what does it cost them?

## Solution

What we will offer, described as the customer will experience it. No
internal project names.

## Quote

"A quote from a customer describing how their life is better."

## Call to action

How a customer starts using it, in one or two sentences.

## External FAQ

**The first question a customer will ask?** The answer.

## Internal FAQ

**What will it cost, and what would make us stop?** The answer, with the
signal and threshold you will watch.
"""

KIND = Kind(
    "prfaq", "PR/FAQ",
    "Working Backwards: the press release and FAQ, written before building.",
    style="fill:#f1f8e9,stroke:#558b2f",
    template=TEMPLATE,
)
