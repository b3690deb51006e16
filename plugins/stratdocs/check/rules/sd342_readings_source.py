"""A metric's readings come from a data source the settings name."""

import difflib
from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule


def check(doc: Document, context: Context) -> Iterable[Report]:
    source = doc.get("readings", "source")
    known = [name for name, _ in context.config.sources]
    if not known or not isinstance(source, str) or source in known:
        return  # a project that names no source does not pull: the docs are read as they are
    close = difflib.get_close_matches(source, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
    yield doc.locate("readings", "source"), f"readings.source '{source[:64]}' is no data source in the settings{hint}"


RULE = Rule("SD342", "readings-source", Severity.ERROR,
            "a metric's readings come from a data source named in the settings", ("metric",), check)
