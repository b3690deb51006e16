"""Which findings are reported, and how: the one place for select, ignore, severity
overrides, per-path ignores and a document's own `ignore:` list (rule SD012).

Called at the end of the pipeline, so the CLI and the MkDocs plugin report the same.
"""

from __future__ import annotations

import dataclasses
import re
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from ..codes import code_finding
from ..config import Config
from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..document import Document

UNUSED_IGNORE = "SD012"
_CODE = re.compile(r"^SD[0-9]{3}$")


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in patterns)


def apply_selection(findings: list[Finding], docs: list[Document], config: Config) -> list[Finding]:
    """The findings with suppressed ones removed and severities overridden."""
    ignoring = [doc for doc in docs if doc.is_strategy and isinstance(doc.get("ignore"), list)]
    if ignoring:
        findings = _document_ignores(findings, ignoring)
    if config.filters:
        findings = _configured(findings, docs, config)
    return findings


def _document_ignores(findings: list[Finding], docs) -> list[Finding]:
    ignores = {}
    for doc in docs:
        codes = [c for c in doc.get("ignore") if isinstance(c, str) and _CODE.match(c)]
        if codes:
            ignores[doc.path] = (doc, codes)
    used: dict[str, set[str]] = {path: set() for path in ignores}
    kept = []
    for finding in findings:
        entry = ignores.get(finding.path)
        if entry is not None and finding.code in entry[1]:
            used[finding.path].add(finding.code)
        else:
            kept.append(finding)
    added = False
    unchecked = {f.path for f in findings if f.code == "SD005"}  # of no known kind: its rules did not run
    for path, (doc, codes) in ignores.items():
        if path in unchecked:
            continue
        for i, code in enumerate(doc.data["ignore"]):
            if code in codes and code not in used[path] and code != UNUSED_IGNORE \
                    and UNUSED_IGNORE not in codes:
                kept.append(code_finding(doc.path, UNUSED_IGNORE,
                                         f"'ignore: {code}' silences nothing in this document; remove it",
                                         doc.locate("ignore", i)))
                added = True
    if added:
        kept.sort(key=Finding.sort_key)
    return kept


def _configured(findings: list[Finding], docs: list[Document], config: Config) -> list[Finding]:
    severity = {code: Severity(level) for code, level in config.severity}
    uri_of = {doc.path: doc.src_uri for doc in docs}
    path_cache: dict[str, tuple[str, ...]] = {}

    def path_ignores(path: str) -> tuple[str, ...]:
        if path not in path_cache:
            names = (path, uri_of.get(path, path))
            path_cache[path] = tuple(code for glob, codes in config.per_path_ignores
                                     if any(fnmatchcase(n, glob) for n in names) for code in codes)
        return path_cache[path]

    kept = []
    for finding in findings:
        code = finding.code
        if config.select and not _matches(code, config.select):
            continue
        if config.ignore and _matches(code, config.ignore):
            continue
        if config.per_path_ignores and _matches(code, path_ignores(finding.path)):
            continue
        configured = finding
        if code in severity and severity[code] is not finding.severity:
            configured = dataclasses.replace(finding, severity=severity[code])
        kept.append(configured)
    return kept

