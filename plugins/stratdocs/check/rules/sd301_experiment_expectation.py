"""Every kata experiment records what was expected before it runs."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    for n, experiment in mappings(doc, "experiments"):
        if is_blank(experiment.get("expected")) and is_blank(experiment.get("actual")):
            yield (doc.locate("experiments", n),
                   f"experiment {n + 1} does not say what you expect: write 'expected' before the step runs")


RULE = Rule("SD301", "experiment-expectation", Severity.ERROR,
            "every kata experiment records what was expected before it runs", ("kata",), check)
