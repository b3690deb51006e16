"""The metric kind: rules SD340-SD341 (the loop is named), the page, hostile input."""

import functools

import pytest

from stratdocs.check.ruledocs import rule_doc

import kindtools
from conftest import REPO, build_site
from kindtools import assert_inert, codes, doc, front, hostile, page

GOOD, *CONTEXT = rule_doc("SD341").examples("Good")  # CONTEXT: its parent metric
lint = functools.partial(kindtools.lint, context=CONTEXT)
HEADINGS = ["Definition", "Readings", "Metric tree"]


def metric(metric_id, parent=None, **extra):
    data = front(GOOD)
    data["id"] = metric_id
    data.pop("parent")
    if parent is not None:
        data["parent"] = parent
    data.update(extra)
    return doc(data)


def test_good_metric_is_clean(tmp_path):
    assert lint(tmp_path, {"m.md": GOOD}) == []


def test_definition_and_unit(tmp_path):
    findings = lint(tmp_path, {"m.md": metric("a", definition=" ", unit="")})
    assert codes(findings) == ["SD340", "SD340"]
    data = front(GOOD)
    del data["definition"], data["unit"]
    assert codes(lint(tmp_path / "b", {"m.md": doc(data)})) == ["SD340", "SD340"]


def test_a_tree_is_clean(tmp_path):
    files = {"top.md": metric("top"), "mid.md": metric("mid", "top"), "a.md": metric("leaf-a", "mid"),
             "b.md": metric("leaf-b", "mid")}
    assert lint(tmp_path, files) == []


def test_three_metric_loop_is_named_in_each(tmp_path):
    files = {"a.md": metric("a", "b"), "b.md": metric("b", "c"), "c.md": metric("c", "a"),
             "d.md": metric("d", "a")}  # d feeds the loop but is not in it
    findings = lint(tmp_path, files)
    by_file = {f.path.rsplit("/", 1)[-1]: f for f in findings}
    assert sorted(by_file) == ["a.md", "b.md", "c.md"] and set(codes(findings)) == {"SD341"}
    assert by_file["a.md"].message.endswith("a → b → c → a")
    assert by_file["c.md"].message.endswith("c → a → b → c")
    assert by_file["a.md"].line == metric("a", "b").splitlines().index("parent: b") + 1


def test_self_parent(tmp_path):
    [finding] = lint(tmp_path, {"m.md": metric("loop", "loop")})
    assert finding.code == "SD341" and finding.message.endswith("loop → loop")


def test_missing_and_non_metric_parents_do_not_crash(tmp_path):
    sheet = (REPO / "strategy" / "aims" / "online-claim-completion.md").read_text(encoding="utf-8")
    files = {"a.md": metric("a", "nowhere"), "b.md": metric("b", "online-claim-completion"), "s.md": sheet,
             "c.md": metric("c", "broken"), "broken.md": "---\nkind: metric\nid: broken\nparent: [c]\n---\n"}
    found = codes(lint(tmp_path, files))
    assert "SD000" not in found and "SD341" not in found


@pytest.mark.parametrize("field,value", [("parent", ["a"]), ("parent", 12), ("direction", "sideways"),
                                         ("unit", ["%"]), ("definition", {"x": 1}), ("type", "kpi")])
def test_wrong_types_give_findings_not_crashes(tmp_path, field, value):
    findings = lint(tmp_path, {"m.md": metric("a", **{field: value})})
    assert findings and "SD006" in codes(findings) and "SD000" not in codes(findings)


def test_long_chain_and_unicode(tmp_path):
    files = {f"m{n}.md": metric(f"m{n}", f"m{n + 1}" if n < 499 else None, title=f"Métrique {n} 📈")
             for n in range(500)}
    assert lint(tmp_path / "a", files) == []
    files["m499.md"] = metric("m499", "m0")
    findings = lint(tmp_path / "b", files)
    assert len(findings) == 500 and set(codes(findings)) == {"SD341"}


def test_metric_page(tmp_path):
    result = build_site(tmp_path, {"m.md": GOOD, "top.md": metric("online-completion-rate", direction="up")},
                        strict=True)
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site", "m")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")][:3] == HEADINGS
    assert "resume link within 7 days" in soup.select_one(".sd-definition").get_text()
    assert "form analytics" in soup.select_one(".sd-source").get_text()
    parent = soup.select_one(".sd-parent a.sd-ref")  # the parent's title, its id on hover
    assert parent["title"] == "online-completion-rate" and parent.get_text() != "online-completion-rate"
    header = soup.select_one(".sd-header").get_text(" ", strip=True)
    assert "up is good" in header and "Unit %" in header and "proxy" in header
    top = page(tmp_path / "site", "top")
    assert "Top of its metric tree" in top.select_one(".sd-parent").get_text()


def test_hostile_text_renders_inert(tmp_path):
    result = build_site(tmp_path, {"m.md": doc(hostile(front(GOOD)))})
    assert result.returncode == 0, result.stderr
    assert_inert(page(tmp_path / "site", "m"), HEADINGS)
