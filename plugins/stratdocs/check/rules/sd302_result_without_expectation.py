"""A kata experiment with a result but no expectation was judged in hindsight."""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    for n, experiment in mappings(doc, "experiments"):
        if is_blank(experiment.get("expected")) and not is_blank(experiment.get("actual")):
            yield (doc.locate("experiments", n, "actual"),
                   (f"experiment {n + 1} has an 'actual' result but no 'expected': without a prediction written first, "
                    "nothing was tested"))


RULE = Rule("SD302", "result-without-expectation", Severity.ERROR,
            "a kata experiment with a result (actual) also records what was expected", ("kata",), check)
