"""The improvement kata kind: its record."""

from . import Kind

KIND = Kind(
    "kata", "Improvement kata",
    "Toyota Improvement Kata: challenge, current and target condition, obstacles, experiments, learner and coach.",
    style="fill:#f3e5f5,stroke:#6a1b9a",
)
