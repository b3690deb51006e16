"""Diagrams that never break at scale, in a real `mkdocs build`: neighbourhoods clipped, big trees by levels.

One site of about 2,500 documents: 2,000 sheets serving one sheet, a 5,000-node S&T tree with
sheets on its nodes, and copies of the example strategy (every kind). The 10,000-document site is
bench/scale.py's (its build takes minutes here).
"""

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from stratdocs.render.diagrams import MAX_NEIGHBOURS
from stratdocs.render.mermaid import BUDGET

from conftest import REPO, env
from samples import sheet

sys.path.insert(0, str(REPO / "bench"))
from scale import make_scale_site

SERVERS = 2_000
TREE_NODES = 5_000
MERMAID_LIMIT = 50_000  # mermaid's maxTextSize
CLICK = re.compile(r'click (n\d+) href "([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import subprocess

    from conftest import BIN

    root = tmp_path_factory.mktemp("scale")
    docs = make_scale_site(root, 500, tree_nodes=TREE_NODES)
    (docs / "hub-sheet.md").write_text(sheet(**{"id: online-claim-completion": "id: hub-sheet"}), encoding="utf-8")
    for i in range(SERVERS):
        text = sheet(**{"id: online-claim-completion": f"id: server-{i}\nserves: hub-sheet",
                        "metric: resume-link-usage": "metric: proxy-metric",
                        "metric: online-completion-rate": "metric: outcome-metric"})
        (docs / "servers" / f"server-{i}.md").parent.mkdir(exist_ok=True)
        (docs / "servers" / f"server-{i}.md").write_text(text, encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "--site-dir", str(root / "site")], cwd=root,
                            env=env(), capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def scripts(soup: BeautifulSoup) -> list[str]:
    return [pre.get_text() for pre in soup.select("pre.mermaid")]


def node_of(script: str, text: str) -> str:
    """The mermaid id of the box labelled text."""
    return re.search(r"\s(n\d+)[\[(]+\"" + re.escape(text) + '"', script).group(1)


def test_a_sheet_served_by_2000_draws_a_clipped_neighbourhood_with_a_working_more_link(site):
    soup = page(site, "hub-sheet")
    heading = soup.find("h2", id="neighbourhood")
    [script] = [pre.get_text() for pre in heading.find_next_siblings("pre", class_="mermaid")][:1]
    assert len(script) <= BUDGET
    assert script.count('-->|"serves"| n0') == MAX_NEIGHBOURS + 1  # 12 sheets and the "+N more" box
    more = node_of(script, f"+{SERVERS - MAX_NEIGHBOURS} more")
    href = dict(CLICK.findall(script))[more]
    assert href == "#referenced-by-serves"
    listed = soup.find(id="referenced-by-serves").find_next_sibling("ul").find_all("li")
    assert len(listed) == SERVERS


def test_a_tree_node_served_by_many_is_clipped_on_the_tree(site):
    soup = page(site, "hub-tree")
    [top] = [s for s in scripts(soup) if '"Strategy 0 of the hub tree"' in s][:1]
    assert re.search(r'"\+\d+ more"', top) and "#referenced-by-serves" in top


def test_a_5000_node_tree_is_drawn_by_levels_with_a_complete_outline(site):
    soup = page(site, "hub-tree")
    drawn = scripts(soup)
    assert len(drawn) > 1 and all(len(s) <= BUDGET for s in drawn)
    assert len(soup.select("details.sd-diagram-part")) >= TREE_NODES // 100
    labels = set().union(*(re.findall(r'"Strategy (\d+) of the hub tree"', s) for s in drawn))
    assert labels == {str(i) for i in range(TREE_NODES)}  # every node is in some diagram
    ids = {tag["id"] for tag in soup.select(".sd-st-tree li[id]")}
    assert ids == {f"node-n{i}" for i in range(TREE_NODES)}  # and in the outline, each with its anchor
    for script in drawn:  # every "+N below" box opens a part of this page
        for _, href in CLICK.findall(script):
            if href.startswith("#tree-part-"):
                assert soup.find("details", id=href[1:]) is not None, href


def test_no_page_of_a_big_mixed_site_holds_a_diagram_mermaid_would_refuse(site):
    pages = diagrams = 0
    only_pre = SoupStrainer("pre")
    for path in site.rglob("*.html"):
        pages += 1
        text = path.read_text(encoding="utf-8")
        start = text.find("<article")  # diagrams are in the page's article: the theme's chrome is parsed no more
        article = text[start:text.rindex("</article>") + 10] if start >= 0 else text
        soup = BeautifulSoup(article, "html.parser", parse_only=only_pre)
        for pre in soup.select("pre.mermaid"):
            diagrams += 1
            text = pre.get_text()  # what mermaid reads: entities decoded
            assert len(text) <= MERMAID_LIMIT, (path, len(text))
            assert len(text) <= BUDGET, (path, len(text))
    assert pages > 2_400 and diagrams > 2_400


def logic_model(per_stage: int) -> str:
    stages = ("resources", "activities", "outputs", "outcomes", "impact")
    parts = ["---\nkind: logic-model\nid: big-model\ntitle: Big model\nstatus: active\nowner: P\n"]
    for s, stage in enumerate(stages):
        parts.append(f"{stage}:\n")
        for i in range(per_stage):
            after = f"    leads_to: [{stages[s + 1][:4]}{i}, {stages[s + 1][:4]}{(i + 1) % per_stage}]\n" \
                if s + 1 < len(stages) else ""
            parts.append(f"  - id: {stage[:4]}{i}\n    text: Item {stage[:4]}{i} of the big model\n{after}")
    return "".join(parts) + "---\n"


def test_a_big_logic_model_is_drawn_a_step_at_a_time(tmp_path):
    from stratdocs.config import Config
    from stratdocs.pipeline import Source, run
    from stratdocs.render.context import RenderContext
    from stratdocs.render.diagrams import logic_model_diagram

    (tmp_path / "model.md").write_text(logic_model(200), encoding="utf-8")
    result = run([Source(tmp_path / "model.md", "model.md")], Config())
    doc = result.graph.index.get("big-model")
    out = logic_model_diagram(doc, RenderContext(today=Config().today, graph=result.graph, page_src_uri="model.md"))
    soup = BeautifulSoup(out, "html.parser")
    drawn = [pre.get_text() for pre in soup.select("pre.mermaid")]
    assert len(soup.select("details.sd-diagram-part")) == 4 and all(len(s) <= BUDGET for s in drawn)
    labels = set().union(*(re.findall(r'"Item (\w+) of the big model"', s) for s in drawn))
    assert labels == {f"{stage}{i}" for stage in ("reso", "acti", "outp", "outc", "impa") for i in range(200)}


def test_what_a_document_serves_is_clipped_and_more_opens_the_map_focused_on_it(tmp_path):
    from stratdocs.config import Config
    from stratdocs.pipeline import Source, run
    from stratdocs.render.context import RenderContext
    from stratdocs.render.diagrams import neighbourhood_diagram

    files = {f"aims/t{i}.md": sheet(**{"id: online-claim-completion": f"id: t{i}"}) for i in range(30)}
    targets = ", ".join(f"t{i}" for i in range(30))
    files["aims/wide.md"] = sheet(**{"id: online-claim-completion": f"id: wide\nserves: [{targets}]"})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([Source(tmp_path / name, name) for name in sorted(files)], Config())
    context = RenderContext(today=Config().today, graph=result.graph, page_src_uri="aims/wide.md")
    [script] = scripts(BeautifulSoup(neighbourhood_diagram(result.graph.index.get("wide"), context), "html.parser"))
    assert script.count('n0 -->|"serves"|') == MAX_NEIGHBOURS + 1
    assert dict(CLICK.findall(script))[node_of(script, f"+{30 - MAX_NEIGHBOURS} more")] == "../../map/#focus=wide"
