"""The metric kind: its record."""

from . import Kind

KIND = Kind(
    "metric", "Metric",
    "A shared metric definition: name, definition, unit, direction, source, owner and its parent in the metric tree.",
    style="fill:#ede7f6,stroke:#4527a0",
)
