"""What a renderer may know beyond its document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..findings import Finding


@dataclass
class RenderContext:
    today: dt.date
    findings: list[Finding] = field(default_factory=list)  # this document's findings
