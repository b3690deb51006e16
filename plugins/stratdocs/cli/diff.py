"""`stratdocs diff BASE [HEAD]`: what changed in the strategy between two git revisions.

Documents are read with `git ls-tree` and `git cat-file --batch` (what `git show REV:path`
prints), never by checking anything out; HEAD defaults to the working tree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..config import Config
from ..document import MARKDOWN_SUFFIXES
from ..load.gitrev import read_blobs, toplevel, tree_entries, verify
from ..pipeline import discover, run
from ..render.html import md_comment_text as _md


@dataclass
class DocState:
    src_uri: str
    path: str  # relative to the repository top
    id: str | None
    kind: str | None
    title: str
    data: dict
    findings: list[tuple[str, str]]  # (code, message)


@dataclass
class DocChange:
    status: str  # added | removed | renamed | changed
    doc: DocState  # the head side (the base side for removed)
    old_path: str | None = None
    fields: list[tuple[tuple, Any, Any]] = field(default_factory=list)  # (path, before, after); ABSENT if missing
    introduced: list[tuple[str, str]] = field(default_factory=list)
    fixed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self):
        return (self.doc.path,)


def _docs_prefix(docs_dir: Path, top: Path) -> str:
    try:
        rel = docs_dir.resolve().relative_to(top)
    except ValueError:
        raise ValueError(f"the docs folder {docs_dir} is not inside the git repository {top}") from None
    return "" if rel == Path(".") else rel.as_posix()


def _states(result, prefix: str) -> dict[str, DocState]:
    states = {}
    for doc in result.docs:
        if not doc.is_strategy:
            continue
        found = [(f.code, f.message) for f in result.by_doc.get(doc.src_uri, [])]
        path = f"{prefix}/{doc.src_uri}" if prefix else doc.src_uri
        states[doc.src_uri] = DocState(doc.src_uri, path, doc.id, doc.kind, doc.title, doc.data or {}, found)
    return states


def snapshot(rev: str | None, docs_dir: Path, config: Config) -> dict[str, DocState]:
    """The strategy docs at rev (None: the working tree), by src_uri."""
    top = toplevel(docs_dir if docs_dir.is_dir() else Path.cwd())
    prefix = _docs_prefix(docs_dir, top)
    if rev is None:
        return _states(run(discover(docs_dir), config), prefix) if docs_dir.is_dir() else {}
    verify(rev, top)
    # Links are left out: a link's blob is its target's name, not a document.
    docs = [e for e in tree_entries(rev, prefix, top) if e.regular and _is_doc(_under(e.path, prefix))]
    blobs = read_blobs(docs, top)
    with tempfile.TemporaryDirectory(prefix="stratdocs-diff-") as tmp:
        root = Path(tmp)
        for e in docs:
            if e.path in blobs:
                target = root / _under(e.path, prefix)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(blobs[e.path])
        return _states(run(discover(root), config), prefix)


def _under(path: str, folder: str) -> str:
    return path[len(folder) + 1:] if folder else path


def _is_doc(rel: str) -> bool:
    """Whether discover() would read the file at rel (relative to the docs folder)."""
    parts = rel.split("/")
    return (rel.lower().endswith(MARKDOWN_SUFFIXES) and not any(p.startswith(".") for p in parts)
            and parts[0] != "templates")


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class _Absent:
    """A key that is not there, as opposed to one whose value is null."""

    def __repr__(self) -> str:
        return "(absent)"


ABSENT = _Absent()


def flatten(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Paths (tuples of keys and indices) to scalar values; a list of scalars or an empty {} is one value."""
    if isinstance(value, dict) and (value or not path):
        return {p: v for key, item in value.items() for p, v in flatten(item, path + (key,)).items()}
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return {p: v for i, item in enumerate(value) for p, v in flatten(item, path + (i,)).items()}
    return {path: [_plain(v) for v in value] if isinstance(value, list) else _plain(value)}


_PLAIN_KEY = re.compile(r"[\w-]+")


def path_text(path: tuple) -> str:
    """`stage_gate.decision_date`, `feedback[1].metric` (the first); other keys are quoted (`x["a.b"]`) so no two
    paths read alike."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step + 1}]"  # the first item is 1, as lint names it
        elif _PLAIN_KEY.fullmatch(step):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal in type as well as value: Python has 1 == 1.0 == True, a strategy diff must not."""
    if a is ABSENT or b is ABSENT:
        return a is b
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _field_changes(before: dict, after: dict) -> list[tuple[tuple, Any, Any]]:
    old, new = flatten(before), flatten(after)
    paths = list(old) + [p for p in new if p not in old]
    pairs = [(p, old.get(p, ABSENT), new.get(p, ABSENT)) for p in paths]
    return [(p, b, a) for p, b, a in pairs if not _same(b, a)]


def _finding_changes(before: list, after: list) -> tuple[list, list]:
    old, new = Counter(before), Counter(after)
    return sorted((new - old).elements()), sorted((old - new).elements())


def compare(base: dict[str, DocState], head: dict[str, DocState]) -> list[DocChange]:
    def keyed(states):
        return {(s.id or f"uri:{s.src_uri}"): s for s in states.values()}

    old, new = keyed(base), keyed(head)
    changes = []
    for key, state in new.items():
        if key not in old:
            changes.append(DocChange("added", state, introduced=sorted(state.findings)))
            continue
        before = old[key]
        fields = _field_changes(before.data, state.data)
        introduced, fixed = _finding_changes(before.findings, state.findings)
        if before.src_uri != state.src_uri:
            changes.append(DocChange("renamed", state, before.path, fields, introduced, fixed))
        elif fields or introduced or fixed:
            changes.append(DocChange("changed", state, None, fields, introduced, fixed))
    for key, state in old.items():
        if key not in new:
            changes.append(DocChange("removed", state, fixed=sorted(state.findings)))
    order = {"added": 0, "removed": 1, "renamed": 2, "changed": 3}
    return sorted(changes, key=lambda c: (order[c.status], c.doc.path))


def page_url(site_url: str, src_uri: str) -> str:
    """The page of src_uri on a MkDocs site with directory URLs."""
    stem = src_uri.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return site_url.rstrip("/") + "/" + quote(stem)  # percent-encoded, as MkDocs writes page URLs


def _looks_typed(text: str) -> bool:
    """Would this text, shown bare, read as another value: a number, true, null, a list, (absent)?"""
    if text in ("", "(absent)") or text != text.strip():
        return True
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _show(value: Any) -> str:
    """One value with its type visible: 1, 1.0, true, null, "1" and (absent) all read differently."""
    if value is ABSENT:
        return "(absent)"
    plain = isinstance(value, str) and not _looks_typed(value)
    text = value if plain else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def _field_json(path: tuple, before: Any, after: Any) -> dict:
    change = "added" if before is ABSENT else "removed" if after is ABSENT else "changed"
    return {"field": path_text(path), "path": list(path), "change": change,
            "before": None if before is ABSENT else before, "after": None if after is ABSENT else after}


def as_json(changes: list[DocChange], base: str, head: str, site_url: str | None = None) -> str:
    docs = []
    for c in changes:
        entry = {"status": c.status, "id": c.doc.id, "kind": c.doc.kind, "title": c.doc.title, "path": c.doc.path,
                 "old_path": c.old_path,
                 "fields": [_field_json(*f) for f in c.fields],
                 "findings_introduced": [{"code": code, "message": m} for code, m in c.introduced],
                 "findings_fixed": [{"code": code, "message": m} for code, m in c.fixed]}
        if site_url and c.status != "removed":
            entry["url"] = page_url(site_url, c.doc.src_uri)
        docs.append(entry)
    decided = [{"id": c.doc.id, "decision": (c.doc.data or {}).get("decision"),
                "about": (c.doc.data or {}).get("about")}
               for c in decisions_added(changes)]
    return json.dumps({"base": base, "head": head, "decisions_added": decided, "documents": docs},
                      indent=2, ensure_ascii=False, default=str)


def _counts(changes: list[DocChange]) -> str:
    counts = Counter(c.status for c in changes)
    return ", ".join(f"{counts[s]} {s}" for s in ("added", "removed", "renamed", "changed"))


def as_text(changes: list[DocChange], base: str, head: str) -> str:
    lines = [f"strategy diff {base}..{head}: {_counts(changes)}"]
    lines += [f"decision added: {_decision_line(c)}" for c in decisions_added(changes)]
    marks = {"added": "+", "removed": "-", "renamed": "~", "changed": "~"}
    for c in changes:
        where = f"{c.old_path} -> {c.doc.path}" if c.old_path else c.doc.path
        lines.append(f"{marks[c.status]} {c.status} {where} ({c.doc.id or c.doc.kind})")
        for path, before, after in c.fields:
            lines.append(f"    {path_text(path)}: {_show(before)} -> {_show(after)}")
        for code, message in c.introduced:
            lines.append(f"    + finding {code} {message}")
        for code, message in c.fixed:
            lines.append(f"    - fixed {code} {message}")
    return "\n".join(lines)


def _code(text: str) -> str:
    """A code span that shows text as it is (mentions do not fire in code): on one line, fenced by
    more backticks than any run inside it."""
    text = " ".join(str(text).split())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if not text or text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def decisions_added(changes: list[DocChange]) -> list[DocChange]:
    return [c for c in changes if c.status == "added" and c.doc.kind == "decision"]


def _decision_line(c: DocChange) -> str:
    verdict = c.doc.data.get("decision") if c.doc.data else None
    about = c.doc.data.get("about") if c.doc.data else None
    return f"{c.doc.id}: {verdict or '?'}" + (f" about {about}" if about else "")


def as_markdown(changes: list[DocChange], base: str, head: str, site_url: str | None = None) -> str:
    lines = [f"### Strategy changes {_code(base)} → {_code(head)}", "", _counts(changes) + ".", ""]
    if not changes:
        lines.append("No strategy document changed.")
    decided = decisions_added(changes)
    if decided:
        lines += ["**Decisions added:** " + "; ".join(_md(_decision_line(c)) for c in decided), ""]
    for c in changes:
        title = _md(c.doc.title)
        if site_url and c.status != "removed":
            title = f"[{title}]({page_url(site_url, c.doc.src_uri)})"
        where = f"{_code(c.old_path)} → {_code(c.doc.path)}" if c.old_path else _code(c.doc.path)
        lines.append(f"- **{c.status}** {title} ({_md(c.doc.kind or '')}) {where}")
        for path, before, after in c.fields:
            lines.append(f"  - {_code(path_text(path))}: {_md(_show(before))} → {_md(_show(after))}")
        for code, message in c.introduced:
            lines.append(f"  - :warning: new finding **{_md(code)}** {_md(message)}")
        for code, message in c.fixed:
            lines.append(f"  - :white_check_mark: fixed **{_md(code)}** {_md(message)}")
    return "\n".join(lines)
