"""The pre-mortem kind: its record."""

from . import Kind

KIND = Kind(
    "premortem", "Pre-mortem",
    "Risks with likelihood, impact, early warning sign and mitigation, on a 3x3 matrix.",
    style="fill:#ffebee,stroke:#c62828",
)
