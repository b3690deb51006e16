"""The decision kind: its record."""

from . import Kind

KIND = Kind(
    "decision", "Decision",
    "A decision-log entry: date, continue / change / stop, about what, rationale, evidence, deciders.",
    style="fill:#e3f2fd,stroke:#1565c0",
)
