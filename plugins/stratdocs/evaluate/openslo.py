"""An OpenSLO v1 SLO file a guardrail points at (`openslo:`), read as safely as a document, every problem located.

A file may hold several YAML documents (`---`), as OpenSLO repositories keep an SLO beside
its Service or SLI: the one document of kind SLO is read and the others are skipped. Two
SLOs in one file are refused (SD031) rather than one picked: a guardrail names one SLO.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..codes import code_finding
from ..document import Document, mapping_items
from ..findings import Finding, Location
from ..load.load import decode, parse_front_matter
from ..load.sources import MAX_MARKDOWN_BYTES, Unreadable, read_limited
from ..resources import schemas_dir
from ..validate.validate import error_findings, jsonschema_validator, one_per_value

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "openslo-slo.schema.json"
# A document marker alone on its line (a comment may follow); `--- text` is left to YAML, which refuses it.
_MARKER = re.compile(r"---[ \t]*(#.*)?")


@dataclass(frozen=True)
class Objective:
    name: str  # the objective's displayName, else "objective N" (N from 1)
    op: str  # "gte", "gt", "lte" or "lt"
    value: float
    percent: bool  # True: a target/targetPercent of good events (compare with readings in %); False: op/value
    window: str  # e.g. "28d rolling" or "1M calendar" or "28d" or "" (from spec.timeWindow[0])


@dataclass(frozen=True)
class Slo:
    name: str  # metadata.name
    display_name: str  # metadata.displayName, else the name
    objectives: tuple[Objective, ...]
    path: str  # shown path


def read_slo(path: Path, shown: str, root: Path) -> tuple[Slo | None, list[Finding]]:
    """The SLO in the file at path, or None and why not: located findings, never an exception.

    root is the project folder: a path that resolves outside it (by '..' or a link) is not read.
    Any finding means no Slo: a guardrail is never judged against half an SLO.
    """
    text, findings = _text(path, shown, root)
    if text is None:
        return None, findings
    documents, findings = _documents(text, shown)
    if findings:
        return None, findings
    if not documents:
        return None, [code_finding(shown, "SD031", "the file is empty: write an OpenSLO v1 SLO "
                                   "(apiVersion: openslo/v1, kind: SLO)", Location())]
    slos = [doc for doc in documents if doc.kind == "SLO"]
    if len(slos) > 1:
        return None, [code_finding(shown, "SD031", f"a second SLO in this file (the first starts at line "
                                   f"{slos[0].locate().line}): a guardrail reads one SLO; put each in its own file",
                                   slos[1].locate("kind"))]
    if not slos and len(documents) > 1:
        kinds = ", ".join(str(doc.data.get("kind")) for doc in documents if doc.data)
        return None, [code_finding(shown, "SD031", f"no document in this file is kind: SLO (found {kinds})",
                                   documents[0].locate("kind"))]
    doc = slos[0] if slos else documents[0]  # a single document of another kind: the schema says what is wrong
    findings = _schema_findings(doc) or _not_finite(doc)
    return (None, findings) if findings else (_slo(doc, shown), [])


def _text(path: Path, shown: str, root: Path) -> tuple[str | None, list[Finding]]:
    def refused(message: str) -> tuple[None, list[Finding]]:
        return None, [code_finding(shown, "SD030", message, Location())]

    # A '..' or a link that leads out of the project is refused, as it is for documents (load.sources).
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return refused("the file is outside the project folder (a '..' or a link leads out of it); not read")
    try:
        raw = read_limited(path)
    except Unreadable as err:
        return refused(f"larger than {MAX_MARKDOWN_BYTES >> 20} MiB; not read (an SLO file is a few KB)"
                       if err.code == "SD014" else err.message.replace(" or published", ""))
    except FileNotFoundError:
        return refused("no such file: check the guardrail's openslo: path")
    except IsADirectoryError:  # os.fdopen refuses a folder before read_limited can say so
        return refused("a folder, not a file; not read: name the SLO file in it")
    except OSError as err:
        return refused(f"cannot read the file: {err.strerror}")
    text, decoded = decode(raw, shown)
    # A byte order mark or CRLF endings (SD010, SD011) are read past silently: the file is another tool's.
    return text, [code_finding(shown, "SD030", f.message, Location(f.line, f.column))
                  for f in decoded if f.code == "SD003"]


def _documents(text: str, shown: str) -> tuple[list[Document], list[Finding]]:
    """Each non-empty YAML document with its values and positions, parsed as front matter is."""
    lines = text.split("\n")
    starts = [0] + [n + 1 for n, line in enumerate(lines) if _MARKER.fullmatch(line)]
    ends = [start - 1 for start in starts[1:]] + [len(lines)]
    documents, findings = [], []
    for start, end in zip(starts, ends, strict=True):
        doc = Document(path=shown, src_uri=shown, line_offset=start)
        parse_front_matter(doc, "\n".join(lines[start:end]))
        # Duplicate keys, anchors, syntax: the file's problems, said as for front matter.
        findings += [code_finding(shown, "SD030", f.message.replace("front matter", "an SLO file"),
                                  Location(f.line, f.column)) for f in doc.findings]
        if doc.data:
            documents.append(doc)
    return documents, findings


@cache
def _validator() -> Draft202012Validator:
    return jsonschema_validator(json.loads((schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8")))


def _schema_findings(doc: Document) -> list[Finding]:
    findings = []
    for error in one_per_value(_validator().iter_errors(doc.data)):
        path = tuple(error.absolute_path)
        message = _message(error, _where(path))
        if message:
            findings.append(code_finding(doc.path, "SD031", message, doc.locate(*path)))
        else:  # the words strategy documents get (type, const, enum, required, pattern)
            findings += [code_finding(doc.path, "SD031", f.message.replace("in front matter", "at the top level"),
                                      Location(f.line, f.column)) for f in error_findings(doc, error)]
    return findings


def _not_finite(doc: Document) -> list[Finding]:
    """NaN passes every JSON Schema bound and .inf passes value's none, yet no reading compares with either."""
    findings = []
    for n, objective in mapping_items((doc.data or {})["spec"]["objectives"]):
        for key in ("value", "target", "targetPercent"):
            number = objective.get(key)
            if isinstance(number, float) and not math.isfinite(number):
                path = ("spec", "objectives", n, key)
                findings.append(code_finding(doc.path, "SD031", f"{_where(path)} is {number}; expected a finite number",
                                             doc.locate(*path)))
    return findings


def _message(error: ValidationError, where: str) -> str:
    """Plain words for the keywords the document schemas do not use; "" for the others."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{where} is {error.instance}; expected {schema.get('title', error.message)}"
    if error.validator == "minItems":
        example = "- duration: 28d" if where.endswith("timeWindow") else "- target: 0.995"
        return f"{where} is empty: give one, e.g. '{example}'"
    if error.validator == "maxItems":
        return f"{where} has more than one window; OpenSLO allows exactly one"
    if error.validator == "anyOf":
        return f"{where} has no target: give 'target: 0.995' or 'targetPercent: 99.5'"
    if error.validator == "not":
        return f"{where} has both target and targetPercent: keep one"
    if error.validator == "dependentRequired":
        return f"{where} has a value but no op: add op (lte, gte, lt or gt) to say which side is good"
    if error.validator == "type" and schema.get("type") == "number" and isinstance(error.instance, str):
        return f"{where} must be a number, not text: write it without quotes or a unit, e.g. 99.5"
    return ""


def _where(path: tuple) -> str:
    """spec.objectives[1].target: numbered from 1, as the document findings say it."""
    return "".join(f"[{step + 1}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".") or "the SLO"


def _slo(doc: Document, shown: str) -> Slo:
    """The values the schema has checked, as stratdocs compares them with readings."""
    data = doc.data or {}
    metadata, spec = data["metadata"], data["spec"]
    windows = spec.get("timeWindow") or [{}]
    objectives = tuple(_objective(objective, n, _window(windows[0]))
                       for n, objective in enumerate(spec["objectives"], start=1))
    return Slo(metadata["name"], metadata.get("displayName") or metadata["name"], objectives, shown)


def _objective(objective: dict, n: int, window: str) -> Objective:
    name = objective.get("displayName") or f"objective {n}"
    if "op" in objective and "value" in objective:  # a threshold on the SLI itself
        return Objective(name, objective["op"], float(objective["value"]), False, window)
    # A share of good events; round away float noise (0.995 * 100 is 99.49999999999999).
    percent = objective["targetPercent"] if "targetPercent" in objective else round(objective["target"] * 100, 10)
    return Objective(name, "gte", float(percent), True, window)


def _window(window: dict) -> str:
    rolling = window.get("isRolling")
    how = "rolling" if rolling is True else "calendar" if "calendar" in window or rolling is False else ""
    return f"{window.get('duration', '')} {how}".strip()
