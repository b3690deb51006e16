"""The document kinds stratdocs knows: schema, renderer and template for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .render import alignment_sheet

if TYPE_CHECKING:
    from .document import Document
    from .render.context import RenderContext


@dataclass(frozen=True)
class Kind:
    name: str  # the `kind:` value, the contract
    title: str
    summary: str
    render: Callable[["Document", "RenderContext"], str]

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def template_file(self) -> str:
        return f"{self.name}.md"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("alignment-sheet", "Alignment sheet",
             "One page: aim, mechanism, feedback signals, stage gate, guardrail, owner and cadence.",
             alignment_sheet.render),
    ]
}
