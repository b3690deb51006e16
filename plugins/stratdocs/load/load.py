"""Load: bytes on disk to a Document, every problem a located finding."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..codes import code_finding
from ..document import Document
from ..findings import Finding, Location
from .sources import read_limited
from .yamlerrors import explain, salvage
from .yamlnodes import MAX_DEPTH, TooDeep, ValueBuilder, compose

_BOM = b"\xef\xbb\xbf"
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_KIND_LINE = re.compile(r"^kind\s*:", re.MULTILINE)



def load_rule_finding(path: str, code: str, message: str, loc: Location) -> Finding:
    return code_finding(path, code, message, loc)


def display_path(path: str | os.PathLike) -> str:
    """Path relative to the current directory where possible, with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def load_file(path: Path, src_uri: str) -> Document:
    """One file; raises sources.Unreadable for a special or too large file (the pipeline reports those)."""
    return load_bytes(read_limited(path), display_path(path), src_uri)


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    findings: list[Finding] = []
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
        findings.append(load_rule_finding(shown, "SD010", "UTF-8 byte order mark at the start of the file (ignored)",
                                          Location(1, 1)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        byte = raw[err.start:err.start + 1].hex()
        findings.append(load_rule_finding(
            shown, "SD003", f"the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8", Location(line, column)))
        return None, findings
    if "\r" in text:
        first = text.count("\n", 0, text.index("\r")) + 1
        findings.append(load_rule_finding(shown, "SD011", "CRLF line endings (read as LF)", Location(first, 1)))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, findings


def load_bytes(raw: bytes, shown: str, src_uri: str) -> Document:
    text, findings = decode(raw, shown)
    doc = Document(path=shown, src_uri=src_uri, findings=findings)
    if text is None:
        return doc
    split_front_matter(doc, text)
    return doc


def split_front_matter(doc: Document, text: str) -> None:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        doc.body = text
        return
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        if _KIND_LINE.search(text):
            doc.has_front_matter = True
            doc.findings.append(load_rule_finding(
                doc.path, "SD004", "front matter starts with '---' on line 1 but has no closing '---' line",
                Location(1, 1)))
        doc.body = text
        return
    doc.has_front_matter = True
    doc.line_offset = 1
    doc.body = "\n".join(lines[end + 1:])
    doc.body_line = end + 2
    yaml_text = "\n".join(lines[1:end])
    parse_front_matter(doc, yaml_text)
    if doc.data is None:
        doc.salvaged = salvage(yaml_text)


def parse_front_matter(doc: Document, yaml_text: str) -> None:
    try:
        root = compose(yaml_text)
    except yaml.MarkedYAMLError as err:
        message, line, column = explain(err, yaml_text)
        doc.findings.append(load_rule_finding(
            doc.path, "SD001", message, Location(line + doc.line_offset + 1, column + 1)))
        return
    except yaml.reader.ReaderError as err:  # control characters and the like
        if isinstance(err.character, int):  # libyaml counts bytes, not characters
            before = yaml_text.encode()[:err.position].decode(errors="ignore")
        else:
            before = yaml_text[:err.position]
        loc = Location(before.count("\n") + doc.line_offset + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        doc.findings.append(load_rule_finding(
            doc.path, "SD001", f"YAML cannot contain character #x{code:04x} (control characters are not allowed)", loc))
        return
    except yaml.YAMLError as err:
        doc.findings.append(load_rule_finding(doc.path, "SD001", f"YAML error: {err}",
                                              Location(doc.line_offset + 1, 1)))
        return
    except TooDeep as err:
        _too_deep(doc, err)
        return
    if root is None:  # empty front matter: an ordinary page
        doc.data = {}
        return
    builder = ValueBuilder(doc.line_offset)
    try:
        data = builder.build(root)
    except TooDeep as err:
        _too_deep(doc, err)
        return
    for problem in builder.problems:
        loc = Location(problem.line + doc.line_offset + 1, problem.column + 1)
        doc.findings.append(load_rule_finding(doc.path, problem.code, problem.message, loc))
    if not isinstance(data, dict):
        doc.findings.append(load_rule_finding(
            doc.path, "SD009", "front matter must be a mapping of keys to values", Location(doc.line_offset + 1, 1)))
        return
    doc.positions = builder.positions
    doc.data = data


def _too_deep(doc: Document, err: TooDeep) -> None:
    mark = err.args[0]
    loc = Location(mark.line + doc.line_offset + 1, mark.column + 1)
    doc.findings.append(load_rule_finding(doc.path, "SD001", f"YAML nested deeper than {MAX_DEPTH} levels", loc))
