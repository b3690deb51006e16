"""A PR/FAQ body has an External FAQ and an Internal FAQ section."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Location, Severity
from ...kinds.prfaq import FAQ, expected_line, section_lines
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    lines = section_lines(doc)
    for name, _names in FAQ:
        if lines[name] is None:
            yield (Location(expected_line(doc, name, lines), 1),
                   (f"no '## {name}' section: answer the questions "
                    f"{'customers' if name.startswith('External') else 'your own organisation'} will ask"))


RULE = Rule("SD201", "faq", Severity.ERROR, "a PR/FAQ body has an External FAQ and an Internal FAQ section",
            ("prfaq",), check)
