"""Findings: what the pipeline reports, with the exact location of the YAML node."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    rule: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value} {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "rule": self.rule,
            "message": self.message,
        }
