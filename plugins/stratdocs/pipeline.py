"""The pipeline: load -> validate -> index -> evaluate -> check. Knows nothing of MkDocs."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .check.check import check
from .check.rules import Context
from .check.selection import apply_selection
from .codes import code_finding
from .config import Config
from .document import MARKDOWN_SUFFIXES, Document
from .evaluate.evidence import Evidence
from .evaluate.stage import evaluate
from .findings import Finding, Location, Severity
from .graph.graph import Graph, build_graph
from .graph.index import Index, build_index
from .load.load import display_path, load_bytes
from .load.sources import Policy, Refusal, Unreadable, read_limited
from .validate.validate import SchemaSet, default_schemas, validate


@dataclass(frozen=True)
class Source:
    path: Path  # on disk
    src_uri: str  # relative to the docs root, forward slashes
    refusal: Refusal | None = None  # set when the file (or its folder) must not be read: see sources.py


@dataclass
class Result:
    docs: list[Document]
    index: Index
    findings: list[Finding]
    graph: Graph
    evidence: Evidence = field(default_factory=Evidence)
    by_doc: dict[str, list[Finding]] = field(default_factory=dict)  # src_uri -> findings
    reported: int | None = None  # files whose findings are reported, when fewer than docs (the rest are context)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def only_paths(self, keep: set[str]) -> Result:
        """The same result, reporting only the findings in files whose shown path is in keep."""
        return dataclasses.replace(
            self, findings=[f for f in self.findings if f.path in keep],
            by_doc={uri: fs for uri, fs in self.by_doc.items() if fs and fs[0].path in keep},
            reported=sum(1 for doc in self.docs if doc.path in keep))


class DocumentCache:
    """Loaded documents keyed by path and content, so a rebuild re-parses only what changed.

    It lives as long as `mkdocs serve`: each run keeps only the files it was given, so
    renamed and deleted files do not pile up, edit after edit.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, Document]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, source: Source, raw: bytes) -> Document:
        key = _key(source)
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == digest:
            return entry[1]
        doc = load_bytes(raw, display_path(source.path), source.src_uri)
        self._entries[key] = (digest, doc)
        return doc

    def keep_only(self, sources: Iterable[Source]) -> None:
        """Forget every file that is not among sources (the files of the current build)."""
        wanted = {_key(source) for source in sources}
        for key in self._entries.keys() - wanted:
            del self._entries[key]


def _key(source: Source) -> tuple[str, str]:
    return str(source.path), source.src_uri


def discover(root: Path) -> list[Source]:
    """Markdown files under root as MkDocs sees them: no dot-files, no top-level templates/.

    Links are followed as MkDocs follows them, but only while they stay inside root
    (sources.Policy): a refused file or folder is a Source carrying its refusal, so the
    pipeline reports it; so is any other file (an image) that MkDocs would publish.
    A file named alone is judged within its own folder.
    """
    if not root.is_dir():
        policy = Policy(root.parent)
        return [Source(root, root.name, policy.check(root.name, markdown=True))]
    policy = Policy(root)
    sources = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        rel_dir = Path(folder).relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (prefix or d != "templates"))
        for name in list(dirs):
            refusal = policy.check_folder(prefix + name)
            if refusal is not None:  # not followed: report the folder once
                dirs.remove(name)
                sources.append(Source(Path(folder) / name, prefix + name, refusal))
        for name in names:
            if name.startswith("."):
                continue
            markdown = Path(name).suffix.lower() in MARKDOWN_SUFFIXES
            refusal = policy.check(prefix + name, markdown)
            if markdown or refusal is not None:
                sources.append(Source(Path(folder) / name, prefix + name, refusal))
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
    if cache is not None:
        cache.keep_only(sources)
    index = build_index(docs)
    graph = build_graph(index)
    evidence = evaluate(index, graph, config, strategy_root(sources))
    context = Context(config=config, index=index, graph=graph, evidence=evidence)
    findings: list[Finding] = list(index.findings) + context.evidence.findings
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
    return Result(docs, index, findings, context.graph, context.evidence, by_doc)


def strategy_root(sources: list[Source]) -> Path | None:
    """The folder holding every source: where the strategy's git history is read."""
    if not sources:
        return None
    return Path(os.path.commonpath([os.path.abspath(s.path.parent) for s in sources]))


def _load(source: Source, cache: DocumentCache | None) -> Document:
    if source.refusal is not None:
        return _unread(source, source.refusal.code, source.refusal.message)
    try:
        raw = read_limited(source.path)
    except Unreadable as err:
        return _unread(source, err.code, err.message)
    except OSError as err:
        return _unread(source, "SD000", f"cannot read file: {err.strerror}")
    try:
        if cache is not None:
            return cache.load(source, raw)
        return load_bytes(raw, display_path(source.path), source.src_uri)
    except Exception as err:  # noqa: BLE001  (never a traceback: report it against the file)
        return _unread(source, "SD000", f"could not load: {type(err).__name__}: {err}")


def _unread(source: Source, code: str, message: str) -> Document:
    """A document with nothing in it but the finding that says why."""
    doc = Document(path=display_path(source.path), src_uri=source.src_uri)
    doc.findings.append(code_finding(doc.path, code, message, Location(1, 1)))
    return doc


def _validate_and_check(doc: Document, schemas: SchemaSet, context: Context) -> list[Finding]:
    findings = validate(doc, schemas)
    if doc.kind is not None and not any(f.code == "SD005" for f in findings):
        findings.extend(check(doc, context))
    return findings
