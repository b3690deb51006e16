"""Machine-readable lint output for CI systems.

- github: GitHub Actions workflow commands, one per finding.
- sarif: SARIF 2.1.0 (GitHub code scanning and others).
- gitlab: GitLab Code Quality (a Code Climate subset), fingerprints stable across runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from .. import __version__
from ..check.rules import all_rules
from ..findings import Finding, Severity

INFORMATION_URI = "https://github.com/stratdocs/stratdocs"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def format_json(findings: list[Finding], **_) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False)


# --- GitHub Actions -------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: list[Finding], **_) -> str:
    lines = []
    for f in findings:
        title = f"{f.code} {f.rule}".strip()
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} file={_escape_property(f.path)},line={f.line},col={f.column},"
                     f"title={_escape_property(title)}::{_escape_data(f.message)}")
    return "\n".join(lines)


# --- SARIF 2.1.0 ------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(findings: list[Finding], docs_url: str = "reference/rules/") -> dict:
    rules = list(all_rules().values())
    index_of = {rule.code: i for i, rule in enumerate(rules)}
    linked = absolute_url(docs_url)  # a code-scanning page cannot open a relative link
    driver_rules = [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        **({"helpUri": f"{docs_url}{rule.code}/"} if linked else {}),
        "help": {"text": f"{rule.summary}. Run `stratdocs rules {rule.code}` for the rule's page."},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    } for rule in rules]
    results = []
    for f in findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(f.path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column},
            }}],
        }
        if f.code in index_of:
            result["ruleIndex"] = index_of[f.code]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "stratdocs", "version": __version__,
                                "informationUri": INFORMATION_URI, "rules": driver_rules}},
            "results": results,
        }],
    }


def absolute_url(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def format_sarif(findings: list[Finding], docs_url: str = "reference/rules/", **_) -> str:
    # Compact: json's C encoder only runs without indent, and 10,000 findings must cost no more than text.
    return json.dumps(sarif_log(findings, docs_url), ensure_ascii=False, separators=(",", ":"))


# --- GitLab Code Quality ----------------------------------------------------

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(findings: Iterable[Finding]) -> list[dict]:
    """The fingerprint hashes path, code, message and occurrence, not the line:
    stable across runs, and across edits that only move the finding."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for f in findings:
        key = (f.path, f.code, f.message)
        seen[key] = occurrence = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
        issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "categories": ["Style"],
            "severity": _GITLAB_SEVERITY[f.severity],
            "fingerprint": fingerprint,
            "location": {"path": f.path, "lines": {"begin": f.line}},
        })
    return issues


def format_gitlab(findings: list[Finding], **_) -> str:
    return json.dumps(gitlab_issues(findings), ensure_ascii=False, separators=(",", ":"))


FORMATS = {"json": format_json, "github": format_github, "sarif": format_sarif, "gitlab": format_gitlab}
