"""`stratdocs diff BASE [HEAD]` over real git repositories."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import run_cli, write
from samples import SHEET, sheet


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def commit(cwd, message):
    git(cwd, "add", "-A")
    git(cwd, "commit", "-qm", message)


OTHER = SHEET.replace("id: online-claim-completion", "id: other").replace("title: Claimants finish", "title: Other")


def repo(tmp_path):
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n", "strategy/aims/a.md": SHEET,
                     "strategy/b.md": OTHER, "strategy/index.md": "# Home\n"})
    git(tmp_path, "init", "-q")
    commit(tmp_path, "base")
    return tmp_path


def test_gate_date_moved_in_last_commit(tmp_path):
    repo(tmp_path)
    write(tmp_path, {"strategy/aims/a.md": sheet(**{"decision_date: 2026-12-07": "decision_date: 2027-01-11"})})
    commit(tmp_path, "move the gate")
    result = run_cli("diff", "HEAD~1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "changed strategy/aims/a.md (online-claim-completion)" in result.stdout
    assert "stage_gate.decision_date: 2026-12-07 -> 2027-01-11" in result.stdout
    assert "strategy/b.md" not in result.stdout
    assert run_cli("diff", "HEAD~1", "HEAD", cwd=tmp_path).stdout.splitlines()[1:] == result.stdout.splitlines()[1:]
    assert "0 changed" in run_cli("diff", "HEAD", cwd=tmp_path).stdout  # clean working tree
    head_before = git(tmp_path, "rev-parse", "HEAD")
    assert git(tmp_path, "status", "--porcelain") == "" and git(tmp_path, "rev-parse", "HEAD") == head_before


def test_added_removed_renamed_and_findings(tmp_path):
    repo(tmp_path)
    (tmp_path / "strategy/b.md").rename(tmp_path / "strategy/renamed.md")
    (tmp_path / "strategy/aims/a.md").unlink()
    write(tmp_path, {"strategy/new.md": SHEET.replace("id: online-claim-completion", "id: brand-new"),
                     "strategy/renamed.md": OTHER.replace("status: active", "status: paused").replace(
                         'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n', "")})
    data = json.loads(run_cli("diff", "--format", "json", "--site-url", "https://s.example.org/", "HEAD",
                              cwd=tmp_path).stdout)
    assert data["base"] == "HEAD" and data["head"] == "working tree"
    docs = {d["status"]: d for d in data["documents"]}
    assert set(docs) == {"added", "removed", "renamed"}
    assert docs["added"]["id"] == "brand-new" and docs["added"]["url"] == "https://s.example.org/new/"
    assert docs["removed"]["path"] == "strategy/aims/a.md"
    renamed = docs["renamed"]
    assert renamed["old_path"] == "strategy/b.md" and renamed["path"] == "strategy/renamed.md"
    fields = {f["field"]: (f["before"], f["after"]) for f in renamed["fields"]}
    assert fields["status"] == ("active", "paused")
    assert fields["guardrail.sli"] == ("claim form availability", None)
    assert [f["code"] for f in renamed["findings_introduced"]] == ["SD106"]
    markdown = run_cli("diff", "--format", "markdown", "--site-url", "https://s.example.org", "HEAD",
                       cwd=tmp_path).stdout
    assert "[Other claim online](https://s.example.org/renamed/)" in markdown.replace("Other their", "Other")
    assert "`status`: active → paused" in markdown and "**SD106**" in markdown
    commit(tmp_path, "rework")
    back = json.loads(run_cli("diff", "--format", "json", "HEAD", "HEAD~1", cwd=tmp_path).stdout)
    assert [f["code"] for f in {d["status"]: d for d in back["documents"]}["renamed"]["findings_fixed"]] == ["SD106"]


def test_bad_revision_is_usage_error(tmp_path):
    repo(tmp_path)
    result = run_cli("diff", "nope", cwd=tmp_path)
    assert result.returncode == 2 and "nope" in result.stderr


DECISION = """---
kind: decision
id: stop-the-pilot
title: "Stop [the pilot](javascript:alert(1)) *now*"
status: active
owner: Priya Shah
date: 2026-11-20
decision: stop
about: online-claim-completion
rationale: The proxy did not move.
deciders: [Priya Shah]
---
"""


def test_decisions_added_are_listed_and_markdown_is_inert(tmp_path):
    repo(tmp_path)
    write(tmp_path, {"strategy/decisions/stop.md": DECISION})
    text = run_cli("diff", "HEAD", cwd=tmp_path).stdout
    assert "decision added: stop-the-pilot: stop about online-claim-completion" in text
    data = json.loads(run_cli("diff", "--format", "json", "HEAD", cwd=tmp_path).stdout)
    assert data["decisions_added"] == [{"id": "stop-the-pilot", "decision": "stop", "about": "online-claim-completion"}]
    markdown = run_cli("diff", "--format", "markdown", "HEAD", cwd=tmp_path).stdout
    assert "**Decisions added:** stop-the-pilot: stop about online-claim-completion" in markdown
    assert "\\[the pilot\\](javascript:alert(1)) \\*now\\*" in markdown  # brackets escaped: no link
    from markdown_it import MarkdownIt

    tokens = [t for block in MarkdownIt("commonmark").parse(markdown) for t in (block.children or [])]
    assert not [t for t in tokens if t.type == "link_open" and "javascript" in t.attrGet("href")]


# Values whose type changes, keys that appear as null or vanish, and a key named "a.b" beside a: {b: ...}.
TYPED_BEFORE = """x:
  one: 1
  zero: 0
  float: 1
  str: "1"
  list: [1, 0]
  gone: null
  empty: {}
  same: 2
  flag: true
  a.b: 1
  a:
    b: 2
"""
TYPED_AFTER = """x:
  one: true
  zero: false
  float: 1.0
  str: 1
  list: [true, false]
  nul: null
  empty: null
  same: 2
  flag: true
  a.b: 2
  a:
    b: 2
"""


def test_type_null_and_absent_changes_are_seen(tmp_path):
    repo(tmp_path)
    write(tmp_path, {"strategy/aims/a.md": SHEET.replace("---\n\nBody", TYPED_BEFORE + "---\n\nBody")})
    commit(tmp_path, "typed values")
    write(tmp_path, {"strategy/aims/a.md": SHEET.replace("---\n\nBody", TYPED_AFTER + "---\n\nBody")})
    text = run_cli("diff", "HEAD", cwd=tmp_path).stdout
    for line in ["x.one: 1 -> true", "x.zero: 0 -> false", "x.float: 1 -> 1.0", 'x.str: "1" -> 1',
                 "x.list: [1, 0] -> [true, false]", "x.gone: null -> (absent)", "x.nul: (absent) -> null",
                 "x.empty: {} -> null", 'x["a.b"]: 1 -> 2']:
        assert f"\n    {line}\n" in text + "\n", line
    assert "x.same" not in text and "x.flag" not in text and "x.a.b" not in text
    data = json.loads(run_cli("diff", "--format", "json", "HEAD", cwd=tmp_path).stdout)
    fields = {f["field"]: f for f in data["documents"][0]["fields"]}
    assert fields["x.nul"] == {"field": "x.nul", "path": ["x", "nul"], "change": "added", "before": None, "after": None}
    assert fields["x.gone"]["change"] == "removed" and fields["x.gone"]["before"] is None
    assert fields["x.one"]["change"] == "changed" and fields["x.one"]["after"] is True
    assert fields['x["a.b"]']["path"] == ["x", "a.b"]
    markdown = run_cli("diff", "--format", "markdown", "HEAD", cwd=tmp_path).stdout
    assert "`x.nul`: (absent) → null" in markdown and '`x.str`: "1" → 1' in markdown


def _leaf_paths(value, path=()):
    if isinstance(value, dict) and value:
        return [p for key, item in value.items() for p in _leaf_paths(item, path + (key,))]
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return [p for i, item in enumerate(value) for p in _leaf_paths(item, path + (i,))]
    return [path]


def test_field_paths_never_collide(tmp_path):
    """Every pair of keys from an alphabet of path punctuation, nested, plus lists: one distinct path each."""
    alphabet = ["a", ".", "[", "]", '"', "0", " "]
    keys = alphabet + [a + b for a in alphabet for b in alphabet] + ["", "[0]", "l[0]", '["a"]', "a\nb", "é"]
    tree = {k1: {k2: n for n, k2 in enumerate(keys)} for k1 in keys}
    tree["l"] = [{"a": 1}, {"0": 2}, [3, {"": 4}]]
    repo(tmp_path)
    write(tmp_path, {"strategy/aims/a.md": SHEET.replace("---\n\nBody", f"x: {json.dumps(tree)}\n---\n\nBody")})
    data = json.loads(run_cli("diff", "--format", "json", "HEAD", cwd=tmp_path).stdout)
    fields = data["documents"][0]["fields"]
    assert len({f["field"] for f in fields}) == len(fields) == len(_leaf_paths(tree))
    for f in fields:
        value = {"x": tree}
        for step in f["path"]:
            value = value[step]
        assert f["after"] == value and f["change"] == "added"
    names = {f["field"] for f in fields}
    # List items count from 1, as lint names them; the JSON path is the machine's (from 0).
    assert {'x.a["."]', 'x["."].a', 'x["l[0]"].a', "x.l[1].a", 'x.l[2].0', 'x.l[3][2][""]', 'x.a["a\\nb"]'} <= names


# Text that tries to ping people or break a pull-request comment out of its structure.
FRAGMENTS = ["@priya", "@org/team", "＠priya", "a@b.org", "@", "`", "``", "|", "| a | b |\n|---|---|",
             "[x](javascript:1)",
             "![i](https://e.example/i.png)", "<img src=x onerror=alert(1)>", "<!--", "&#64;priya", "&amp;", "*", "__",
             "~~s~~", "$x^2$", "\\", "\\@priya", "\n- item", "\n# h", "\n\n> q", ":warning:", "https://e.example",
             "<https://e.example>", "\r\n", "\u2028", "\t", "\x00", "    code", "1. ", "]: /x", "\"'"]
HOSTILE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(max_codepoint=0xFFFF,
                                                                                exclude_categories=("Cs",)),
                                                                  max_size=8)),
                   min_size=1, max_size=4).map("".join)
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")  # escapes stay apart
SITE = "https://s.example.org/"


def hostile_docs(texts):
    """Base docs d<i>; in the working tree each takes text i as title, owner, a key and its value, beside
    an added decision (decision, about) and an added document of that kind."""
    base, head = {}, {}
    for i, text in enumerate(texts):
        q = json.dumps(text)  # a YAML double-quoted scalar, all ASCII
        doc = SHEET.replace("online-claim-completion", f"d{i}")
        base[f"strategy/d{i}.md"] = doc.replace("title: Claimants finish their claim online", f"title: Doc {i}")
        head[f"strategy/d{i}.md"] = doc.replace("title: Claimants finish their claim online", f"title: {q}").replace(
            "owner: Priya Shah", f"owner: {q}").replace("---\n\nBody", f"x: {{{q}: {q}}}\n---\n\nBody")
        head[f"strategy/dec{i}.md"] = DECISION.replace("stop-the-pilot", f"dec{i}").replace(
            "decision: stop", f"decision: {q}").replace("about: online-claim-completion", f"about: {q}").replace(
            'title: "Stop [the pilot](javascript:alert(1)) *now*"', f"title: {q}")
        head[f"strategy/k{i}.md"] = f"---\nkind: {q}\nid: k{i}\ntitle: K{i}\n---\n"
    return base, head


def check_inert(markdown):
    """The comment's structure is ours alone, and no text outside code can mention anyone."""
    tokens = MARKDOWN.parse(markdown)
    types = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not types & {"html_block", "html_inline", "image", "em_open", "s_open", "table_open", "blockquote_open",
                        "code_block", "fence", "hardbreak", "softbreak", "ordered_list_open", "hr"}, types
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3"]
    items = [line for line in markdown.splitlines() if re.match(r" *- ", line)]
    assert sum(t.type == "list_item_open" for t in tokens) == len(items)
    for inline in (t for t in tokens if t.type == "inline"):
        children = inline.children
        for n, child in enumerate(children):
            if child.type == "link_open":
                assert child.attrs["href"].startswith(SITE)
            if child.type == "strong_open":
                assert re.fullmatch(r"added|removed|renamed|changed|Decisions added:|SD\d+", children[n + 1].content)
            if child.type == "text":  # not escaped: GitHub would read $...$ as math
                assert "$" not in child.content, child.content
        text = "".join(c.content for c in children if c.type in ("text", "text_special"))
        assert not re.search("[@＠](?!\u2060)", text), text


def rendered_text(markdown):
    return "".join(c.content for t in MARKDOWN.parse(markdown) if t.type == "inline"
                   for c in t.children if c.type in ("text", "text_special")).replace("\u2060", "")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE, min_size=1, max_size=4))
def test_markdown_is_inert_for_generated_text(texts):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base, head = hostile_docs(texts)
        write(root, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n", **base})
        git(root, "init", "-q")
        commit(root, "base")
        write(root, head)
        result = run_cli("diff", "--format", "markdown", "--site-url", SITE, "HEAD", cwd=root)
    assert result.returncode == 0, result.stderr
    check_inert(result.stdout)
    shown = rendered_text(result.stdout)
    for i, text in enumerate(texts):
        title = " ".join(text.replace("\x00", "\ufffd").split()) if text.strip() else f"d{i}"
        assert title.replace("\u2060", "") in shown, title


def test_markdown_mentions_and_odd_names(tmp_path):
    repo(tmp_path)
    (tmp_path / "strategy/b.md").unlink()
    write(tmp_path, {"strategy/@priya (x).md": OTHER.replace("owner: Priya Shah", "owner: '@org/team'").replace(
        "title: Other their claim online", "title: '@priya see `this`'").replace(
        "---\n\nBody", '"`k``ey\\n\\nx": 1\n---\n\nBody')})
    markdown = run_cli("diff", "--format", "markdown", "--site-url", SITE, "HEAD", cwd=tmp_path).stdout
    check_inert(markdown)
    assert "[@\u2060priya see \\`this\\`](https://s.example.org/%40priya%20%28x%29/)" in markdown
    assert "@\u2060org/team" in markdown and "`strategy/@priya (x).md`" in markdown
    assert '  - ```["`k``ey\\n\\nx"]```: (absent) → 1\n' in markdown


def test_diff_and_lint_name_the_same_list_item_the_same_way(tmp_path):
    """The second signal is feedback[2] for both: people count from 1."""
    repo(tmp_path)
    write(tmp_path, {"strategy/aims/a.md": sheet(**{"metric: online-completion-rate": "metric: 7"})})
    fields = json.loads(run_cli("diff", "--format", "json", "HEAD", cwd=tmp_path).stdout)["documents"][0]["fields"]
    assert [f["field"] for f in fields] == ["feedback[2].metric"] and fields[0]["path"] == ["feedback", 1, "metric"]
    lint = run_cli("lint", "--format", "json", "strategy", cwd=tmp_path)
    assert any(f["message"].startswith("feedback[2].metric ") for f in json.loads(lint.stdout))


def test_a_file_name_with_a_newline_shifts_no_content(tmp_path):
    """git cat-file --batch reads one request a line: files are asked for by object id, never by name."""
    repo(tmp_path)
    write(tmp_path, {"strategy/a\nb.md": SHEET.replace("online-claim-completion", "newline-name")})
    commit(tmp_path, "an odd name")
    assert "0 added, 0 removed, 0 renamed, 0 changed" in run_cli("diff", "HEAD", cwd=tmp_path).stdout
    data = json.loads(run_cli("diff", "--format", "json", "HEAD~1", "HEAD", cwd=tmp_path).stdout)
    assert [(d["status"], d["id"]) for d in data["documents"]] == [("added", "newline-name")]
