"""Never a diagram mermaid refuses: big graphs are clipped or left out, and the page and the log say so."""

import html
import re

import pytest

from stratdocs.config import Config
from stratdocs.pipeline import Source, run
from stratdocs.render.context import RenderContext
from stratdocs.render.diagrams import MAX_ANCESTORS, MAX_NEIGHBOURS, metric_diagram, strategy_map_chart, tree_diagram
from stratdocs.render.generated import render_generated
from stratdocs.render.mermaid import MAX_EDGES, MAX_TEXT, Flowchart, label

from samples import SHEET, metric, sheet


def graph_of(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([Source(tmp_path / name, name) for name in sorted(files)], Config())
    return result.graph


def context(graph, uri="x.md"):
    return RenderContext(today=Config().today, graph=graph, page_src_uri=uri)


def scripts(page_html: str) -> list[str]:
    return [html.unescape(s)
            for s in re.findall(r'<pre class="mermaid sd-diagram"><code>(.*?)</code></pre>', page_html)]


def assert_drawable(page_html: str) -> None:
    for script in scripts(page_html):
        assert len(script) <= MAX_TEXT
        assert len(re.findall(r"-->|-\.->", script)) <= MAX_EDGES


def tree(nodes: int) -> str:
    listed = "".join(f"  - id: n{i}\n    strategy: Strategy {i}\n    tactic: Tactic {i}\n" for i in range(nodes))
    return f"---\nkind: st-tree\nid: big-tree\ntitle: Big\nstatus: active\nowner: P\nnodes:\n{listed}---\n"


def serving_sheets(count: int) -> dict[str, str]:
    return {f"s{i}.md": sheet(**{"id: online-claim-completion": f"id: s{i}\nserves: big-tree#n0"})
            for i in range(count)}


@pytest.mark.parametrize("served_by", [MAX_NEIGHBOURS, MAX_NEIGHBOURS + 1, 300])
def test_a_node_served_by_many_shows_at_most_max_neighbours_and_a_more_box(tmp_path, served_by):
    graph = graph_of(tmp_path, {"tree.md": tree(3), **serving_sheets(served_by)})
    out = tree_diagram(graph.index.get("big-tree"), ctx := context(graph, "tree.md"))
    [script] = scripts(out)
    assert script.count("served by") == min(served_by, MAX_NEIGHBOURS) + (served_by > MAX_NEIGHBOURS)
    more = served_by - MAX_NEIGHBOURS
    assert (f"+{more} more" in script) is (more > 0)
    assert ctx.notices == []


def test_a_huge_flat_tree_is_drawn_in_pages(tmp_path):
    graph = graph_of(tmp_path, {"tree.md": tree(2_000)})
    out = tree_diagram(graph.index.get("big-tree"), ctx := context(graph, "tree.md"))
    drawn = scripts(out)
    assert len(drawn) == 20 and out.count('<details class="sd-diagram-part">') == 20
    assert "Nodes 1901–2000 of 2000" in out and ctx.notices == []
    assert sum(s.count('["Strategy ') for s in drawn) == 2_000
    assert_drawable(out)


@pytest.mark.parametrize("length", [3, MAX_ANCESTORS + 2, 400])
def test_a_metric_chain_draws_its_nearest_parents_only(tmp_path, length):
    files = {f"m{i}.md": metric(f"m{i}", f"m{i - 1}" if i else None) for i in range(length)}
    graph = graph_of(tmp_path, files)
    bottom = graph.index.get(f"m{length - 1}")
    [script] = scripts(metric_diagram(bottom, context(graph, f"m{length - 1}.md")))
    drawn = set(re.findall(r'"M(\d+)"', script))
    assert len(drawn) == min(length, MAX_ANCESTORS + 1)
    assert ("more" in script) is (length > MAX_ANCESTORS + 1)


def test_many_children_are_clipped(tmp_path):
    files = {"top.md": metric("top"), **{f"c{i}.md": metric(f"c{i}", "top") for i in range(200)}}
    graph = graph_of(tmp_path, files)
    [script] = scripts(metric_diagram(graph.index.get("top"), context(graph, "top.md")))
    assert script.count("-->") == MAX_NEIGHBOURS + 1 and "+188 more" in script


def test_a_big_map_is_the_interactive_map_and_lists_every_document(tmp_path):
    """No mermaid diagram on the map at any size: the Cytoscape map's place, and every document listed."""
    files = {f"s{i}.md": sheet(**{"id: online-claim-completion": f"id: s{i}"}) for i in range(900)}
    graph = graph_of(tmp_path, files)
    notices: list[str] = []
    out = render_generated("map/index.md", graph, Config().today, notices=notices)
    assert scripts(out) == [] and 'id="sd-map"' in out
    assert all(f'href="../s{i}/"' in out for i in range(900))
    assert notices == []


def test_every_generated_page_and_diagram_is_drawable_at_scale(tmp_path):
    files = {"tree.md": tree(700), **serving_sheets(300),
             **{f"m{i}.md": metric(f"m{i}", f"m{i - 1}" if i else None) for i in range(600)}}
    graph = graph_of(tmp_path, files)
    for uri in ("map/index.md", "metrics/index.md", "decisions/index.md", "risks/index.md", "dashboard/index.md"):
        assert_drawable(render_generated(uri, graph, Config().today))
    for doc in graph.index.by_id.values():
        for diagram in (tree_diagram, metric_diagram):
            assert_drawable(diagram(doc, context(graph, doc.src_uri)))


def test_a_small_map_is_drawn(tmp_path):
    graph = graph_of(tmp_path, {"a.md": SHEET})
    assert strategy_map_chart(graph, context(graph, "map/index.md")).fits()  # `stratdocs export` draws it


@pytest.mark.parametrize("name", ["k_x y", "a\nclick n0 href 'https://evil.example'", "1a", "a-b", "k;x"])
def test_class_names_come_from_a_closed_set(name):
    chart = Flowchart()
    with pytest.raises(ValueError):
        chart.node("a", "A", css_class=name)
    with pytest.raises(ValueError):
        chart.class_def(name, "fill:#fff")


def test_labels_cannot_leave_their_quotes():
    hostile = '"] --> x\n%%{init: {"themeCSS": "url(//evil.example)"}}%%\nclick a href "javascript:alert(1)"'
    text = label(hostile)
    assert text.startswith('"') and text.endswith('"') and '"' not in text[1:-1]
    assert "\n" not in text and "%%" not in text and "{" not in text


def test_nothing_is_left_out_of_a_900_document_map(tmp_path):
    """The map page is drawn by Cytoscape from graph.json, not by mermaid: at 900 documents (mermaid refused
    about 380) nothing is left out, and the page without JavaScript lists every document."""
    from bs4 import BeautifulSoup

    from conftest import build_site

    files = {f"s{i}.md": sheet(**{"id: online-claim-completion": f"id: s{i}"}) for i in range(900)}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    assert "not drawn" not in result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "map" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select("pre.mermaid") and not soup.select(".sd-diagram-omitted")
    listed = {a["href"] for a in soup.select("details a")}
    assert len(listed) >= 900
