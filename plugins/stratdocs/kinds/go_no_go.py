"""The go/no-go kind: its record."""

from . import Kind

KIND = Kind(
    "go-no-go", "Go/no-go",
    "A milestone and each role's go or no-go with a reason; one no-go blocks.",
    style="fill:#fce4ec,stroke:#ad1457",
)
