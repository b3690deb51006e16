from ..render import metric
from . import Kind

KIND = Kind(
    "metric", "Metric",
    "A shared metric definition: name, definition, unit, direction, source, owner and its parent in the metric tree.",
    metric.render,
)
