"""Rules the pipeline itself reports while loading, validating and indexing."""

from ..findings import Severity
from .base import Rule

CORE_RULES = [
    Rule("SD000", "internal-error", Severity.ERROR, "stratdocs itself failed on this file (please report it)"),
    Rule("SD001", "yaml-syntax", Severity.ERROR, "front matter is not valid YAML"),
    Rule("SD002", "duplicate-key", Severity.ERROR, "a mapping repeats a key; YAML would silently keep only the last value"),
    Rule("SD003", "not-utf8", Severity.ERROR, "the file is not valid UTF-8"),
    Rule("SD004", "unterminated-front-matter", Severity.ERROR, "front matter opened with '---' is never closed"),
    Rule("SD005", "unknown-kind", Severity.ERROR, "the document's kind is not one stratdocs knows"),
    Rule("SD006", "schema", Severity.ERROR, "the front matter does not match the kind's JSON Schema"),
    Rule("SD007", "duplicate-id", Severity.ERROR, "two documents share the same id"),
    Rule("SD008", "unsupported-yaml", Severity.ERROR,
         "anchors, aliases, merge keys, complex keys and custom tags are not supported in front matter"),
    Rule("SD009", "front-matter-not-mapping", Severity.ERROR, "front matter must be a mapping of keys to values"),
    Rule("SD010", "byte-order-mark", Severity.INFO, "the file starts with a UTF-8 byte order mark"),
    Rule("SD011", "crlf-line-endings", Severity.INFO, "the file uses CRLF line endings"),
    Rule("SD012", "unused-ignore", Severity.WARNING, "the document's `ignore:` list names a rule that reports nothing in it"),
    Rule("SD013", "outside-docs", Severity.ERROR,
         "a file or folder links outside the docs folder; it is not read or published"),
    Rule("SD014", "file-too-large", Severity.ERROR, "a Markdown file is larger than 1 MiB; it is not read or published"),
    Rule("SD015", "special-file", Severity.ERROR,
         "a device, FIFO, socket or looping folder link is in the docs folder; it is not read or published"),
]
