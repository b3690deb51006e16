"""The codes the pipeline itself reports while loading, validating, indexing and reading side files: below the rules."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Location, Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


BUILT_IN = [
    Code("SD000", "internal-error", Severity.ERROR, "stratdocs itself failed on this file (please report it)"),
    Code("SD001", "yaml-syntax", Severity.ERROR, "front matter is not valid YAML"),
    Code("SD002", "duplicate-key", Severity.ERROR,
         "a mapping repeats a key; YAML would silently keep only the last value"),
    Code("SD003", "not-utf8", Severity.ERROR, "the file is not valid UTF-8"),
    Code("SD004", "unterminated-front-matter", Severity.ERROR, "front matter opened with '---' is never closed"),
    Code("SD005", "unknown-kind", Severity.ERROR, "the document's kind is not one stratdocs knows"),
    Code("SD006", "schema", Severity.ERROR, "the front matter does not match the kind's JSON Schema"),
    Code("SD007", "duplicate-id", Severity.ERROR, "two documents share the same id"),
    Code("SD008", "unsupported-yaml", Severity.ERROR,
         "anchors, aliases, merge keys, complex keys and custom tags are not supported in front matter"),
    Code("SD009", "front-matter-not-mapping", Severity.ERROR, "front matter must be a mapping of keys to values"),
    Code("SD010", "byte-order-mark", Severity.INFO, "the file starts with a UTF-8 byte order mark"),
    Code("SD011", "crlf-line-endings", Severity.INFO, "the file uses CRLF line endings"),
    Code("SD012", "unused-ignore", Severity.WARNING,
         "the document's `ignore:` list names a rule that reports nothing in it"),
    Code("SD013", "outside-docs", Severity.ERROR,
         "a file or folder links outside the docs folder; it is not read or published"),
    Code("SD014", "file-too-large", Severity.ERROR,
         "a Markdown file is larger than 1 MiB; it is not read or published"),
    Code("SD015", "special-file", Severity.ERROR,
         "a device, FIFO, socket or looping folder link is in the docs folder; it is not read or published"),
    Code("SD020", "readings-file", Severity.ERROR,
         "a readings file is empty, unreadable or too large, or its header or a row is not `date,value[,note]`"),
    Code("SD021", "reading-date", Severity.ERROR, "a reading's date is not a real YYYY-MM-DD date"),
    Code("SD022", "reading-value", Severity.ERROR,
         "a reading's value is missing, not a number, or written with a unit other than its metric's"),
    Code("SD023", "repeated-reading", Severity.ERROR, "a metric has two readings on the same date"),
    Code("SD024", "readings-without-metric", Severity.ERROR, "a readings file is named for no metric"),
    Code("SD030", "openslo-file", Severity.ERROR,
         "an OpenSLO file a guardrail names is missing, outside the project, too large, not UTF-8 or not valid YAML"),
    Code("SD031", "openslo-slo", Severity.ERROR,
         "an OpenSLO file a guardrail names is not an OpenSLO v1 SLO with a usable objective"),
]
_BY_CODE = {c.code: c for c in BUILT_IN}


def code_finding(path: str, code: str, message: str, location: Location) -> Finding:
    """A finding of a built-in code, with its default severity (selection may change it later)."""
    built_in = _BY_CODE[code]
    return Finding(path, location.line, location.column, built_in.severity, code, message, built_in.name)


def built_in(code: str) -> Code:
    return _BY_CODE[code]
