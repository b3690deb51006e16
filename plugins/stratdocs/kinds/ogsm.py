"""The OGSM kind: its record."""

from . import Kind

KIND = Kind(
    "ogsm", "OGSM",
    "Objective, Goals, Strategies and Measures on one grid.",
    style="fill:#fbe9e7,stroke:#bf360c",
)
