"""The st-tree kind: rules SD220-SD222, the nested page, hostile and deep input."""

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from kindtools import (
    HOSTILE,
    WRONG_VALUES,
    assert_inert_html,
    assert_no_crash_and_findings,
    codes,
    doc_text,
    front,
    good,
    lint_beside_examples,
    render,
)

GOOD = good("SD220")
DATA = front(GOOD)


def lint(tmp_path, text):
    """This kind's own findings: the trees built here are not served by the example strategy (SD404)."""
    return [f for f in lint_beside_examples(tmp_path, text) if f.code != "SD404"]


def test_unserved_leaves_are_the_graphs_to_report(tmp_path):
    text = doc_text(dict(DATA, nodes=[{"id": "root", "strategy": "s", "tactic": "t"}]))
    assert codes(lint_beside_examples(tmp_path, text)) == ["SD404"]


def node(node_id, **extra):
    base = {"id": node_id, "strategy": f"strategy {node_id}", "tactic": f"tactic {node_id}",
            "necessary_assumption": "n", "parallel_assumption": "p"}
    base.update(extra)
    return base


def test_good_doc_is_clean(tmp_path):
    assert lint(tmp_path, GOOD) == []


def test_duplicate_id_deep_in_the_tree_is_reported_at_the_duplicate(tmp_path):
    data = dict(DATA)
    data["nodes"] = [node("root", children=[node("a", sufficiency_assumption="s", children=[node("b")]),
                                             node("c", sufficiency_assumption="s", children=[node("b")])])]
    text = doc_text(data)
    [finding] = lint(tmp_path, text)
    lines = [i for i, line in enumerate(text.split("\n"), 1) if line.strip() == "- id: b"]
    assert finding.code == "SD220" and finding.line == lines[1] and f"line {lines[0]}" in finding.message


def test_strategy_and_tactic_at_every_depth(tmp_path):
    data = dict(DATA, nodes=[node("root", children=[node("a", sufficiency_assumption="s",
                                                         children=[{"id": "leaf", "necessary_assumption": "n",
                                                                    "parallel_assumption": "p"}])])])
    found = lint(tmp_path, doc_text(data))
    assert codes(found) == ["SD221", "SD221"]
    assert all("'leaf'" in f.message for f in found)


@pytest.mark.parametrize("nodes", [None, []])
def test_a_tree_without_nodes(tmp_path, nodes):
    data = {k: v for k, v in DATA.items() if k != "nodes"}
    if nodes is not None:
        data["nodes"] = nodes
    assert codes(lint(tmp_path, doc_text(data))) == ["SD221"]


def test_root_is_exempt_from_assumptions_but_depth_two_is_not(tmp_path):
    root = {"id": "root", "strategy": "s", "tactic": "t"}
    assert lint(tmp_path, doc_text(dict(DATA, nodes=[root]))) == []
    child = {"id": "child", "strategy": "s", "tactic": "t", "children": [node("leaf")]}
    found = lint(tmp_path, doc_text(dict(DATA, nodes=[dict(root, children=[child])])))
    assert codes(found) == ["SD222"] * 3 and {f.severity.value for f in found} == {"warning"}
    messages = " ".join(f.message for f in found)
    assert "necessary_assumption" in messages and "parallel_assumption" in messages and "sufficiency" in messages


def chain(depth):
    deep = node("n0")
    current = deep
    for i in range(1, depth):
        child = node(f"n{i}", sufficiency_assumption="s")
        current["children"] = [child]
        current["sufficiency_assumption"] = "s"
        current = child
    return doc_text(dict(DATA, nodes=[deep]))


def test_deep_tree_does_not_crash(tmp_path):
    text = chain(25)
    assert lint(tmp_path, text) == []
    assert render(text).count('class="sd-st-node"') == 25
    too_deep = chain(60)  # deeper than the loader's 64 YAML levels
    assert codes(lint(tmp_path, too_deep)) == ["SD001"]


def test_wide_tree(tmp_path):
    text = doc_text(dict(DATA, nodes=[node("root", sufficiency_assumption="s",
                                           children=[node(f"c{i}") for i in range(1500)])]))
    assert lint(tmp_path, text) == []


@pytest.mark.parametrize("path", [("nodes",), ("nodes", 0), ("nodes", 0, "children"), ("nodes", 0, "children", 0),
                                  ("nodes", 0, "strategy"), ("nodes", 0, "children", 0, "id"),
                                  ("nodes", 0, "children", 1, "necessary_assumption")])
@pytest.mark.parametrize("value", WRONG_VALUES, ids=range(len(WRONG_VALUES)))
def test_wrong_types_give_findings_not_crashes(tmp_path, path, value):
    found = assert_no_crash_and_findings(tmp_path, DATA, path, value)
    valid = (isinstance(value, str) and value and len(value) <= 20000
             and path[-1] in ("strategy", "necessary_assumption"))
    if not (valid or (path[-1] == "children" and value == [])):
        assert found, f"{path}={repr(value)[:80]} gave no finding"


def test_page_is_nested_and_hostile_text_is_inert(tmp_path):
    hostile = dict(DATA, title=HOSTILE, owner=HOSTILE,
                   nodes=[node("root", strategy=HOSTILE, tactic=HOSTILE, sufficiency_assumption=HOSTILE,
                               children=[node("a", necessary_assumption=HOSTILE, parallel_assumption=HOSTILE)])])
    files = {"good.md": GOOD, "hostile.md": doc_text(hostile), "index.md": "# Home\n"}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "good" / "index.html").read_text(), "html.parser")
    root = soup.select_one(".sd-st-tree > ul > li.sd-st-node")
    assert root["id"] == "node-claims-decided-faster"
    children = root.select(":scope > ul > li.sd-st-node")
    assert [c["id"] for c in children] == ["node-finish-online", "node-evidence-same-day"]
    assert "Let claimants save and resume" in children[0].select_one(".sd-st-tactic").get_text()
    assert "Tree" in [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert_inert_html((tmp_path / "site" / "hostile" / "index.html").read_text(), hostile_texts=6)
