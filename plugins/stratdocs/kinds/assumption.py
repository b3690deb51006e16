"""The assumption test kind: its record."""

from . import Kind

KIND = Kind(
    "assumption", "Assumption test",
    "An assumption, the milestone that tests it, the test method, the result and the evidence.",
    style="fill:#fff8e1,stroke:#f9a825",
)
