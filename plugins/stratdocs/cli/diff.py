"""`stratdocs diff BASE [HEAD]`: what changed in the strategy between two git revisions.

Documents, and the readings folder with them, are read with `git ls-tree` and one `git cat-file --batch`
(what `git show REV:path` prints), never by checking anything out; HEAD defaults to the working tree.
Both sides are evaluated on the same day (the settings' as_of, else today): what moves a gate or a health
is a change in the documents or in the readings, never the calendar.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..config import Config
from ..document import is_discovered
from ..evaluate import gates as g
from ..evaluate.conditions import MET, Outcome
from ..evaluate.evidence import Evidence
from ..evaluate.health import LEVELS, outcome_text
from ..load.gitrev import Entry, ignored, read_blobs, toplevel, tree_entries, verify
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
    evidence: dict[str, dict] = field(default_factory=dict)  # topic (gate, done, guardrail, health) -> its state


@dataclass(frozen=True)
class EvidenceChange:
    """A verdict the evidence gives a document that is not the same at both revisions."""

    topic: str  # gate | done | guardrail | health
    before: dict | None  # the state (see _evidence); None: no verdict on this side
    after: dict | None

    @property
    def direction(self) -> str:
        """'better', 'worse', or 'changed' (e.g. on course -> continue, or a verdict appearing)."""
        if self.before is None or self.after is None:
            return "changed"
        ranks = _RANKS[self.topic]
        old, new = ranks.get(self.before["verdict"], 1), ranks.get(self.after["verdict"], 1)
        return "changed" if old == new else "worse" if new > old else "better"

    @property
    def details(self) -> list[str]:
        """Why the after side says what it says: the health's reasons, or the conditions behind a verdict."""
        state = self.after
        if state is None:
            return []
        if self.topic == "health":
            declared = state["declared"]
            optimistic = declared is not None and LEVELS.index(declared) < LEVELS.index(state["verdict"])
            return [r["text"] for r in state["reasons"]] + ([f"declared {declared}"] if optimistic else [])
        conditions = state["conditions"]
        good = state["verdict"] in (g.CONTINUE, g.ON_COURSE, g.DONE, g.HOLDS)
        return [c["text"] for c in conditions if (c["state"] == MET) == good] or [c["text"] for c in conditions]

    def sentence(self, arrow: str) -> str:
        """'stage gate on course -> off course (resume-link-usage 14 % on 2026-11-16, needs at least 20 %)'."""
        details = "; ".join(self.details)
        return (f"{_TOPIC_NAMES[self.topic]} {_verdict_text(self.before)} {arrow} {_verdict_text(self.after)}"
                + (f" ({details})" if details else ""))


_TOPICS = ("gate", "done", "guardrail", "health")
_TOPIC_NAMES = {"gate": "stage gate", "done": "aim", "guardrail": "guardrail", "health": "health"}
# From good (0) to bad (2), to say whether a verdict got better or worse.
_RANKS = {"gate": {g.CONTINUE: 0, g.ON_COURSE: 0, g.NO_EVIDENCE: 1, g.OFF_COURSE: 2, g.CHANGE: 2},
          "done": {g.DONE: 0, g.NO_EVIDENCE: 1, g.NOT_DONE: 2},
          "guardrail": {g.HOLDS: 0, g.NO_EVIDENCE: 1, g.BREACHED: 2},
          "health": {level: n for n, level in enumerate(LEVELS)}}


def _verdict_text(state: dict | None) -> str:
    """'off course', 'breached since 2026-11-09', 'no evidence on 2026-12-07' (the gate's own verdict, its date
    come: continue and change say so themselves)."""
    if state is None:
        return "(none)"
    if state.get("final") and state["verdict"] == g.NO_EVIDENCE:
        return f"{state['verdict']} on {state['date']}"
    if state.get("since"):
        return f"{state['verdict']} since {state['since']}"
    return state["verdict"]


def _conditions(outcomes: tuple[Outcome, ...], evidence: Evidence) -> list[dict]:
    return [{"metric": o.condition.metric, "state": o.state, "text": outcome_text(o, evidence),
             "latest": None if o.latest is None else {"date": o.latest.date.isoformat(), "value": o.latest.value}}
            for o in outcomes]


def _evidence(doc_id: str | None, evidence: Evidence) -> dict[str, dict]:
    """What the evidence says of a document, as plain data: compared across revisions, written as JSON."""
    if doc_id is None:
        return {}
    states: dict[str, dict] = {}
    if (gate := evidence.gates.get(doc_id)) is not None:
        states["gate"] = {"verdict": gate.verdict, "final": gate.final,
                          "date": gate.date.isoformat() if gate.date else None,
                          "judged_on": gate.judged_on.isoformat(), "conditions": _conditions(gate.outcomes, evidence)}
    if (done := evidence.done.get(doc_id)) is not None:
        states["done"] = {"verdict": done.verdict, "conditions": _conditions(done.outcomes, evidence)}
    if (guard := evidence.guardrails.get(doc_id)) is not None:
        states["guardrail"] = {"verdict": guard.state, "since": guard.since.isoformat() if guard.since else None,
                               "conditions": _conditions(guard.outcomes, evidence)}
    if (health := evidence.health.get(doc_id)) is not None:
        states["health"] = {"verdict": health.computed, "declared": health.declared,
                            "reasons": [{"level": r.level, "topic": r.topic, "text": r.text, "about": r.about or None}
                                        for r in health.reasons]}
    return states


def _evidence_changes(before: dict[str, dict], after: dict[str, dict]) -> list[EvidenceChange]:
    """Only verdicts that moved: a reading that changes but leaves every verdict as it was is no change here.
    A gate's verdict is its own once its date has come (final), a trajectory before."""
    def key(state: dict | None) -> tuple | None:
        return None if state is None else (state["verdict"], state.get("final"))

    return [EvidenceChange(topic, before.get(topic), after.get(topic)) for topic in _TOPICS
            if key(before.get(topic)) != key(after.get(topic))]


@dataclass
class DocChange:
    status: str  # added | removed | renamed | changed
    doc: DocState  # the head side (the base side for removed)
    old_path: str | None = None
    fields: list[tuple[tuple, Any, Any]] = field(default_factory=list)  # (path, before, after); ABSENT if missing
    introduced: list[tuple[str, str]] = field(default_factory=list)
    fixed: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[EvidenceChange] = field(default_factory=list)

    @property
    def key(self):
        return (self.doc.path,)


def _relative(path: Path, top: Path) -> str | None:
    """path relative to the repository top ("" for the top itself), or None when outside it."""
    try:
        rel = path.resolve().relative_to(top)
    except ValueError:
        return None
    return "" if rel == Path(".") else rel.as_posix()


def _docs_prefix(docs_dir: Path, top: Path) -> str:
    prefix = _relative(docs_dir, top)
    if prefix is None:
        raise ValueError(f"the docs folder {docs_dir} is not inside the git repository {top}")
    return prefix


def _states(result, prefix: str) -> dict[str, DocState]:
    states = {}
    for doc in result.docs:
        if not doc.is_strategy:
            continue
        found = [(f.code, f.message) for f in result.by_doc.get(doc.src_uri, [])]
        path = f"{prefix}/{doc.src_uri}" if prefix else doc.src_uri
        states[doc.src_uri] = DocState(doc.src_uri, path, doc.id, doc.kind, doc.title, doc.data or {}, found,
                                       _evidence(doc.id, result.evidence))
    return states


def _under(path: str, folder: str) -> str:
    return path[len(folder) + 1:] if folder else path


def _is_readings_file(name: str) -> bool:
    """Whether the readings folder's reader would read the file (a .csv, no dot-file)."""
    return Path(name).suffix.lower() == ".csv" and not name.startswith(".")


def readings_folder(config: Config, top: Path) -> str | None:
    """The readings folder relative to the repository top, when git keeps it: each revision has its own
    readings. None when it is outside the repository or ignored: both sides then read it as it is on disk."""
    if config.readings_dir is None:
        return None
    rel = _relative(config.readings_dir, top)
    return None if rel is None or (rel and ignored(rel, top)) else rel


def snapshot(rev: str | None, docs_dir: Path, config: Config) -> dict[str, DocState]:
    """The strategy docs at rev (None: the working tree), by src_uri, evaluated on the readings at rev
    (see readings_folder)."""
    top = toplevel(docs_dir if docs_dir.is_dir() else Path.cwd())
    prefix = _docs_prefix(docs_dir, top)
    # Both sides judge last reviews on reviewed: dates alone: a revision in a temporary folder has no history,
    # and the calendar moving on is not what a pull request changes.
    config = replace(config, git_history=False)
    if rev is None:
        return _states(run(discover(docs_dir), config), prefix) if docs_dir.is_dir() else {}
    verify(rev, top)
    # Links are left out: a link's blob is its target's name, not a document (nor readings).
    docs = [e for e in tree_entries(rev, prefix, top) if e.regular and is_discovered(_under(e.path, prefix))]
    readings_at = readings_folder(config, top)
    readings: list[Entry] = []
    if readings_at is not None:
        readings = [e for e in tree_entries(rev, readings_at, top, recursive=False)
                    if e.regular and _is_readings_file(_under(e.path, readings_at))]
    blobs = read_blobs(docs + readings, top)
    slos = _slo_entries(rev, [(e.path, blobs[e.path]) for e in docs if e.path in blobs], top)
    blobs.update(read_blobs(slos, top))
    with tempfile.TemporaryDirectory(prefix="stratdocs-diff-") as tmp:
        # The repository's layout, as at rev: paths between files (readings, OpenSLO) hold as they do on disk.
        _write(Path(tmp), {e.path: blobs[e.path] for e in docs + slos if e.path in blobs})
        docs_root = Path(tmp, prefix)
        docs_root.mkdir(parents=True, exist_ok=True)
        project = _relative(config.project_dir, top) if config.project_dir is not None else None
        config = replace(config, project_dir=Path(tmp, project or ""))
        if readings_at is not None:  # the folder as it was at rev; none at all if it did not exist
            readings_root = Path(tmp, readings_at)
            _write(readings_root, {_under(e.path, readings_at): blobs[e.path] for e in readings if e.path in blobs})
            config = replace(config, readings_dir=readings_root)
        return _states(run(discover(docs_root), config), prefix)


_OPENSLO = re.compile(rb"^[ \t]+openslo:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)


def _slo_entries(rev: str, docs: list[tuple[str, bytes]], top: Path) -> list[Entry]:
    """The OpenSLO files the documents' guardrails point at, at rev (inside the repository)."""
    wanted = set()
    for path, raw in docs:
        for match in _OPENSLO.finditer(raw):
            written = match.group(1).decode("utf-8", "replace")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
            if not target.startswith(("../", "/")) and target != "..":
                wanted.add(target)
    return [e for target in sorted(wanted) for e in tree_entries(rev, target, top) if e.regular and e.path == target]


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, raw in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)


@dataclass(frozen=True)
class AsOf:
    """The one day both revisions are evaluated on, and where each side's readings come from."""

    day: dt.date
    pinned: bool  # by the as_of setting; else today
    readings_in_git: bool  # each revision has its own readings; else both read the folder on disk

    @classmethod
    def of(cls, config: Config, docs_dir: Path) -> AsOf:
        top = toplevel(docs_dir if docs_dir.is_dir() else Path.cwd())
        return cls(config.today, config.as_of, readings_folder(config, top) is not None)

    def sentence(self) -> str:
        why = "the as_of setting" if self.pinned else "today"
        where = ("the readings at each revision" if self.readings_in_git
                 else "the readings folder as it is now, which git does not keep")
        return f"evidence as of {self.day.isoformat()} ({why}) for both revisions, from {where}"

    def as_json(self) -> dict:
        return {"date": self.day.isoformat(), "setting": self.pinned,
                "readings": "each revision" if self.readings_in_git else "working tree"}


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
        evidence = _evidence_changes(before.evidence, state.evidence)
        if before.src_uri != state.src_uri:
            changes.append(DocChange("renamed", state, before.path, fields, introduced, fixed, evidence))
        elif fields or introduced or fixed or evidence:
            changes.append(DocChange("changed", state, None, fields, introduced, fixed, evidence))
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


def _evidence_json(e: EvidenceChange) -> dict:
    return {"topic": e.topic, "change": e.direction,
            "before": None if e.before is None else e.before["verdict"],
            "after": None if e.after is None else e.after["verdict"],
            "summary": e.sentence("→"), "details": e.details, "before_state": e.before, "after_state": e.after}


def as_json(changes: list[DocChange], base: str, head: str, site_url: str | None = None,
            as_of: AsOf | None = None) -> str:
    docs = []
    for c in changes:
        entry = {"status": c.status, "id": c.doc.id, "kind": c.doc.kind, "title": c.doc.title, "path": c.doc.path,
                 "old_path": c.old_path,
                 "fields": [_field_json(*f) for f in c.fields],
                 "findings_introduced": [{"code": code, "message": m} for code, m in c.introduced],
                 "findings_fixed": [{"code": code, "message": m} for code, m in c.fixed],
                 "evidence": [_evidence_json(e) for e in c.evidence]}
        if site_url and c.status != "removed":
            entry["url"] = page_url(site_url, c.doc.src_uri)
        docs.append(entry)
    decided = [{"id": c.doc.id, "decision": (c.doc.data or {}).get("decision"),
                "about": (c.doc.data or {}).get("about")}
               for c in decisions_added(changes)]
    top: dict[str, Any] = {"base": base, "head": head}
    if as_of is not None:
        top["as_of"] = as_of.as_json()
    return json.dumps({**top, "decisions_added": decided, "documents": docs},
                      indent=2, ensure_ascii=False, default=str)


def _counts(changes: list[DocChange]) -> str:
    counts = Counter(c.status for c in changes)
    return ", ".join(f"{counts[s]} {s}" for s in ("added", "removed", "renamed", "changed"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def as_text(changes: list[DocChange], base: str, head: str, as_of: AsOf | None = None) -> str:
    lines = [f"strategy diff {base}..{head}: {_counts(changes)}"]
    if as_of is not None and any(c.evidence for c in changes):
        lines.append(as_of.sentence())
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
        for e in c.evidence:
            lines.append(f"    evidence: {_one_line(e.sentence('->'))}")
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


_EVIDENCE_MARKS = {"worse": ":warning: ", "better": ":white_check_mark: ", "changed": ""}


def as_markdown(changes: list[DocChange], base: str, head: str, site_url: str | None = None,
                as_of: AsOf | None = None) -> str:
    lines = [f"### Strategy changes {_code(base)} → {_code(head)}", "", _counts(changes) + ".", ""]
    if as_of is not None and any(c.evidence for c in changes):
        sentence = as_of.sentence()
        lines += [_md(sentence[0].upper() + sentence[1:] + "."), ""]
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
        for e in c.evidence:
            lines.append(f"  - {_EVIDENCE_MARKS[e.direction]}{_md(e.sentence('→'))}")
    return "\n".join(lines)
