"""The document kinds stratdocs knows. Each module here defines one KIND."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..document import Document
    from ..render.context import RenderContext


@dataclass(frozen=True)
class Kind:
    name: str  # the `kind:` value: the contract
    title: str  # human name, e.g. "Alignment sheet"
    summary: str  # one line: what the document holds
    render: Callable[["Document", "RenderContext"], str]

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def template_file(self) -> str:
        return f"{self.name}.md"


def _discover() -> dict[str, Kind]:
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        kind = importlib.import_module(f"{__name__}.{module_info.name}").KIND
        found[kind.name] = kind
    return dict(sorted(found.items()))


KINDS: dict[str, Kind] = _discover()
