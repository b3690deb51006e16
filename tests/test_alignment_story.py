"""The Alignment Index of a known story, committed day by day into a real git repository: the exact figures.

Day 0 is Monday 2 March 2026; the index is taken as of day 40.
- Aim A ("phone uploads") gates on day 10: its rule (phone uploads >= 20%) is not met (8% on day 7). The
  decision (change) and the new gate come on day 17, with the declared health set to off-track: 7 days for the
  correction, 7 days for the declared health to follow (it said at-risk, the evidence off-track).
- Aim C ("checkout") breaches its guardrail on day 20 (92% < 98%) and stays declared on-track for 12 days; on
  day 32 it says at-risk and a decision (continue) answers the breach: 12 days each. On day 35 its file is
  renamed: its history goes on under the new name.
- Aim B ("texts") goes from on-track straight to off-track on day 25 (a surprise), is stopped by a decision
  on day 26 (a pivot) and its file deleted on day 38: it still counts.
- Two pivots (change on day 17, stop on day 26), one gate decided (change): 100% of gates ended in change or stop.
- A survey metric tagged psychological-safety reads 4.1 then 4.4.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from stratdocs.alignment.compute import alignment_index, measure
from stratdocs.alignment.model import AlignmentIndex
from stratdocs.config import AlignmentSettings, Config
from stratdocs.history.replay import read_history

DAY0 = dt.date(2026, 3, 2)
TODAY = DAY0 + dt.timedelta(days=40)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _git_allowed(monkeypatch):
    monkeypatch.delenv("STRATDOCS_NO_GIT", raising=False)


def git(repo: Path, *args: str, when: dt.date = DAY0) -> str:
    stamp = f"{when.isoformat()}T12:00:00+00:00"
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_DATE=stamp)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, n: int, files: dict[str, str] | None = None, remove: tuple[str, ...] = (),
           moves: tuple[tuple[str, str], ...] = ()) -> None:
    for rel, text in (files or {}).items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for old, new in moves:
        git(repo, "mv", old, new)
    for rel in remove:
        git(repo, "rm", "-q", rel)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"day {n}", when=day(n))


def sheet(doc_id: str, title: str, health: str, status: str = "active", gate: int = 10, rule_metric: str = "uploads",
          at_least: float = 20, guardrail: str = "") -> str:
    return f"""---
kind: alignment-sheet
id: {doc_id}
title: {title}
status: {status}
owner: Team
health: {health}
aim:
  statement: Claimants do the thing online
mechanism:
  hypothesis: If we make it easy then claimants do it because it is easy
feedback:
  - signal: Uses
    metric: {rule_metric}
    baseline: 5
    target: 30
stage_gate:
  decision_date: {day(gate).isoformat()}
  window_weeks: 2
  rule:
    metric: {rule_metric}
    at_least: {at_least}
{guardrail}---
"""


def metric(doc_id: str, title: str, unit: str = "%", tags: str = "") -> str:
    return f"""---
kind: metric
id: {doc_id}
title: {title}
status: active
type: leading
unit: "{unit}"
direction: up
{tags}---
"""


def decision(doc_id: str, about: str, outcome: str, n: int) -> str:
    return f"""---
kind: decision
id: {doc_id}
title: Decide {about} {outcome}
status: done
date: {day(n).isoformat()}
decision: {outcome}
about: {about}
summary: We {outcome}.
rationale: The readings say so.
---
"""


def readings(*rows: tuple[int, float]) -> str:
    return "date,value\n" + "".join(f"{day(n).isoformat()},{value}\n" for n, value in rows)


GUARD = "guardrail:\n  metric: success\n  at_least: 98\n"


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("story")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, 0, {
        "strategy/metrics/uploads.md": metric("uploads", "Phone uploads"),
        "strategy/metrics/success.md": metric("success", "Upload success"),
        "strategy/metrics/team-safety.md": metric("team-safety", "Team safety survey", unit="points",
                                                  tags="tags: [psychological-safety]\n"),
        "strategy/aims/a.md": sheet("phone-uploads", "Phone uploads", "at-risk"),
        "strategy/aims/b.md": sheet("texts", "Texts", "on-track", gate=60, rule_metric="success", at_least=0),
        "strategy/aims/c.md": sheet("checkout", "Checkout", "on-track", gate=60, rule_metric="success", at_least=0,
                                    guardrail=GUARD),
        "readings/uploads.csv": readings((0, 5)),
        "readings/success.csv": readings((0, 99)),
        "readings/team-safety.csv": readings((0, 4.1)),
    })
    commit(repo, 7, {"readings/uploads.csv": readings((0, 5), (7, 8))})
    commit(repo, 17, {"strategy/decisions/a-change.md": decision("a-change", "phone-uploads", "change", 17),
                      "strategy/aims/a.md": sheet("phone-uploads", "Phone uploads", "off-track", gate=45)})
    commit(repo, 20, {"readings/success.csv": readings((0, 99), (20, 92))})
    commit(repo, 25, {"strategy/aims/b.md": sheet("texts", "Texts", "off-track", gate=60, rule_metric="success",
                                                  at_least=0)})
    commit(repo, 26, {"strategy/decisions/b-stop.md": decision("b-stop", "texts", "stop", 26),
                      "strategy/aims/b.md": sheet("texts", "Texts", "off-track", status="stopped", gate=60,
                                                  rule_metric="success", at_least=0)})
    commit(repo, 30, {"readings/team-safety.csv": readings((0, 4.1), (30, 4.4))})
    commit(repo, 32, {"strategy/decisions/c-continue.md": decision("c-continue", "checkout", "continue", 32),
                      "strategy/aims/c.md": sheet("checkout", "Checkout", "at-risk", gate=60, rule_metric="success",
                                                  at_least=0, guardrail=GUARD)})
    commit(repo, 35, moves=(("strategy/aims/c.md", "strategy/aims/checkout.md"),))
    commit(repo, 38, remove=("strategy/aims/b.md",))
    commit(repo, 50, {"strategy/decisions/late.md": decision("late", "checkout", "stop", 50)})  # after as_of
    return repo


def config(repo: Path, **alignment) -> Config:
    return Config(today=TODAY, as_of=True, readings_dir=repo / "readings", project_dir=repo,
                  alignment=AlignmentSettings(**alignment))


def index_of(repo: Path, **alignment) -> AlignmentIndex:
    return alignment_index(repo / "strategy", config(repo, **alignment))


def test_the_history_is_read_as_of_the_day(story):
    index = index_of(story)
    assert index.history.available and not index.history.shallow
    assert index.history.commits == 10  # day 50 is after as_of
    assert (index.history.first, index.history.last) == (DAY0, day(38))


def test_course_correction_speed(story):
    dim = index_of(story).dimension("course-correction")
    assert dim is not None and dim.measured
    rows = [(r.doc_id, r.day, r.state, r.days, r.until) for r in dim.rows]
    assert rows == [("phone-uploads", day(10), "answered", 7, day(17)),
                    ("checkout", day(20), "answered", 12, day(32))]
    assert dim.value == 9.5
    assert "median 9.5 days" in dim.summary
    assert dim.rows[0].text.startswith("gate: stage gate rule not met on 2026-03-12")
    assert "answered by decision 'Decide phone-uploads change' on 2026-03-19" in dim.rows[0].text


def test_information_flow_is_the_depth_of_the_thermocline(story):
    dim = index_of(story).dimension("information-flow")
    assert dim is not None
    rows = [(r.doc_id, r.day, r.state, r.days, r.until) for r in dim.rows]
    assert rows == [("phone-uploads", day(10), "followed", 7, day(17)),
                    ("checkout", day(20), "followed", 12, day(32))]
    assert dim.value == 9.5


def test_a_surprise_is_on_track_straight_to_off_track(story):
    dim = index_of(story).dimension("surprise")
    assert dim is not None
    # Phone uploads fell to off-track too, but it had said at-risk first: warned, not a surprise.
    assert [(r.doc_id, r.day, r.state) for r in dim.rows] == [("phone-uploads", day(17), "warned"),
                                                              ("texts", day(25), "surprise")]
    assert dim.value == 1
    assert dim.summary.startswith("1 of 2 falls to off-track or stopped came with no at-risk step")
    assert [(p.label, p.value) for p in dim.periods] == [("2026-03", 1.0), ("2026-04", 0.0)]


def test_pivots_and_the_gates_that_ended_in_them(story):
    dim = index_of(story).dimension("pivots")
    assert dim is not None
    pivots = [(r.doc_id, r.day, r.state) for r in dim.rows if r.state in ("change", "stop", "continue")]
    assert pivots == [("a-change", day(17), "change"), ("b-stop", day(26), "stop"),
                      ("c-continue", day(32), "continue")]
    gates = [(r.doc_id, r.day, r.state, r.until) for r in dim.rows if r.state.startswith("gate")]
    assert gates == [("phone-uploads", day(10), "gate: change", day(17))]
    assert dim.value == 100.0
    assert dim.summary.startswith("2 pivots (1 change, 1 stop) among 3 decisions; 1 of 1 decided gates")


def test_psychological_safety_is_read_from_the_survey(story):
    dim = index_of(story).dimension("safety")
    assert dim is not None and dim.measured
    assert dim.value == 4.4
    assert [(r.day, r.state) for r in dim.rows] == [(day(0), "reading"), (day(30), "reading")]
    assert [(p.label, p.value) for p in dim.periods] == [("2026-03", 4.1), ("2026-04", 4.4)]


def test_a_renamed_document_keeps_its_history_under_its_new_name(story):
    dim = index_of(story).dimension("information-flow")
    assert dim is not None
    checkout = [r for r in dim.rows if r.doc_id == "checkout"]
    assert checkout and all(r.src_uri == "aims/checkout.md" for r in checkout)


def test_a_deleted_document_still_counts(story):
    history = read_history(story / "strategy", story / "readings", by=TODAY)
    assert history.doc_at("texts", day(37)) is not None
    assert history.doc_at("texts", day(38)) is None


def test_earlier_as_of_sees_only_what_was_committed_by_then(story):
    index = alignment_index(story / "strategy", replace(config(story), today=day(15)))
    dim = index.dimension("course-correction")
    assert dim is not None
    assert [(r.doc_id, r.state, r.days) for r in dim.rows] == [("phone-uploads", "waiting", 5)]
    assert "1 still waiting, the longest for 5 days" in dim.summary


def test_quarters_and_triggers_are_settings(story):
    index = index_of(story, period="quarter", triggers=("guardrail",))
    dim = index.dimension("course-correction")
    assert dim is not None
    assert [r.doc_id for r in dim.rows] == ["checkout"]
    assert [p.label for p in dim.periods] == ["2026-Q1", "2026-Q2"]


def test_without_a_survey_metric_safety_is_not_measured_and_says_how_to_start(story):
    index = index_of(story, survey_metric="no-such-metric")
    dim = index.dimension("safety")
    assert dim is not None and not dim.measured and dim.value is None
    assert "no readings" in dim.summary


def test_the_index_round_trips_through_json(story):
    index = index_of(story)
    assert AlignmentIndex.from_json(json.loads(json.dumps(index.as_json()))) == index


def test_the_cache_is_used_until_a_new_commit(story, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = alignment_index(story / "strategy", config(story), cache_dir=cache)
    assert (cache / "alignment.json").is_file()
    import stratdocs.alignment.compute as compute
    monkeypatch.setattr(compute, "read_history", lambda *a, **k: pytest.fail("replayed despite the cache"))
    assert alignment_index(story / "strategy", config(story), cache_dir=cache) == first
    other = replace(config(story), today=day(39))  # another day is another index
    monkeypatch.undo()
    assert alignment_index(story / "strategy", other, cache_dir=cache).as_of == day(39)


def test_a_shallow_clone_says_where_its_history_starts(story, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{story}", str(clone)], check=True,
                   capture_output=True)
    index = index_of(clone)
    assert index.history.shallow and index.history.available
    assert "shallow clone" in index.history.reason
    assert index.history.commits < 10


def test_no_git_gives_a_reason_and_nothing_measured(tmp_path, monkeypatch):
    (tmp_path / "strategy").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    index = alignment_index(tmp_path / "strategy", config(tmp_path))
    assert not index.history.available
    assert "not a git repository" in index.history.reason
    assert all(not d.measured and d.rows == () for d in index.dimensions)
    assert len(index.dimensions) == 5
    monkeypatch.setenv("STRATDOCS_NO_GIT", "1")
    assert "STRATDOCS_NO_GIT" in alignment_index(tmp_path / "strategy", config(tmp_path)).history.reason


def test_measure_on_an_empty_history():
    from stratdocs.history.replay import History
    index = measure(History(), Config(today=TODAY))
    assert all(not d.measured for d in index.dimensions)


def test_the_cli_prints_the_same_figures(story):
    (story / "pyproject.toml").write_text(f'[tool.stratdocs]\nas_of = "{TODAY.isoformat()}"\n', encoding="utf-8")
    try:
        out = subprocess.run([sys.executable, "-m", "stratdocs", "index", "--format", "json", "strategy"],
                             cwd=story, capture_output=True, text=True, check=True).stdout
        data = json.loads(out)
        assert {d["key"]: d["value"] for d in data["dimensions"]} == {
            "course-correction": 9.5, "information-flow": 9.5, "surprise": 1.0, "pivots": 100.0, "safety": 4.4}
        text = subprocess.run([sys.executable, "-m", "stratdocs", "index", "strategy"], cwd=story,
                              capture_output=True, text=True, check=True).stdout
        assert "Course-correction speed: 9.5 days (lower is better)" in text
        assert "history: 10 commits from 2026-03-02 to 2026-04-09" in text
        exported = json.loads(subprocess.run([sys.executable, "-m", "stratdocs", "export", "strategy"], cwd=story,
                                             capture_output=True, text=True, check=True).stdout)
        assert exported["alignment"] == data
        schema = json.loads((Path(__file__).parent.parent / "schemas" / "export.schema.json").read_text())
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(exported)
    finally:
        (story / "pyproject.toml").unlink()


HOSTILE_VERSIONS = [
    "---\nkind: alignment-sheet\nid: bad\ntitle: [unclosed\n---\n",  # YAML that does not parse
    "---\nkind: alignment-sheet\nid: bad\nhealth: [1, 2]\nstatus: {a: 1}\nstage_gate: text\nfeedback: 7\n---\n",
    ("---\nkind: alignment-sheet\nid: bad\nhealth: on-track\nstage_gate:\n  decision_date: 2026-02-30\n"
    "  rule: {all: 3}\nguardrail: {metric: [x], at_least: high}\n---\n"),
    ("---\nkind: alignment-sheet\nid: bad\nhealth: off-track\nstatus: stopped\ncadence: {review: weekly}\n"
    "reviewed: not-a-date\n---\n"),
]


def test_hostile_versions_in_the_history_are_measured_around_never_crash(tmp_path):
    repo = tmp_path / "hostile"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, 0, {"strategy/metrics/x.md": metric("x", "<script>alert(1)</script>"),
                     "readings/x.csv": "date,value\nnot,a,row\n2026-03-02,5\n"})
    for n, text in enumerate(HOSTILE_VERSIONS, start=1):
        commit(repo, n, {"strategy/aims/bad.md": text})
    (repo / "strategy" / "aims" / "latin1.md").write_bytes("---\nkind: decision\nid: caf\xe9\n---\n".encode("latin-1"))
    (repo / "strategy" / "aims" / "big.md").write_bytes(b"---\nkind: metric\nid: big\n---\n" + b"x" * (2 << 20))
    (repo / "strategy" / "decisions").mkdir()
    (repo / "strategy" / "decisions" / "d.md").write_text(
        "---\nkind: decision\nid: d\ndate: 2026-03-09\ndecision: change\nabout: [bad, x]\n---\n", encoding="utf-8")
    (repo / "strategy" / "decisions" / "twin.md").write_text(
        "---\nkind: decision\nid: d\ndate: 9999-99-99\ndecision: {stop: 1}\nabout: bad\n---\n", encoding="utf-8")
    (repo / "strategy" / "premortems.md").write_text(
        "---\nkind: premortem\nid: p\nthreatens: bad\nitems: [1, {observed: 2026-13-01}, {observed: 2026-03-03}]\n"
        "---\n", encoding="utf-8")
    (repo / "readings" / "x.csv").write_bytes(b"\xff\xfe\x00garbage")
    commit(repo, 8)
    (repo / "strategy" / "name\nwith newline.md").write_text(sheet("nl", "NL", "on-track"), encoding="utf-8")
    commit(repo, 9)
    index = index_of(repo)
    assert index.history.available and index.history.commits == 7
    assert len(index.dimensions) == 5
    assert AlignmentIndex.from_json(json.loads(json.dumps(index.as_json()))) == index
    surprise = index.dimension("surprise")
    assert surprise is not None
    assert [(r.doc_id, r.day, r.state) for r in surprise.rows] == [("bad", day(4), "surprise")]
    history = read_history(repo / "strategy", repo / "readings", by=TODAY)
    assert history.paths["nl"] == "name\nwith newline.md"
    assert history.doc_at("d", day(8)) is not None  # two files claim the id: the history still holds one


def test_the_evidence_recovering_first_and_a_status_still_green_are_told_apart(tmp_path):
    """Checkout: breached on day 5, recovered on day 9 with the declared health never moved. Texts: the evidence
    fell on day 12 and the declared health is still on-track on day 40. Phone: fell and declared the same day."""
    repo = tmp_path / "flow"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, 0, {
        "strategy/metrics/success.md": metric("success", "Upload success"),
        "strategy/metrics/uploads.md": metric("uploads", "Phone uploads"),
        "strategy/aims/c.md": sheet("checkout", "Checkout", "on-track", gate=60, rule_metric="success", at_least=0,
                                    guardrail=GUARD),
        "strategy/aims/t.md": sheet("texts", "Texts", "on-track", gate=60, rule_metric="uploads", at_least=0,
                                    guardrail=GUARD.replace("success", "uploads").replace("98", "10")),
        "strategy/aims/p.md": sheet("phone", "Phone", "on-track", gate=60, rule_metric="success", at_least=50),
        "readings/success.csv": readings((0, 99)),
        "readings/uploads.csv": readings((0, 20)),
    })
    commit(repo, 5, {"readings/success.csv": readings((0, 99), (5, 90))})
    commit(repo, 9, {"readings/success.csv": readings((0, 99), (5, 90), (9, 99))})
    commit(repo, 12, {"readings/uploads.csv": readings((0, 20), (12, 4))})
    commit(repo, 20, {"readings/success.csv": readings((0, 99), (5, 90), (9, 99), (20, 40)),
                      "strategy/aims/p.md": sheet("phone", "Phone", "at-risk", gate=60, rule_metric="success",
                                                  at_least=50)})
    dim = index_of(repo).dimension("information-flow")
    assert dim is not None
    rows = [(r.doc_id, r.day, r.state, r.days) for r in dim.rows]
    assert ("checkout", day(5), "recovered", 4) in rows
    assert ("texts", day(12), "below", 28) in rows
    assert ("phone", day(20), "followed", 0) in rows
    assert dim.value == 0
    assert ("checkout", day(20), "below", 20) in rows  # success fell again on day 20, for checkout too
    assert len(rows) == 4
    assert "2 still declared better than the evidence, the longest for 28 days" in dim.summary


@pytest.mark.parametrize(("table", "message"), [
    ("period = \"week\"", "'period' must be month or quarter"),
    ("triggers = [\"gate\", \"rumour\"]", "'triggers' must be a list of gate, guardrail"),
    ("triggers = \"gate\"", "'triggers' must be a list"),
    ("survey_metric = 3", "'survey_metric' must be a metric id"),
    ("history = \"\"", "'history' must be a folder"),
    ("colour = \"red\"", "unknown key 'colour'"),
])
def test_bad_alignment_settings_are_named(tmp_path, table, message):
    (tmp_path / "strategy").mkdir()
    (tmp_path / "pyproject.toml").write_text(f"[tool.stratdocs.alignment]\n{table}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "stratdocs", "index", "strategy"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_the_history_setting_reads_another_work_tree(story, tmp_path):
    """The project has no git of its own; the setting points at a work tree with the same layout."""
    project = tmp_path / "project"
    (project / "strategy").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[tool.stratdocs]\nas_of = "{TODAY.isoformat()}"\n[tool.stratdocs.alignment]\nhistory = "{story}"\n',
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "stratdocs", "index", "--format", "json", "strategy"], cwd=project,
                          capture_output=True, text=True, check=True,
                          env=dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path)))
    data = json.loads(proc.stdout)
    assert data["history"]["commits"] == 10
    assert {d["key"]: d["value"] for d in data["dimensions"]}["course-correction"] == 9.5


def test_a_merged_branch_counts_on_the_day_it_merged(tmp_path):
    """What the main line said: a change made on a branch on day 3 reached main on day 6."""
    repo = tmp_path / "merge"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, 0, {"strategy/aims/a.md": sheet("a", "A", "on-track")})
    git(repo, "checkout", "-q", "-b", "topic")
    commit(repo, 3, {"strategy/aims/a.md": sheet("a", "A", "at-risk")})
    git(repo, "checkout", "-q", "main")
    commit(repo, 4, {"strategy/other.md": "# Notes\n"})
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "topic", when=day(6))
    history = read_history(repo / "strategy", None, by=TODAY)
    assert [v.day for v in history.docs["a"]] == [day(0), day(6)]
    assert history.doc_at("a", day(5)).get("health") == "on-track"  # type: ignore[union-attr]
    assert history.doc_at("a", day(6)).get("health") == "at-risk"  # type: ignore[union-attr]
