"""The alignment sheet kind: its record, and its one addressable node, the stage gate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import Kind, Node

if TYPE_CHECKING:
    from ..document import Document


def nodes(doc: Document) -> Iterator[Node]:
    """A decision may be about a sheet's gate: sheet-id#stage-gate."""
    yield Node(doc.id or "", "stage-gate", "Stage gate", ("stage_gate",))


KIND = Kind(
    "alignment-sheet", "Alignment sheet",
    "One page: aim, mechanism, feedback signals, stage gate, guardrail, owner and cadence.",
    style="fill:#e8f5e9,stroke:#2e7d32", nodes=nodes,
)
