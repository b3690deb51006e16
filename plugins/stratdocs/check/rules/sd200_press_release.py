"""A PR/FAQ body has the press release sections: Problem, Solution, Quote, Call to action."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Location, Severity
from ...kinds.prfaq import PRESS_RELEASE, expected_line, section_lines
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    lines = section_lines(doc)
    for name, names in PRESS_RELEASE:
        if lines[name] is None:
            yield (Location(expected_line(doc, name, lines), 1),
                   f"the press release has no '## {name}' section (accepted headings: {', '.join(names)})")


RULE = Rule("SD200", "press-release", Severity.ERROR,
            "a PR/FAQ body has the press release sections: Problem, Solution, Quote, Call to action",
            ("prfaq",), check)
