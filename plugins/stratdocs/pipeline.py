"""The pipeline: load -> validate -> index -> check. Knows nothing of MkDocs."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .check import check
from .config import Config
from .document import MARKDOWN_SUFFIXES, Document
from .findings import Finding, Severity
from .graph import Graph, build_graph
from .index import Index, build_index
from .load import display_path, load_bytes
from .rules import Context, rule_for
from .selection import apply_selection
from .validate import SchemaSet, default_schemas, validate



@dataclass(frozen=True)
class Source:
    path: Path  # on disk
    src_uri: str  # relative to the docs root, forward slashes


@dataclass
class Result:
    docs: list[Document]
    index: Index
    findings: list[Finding]
    by_doc: dict[str, list[Finding]] = field(default_factory=dict)  # src_uri -> findings
    graph: Graph | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def only_paths(self, keep: set[str]) -> "Result":
        """The same result, reporting only the findings in files whose shown path is in keep."""
        return dataclasses.replace(
            self, findings=[f for f in self.findings if f.path in keep],
            by_doc={uri: fs for uri, fs in self.by_doc.items() if fs and fs[0].path in keep})


class DocumentCache:
    """Loaded documents keyed by path and content, so a rebuild re-parses only what changed."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, Document]] = {}

    def load(self, source: Source, raw: bytes) -> Document:
        key = (str(source.path), source.src_uri)
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == digest:
            return entry[1]
        doc = load_bytes(raw, display_path(source.path), source.src_uri)
        self._entries[key] = (digest, doc)
        return doc


def discover(root: Path) -> list[Source]:
    """Markdown files under root as MkDocs sees them: no dot-files, no top-level templates/."""
    if root.is_file():
        return [Source(root, root.name)]
    sources = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_file():
            continue
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] == "templates":
            continue
        sources.append(Source(path, rel.as_posix()))
    return sorted(sources, key=lambda s: s.src_uri)


def run(sources: Iterable[Source], config: Config, schemas: SchemaSet | None = None,
        cache: DocumentCache | None = None) -> Result:
    # The run allocates many small objects and no garbage cycles; pausing the
    # cyclic GC makes it about three times faster on large corpora (bench/).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(list(sources), config, schemas or default_schemas(), cache)
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(sources: list[Source], config: Config, schemas: SchemaSet, cache: DocumentCache | None) -> Result:
    docs = [_load(source, cache) for source in sources]
    index = build_index(docs)
    context = Context(config=config, index=index, graph=build_graph(index))
    findings: list[Finding] = list(index.findings)
    for doc in docs:
        findings.extend(doc.findings)
        if doc.is_strategy:
            findings.extend(_validate_and_check(doc, schemas, context))
    findings.sort(key=Finding.sort_key)
    findings = apply_selection(findings, docs, config)
    by_doc: dict[str, list[Finding]] = {}
    uri_of = {doc.path: doc.src_uri for doc in docs}
    for finding in findings:
        by_doc.setdefault(uri_of.get(finding.path, finding.path), []).append(finding)
    return Result(docs, index, findings, by_doc, context.graph)


def _load(source: Source, cache: DocumentCache | None) -> Document:
    try:
        raw = source.path.read_bytes()
    except OSError as err:
        doc = Document(path=display_path(source.path), src_uri=source.src_uri)
        rule = rule_for("SD000")
        doc.findings.append(Finding(doc.path, 1, 1, rule.severity, rule.code, f"cannot read file: {err.strerror}", rule.name))
        return doc
    try:
        if cache is not None:
            return cache.load(source, raw)
        return load_bytes(raw, display_path(source.path), source.src_uri)
    except Exception as err:  # never a traceback: report it against the file
        doc = Document(path=display_path(source.path), src_uri=source.src_uri)
        rule = rule_for("SD000")
        doc.findings.append(Finding(doc.path, 1, 1, rule.severity, rule.code,
                                    f"could not load: {type(err).__name__}: {err}", rule.name))
        return doc


def _validate_and_check(doc: Document, schemas: SchemaSet, context: Context) -> list[Finding]:
    findings = validate(doc, schemas)
    if doc.kind is not None and not any(f.code == "SD005" for f in findings):
        findings.extend(check(doc, context))
    return findings
