"""The map page at scale: Cytoscape.js from npm (sha256-checked), one graph.json, an overview without JavaScript,
and the interactive map in real headless Chromium on a generated 2,000-document site."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import math
import os
import shutil
import stat
import sys
import tarfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from stratdocs.config import Config
from stratdocs.pipeline import Source, discover, run
from stratdocs.render import vendor
from stratdocs.render.generated import render_generated
from stratdocs.render.map_graph import graph_json, map_data
from stratdocs.render.sanitize import sanitize

from conftest import MKDOCS_YML, REPO, build_site, copy_strategy
from samples import metric, sheet

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TREE = ("---\nkind: st-tree\nid: big-tree\ntitle: Big tree\nstatus: active\nowner: P\nnodes:\n"
        "  - id: n0\n    strategy: Strategy 0\n    tactic: Tactic 0\n---\n")
HOSTILE_TITLES = ["<script>alert(1337)</script>", '"><img src=x onerror=alert(1337)>', "javascript:alert(1337)"]


def result_of(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return run([Source(tmp_path / name, name) for name in sorted(files)], Config())


def serving(doc_id: str, title: str | None = None) -> str:
    text = sheet(**{"id: online-claim-completion": f"id: {doc_id}\nserves: big-tree#n0"})
    return text.replace("title: Claimants finish their claim online", f"title: {json.dumps(title)}") if title else text


# The vendored files: fetched with npm, refused unless the tarball is the pinned one.

def fake_npm(tmp_path, tarball: bytes) -> Path:
    """An `npm` whose `pack` writes this tarball, as the registry's would be."""
    (tmp_path / "fake.tgz").write_bytes(tarball)
    script = tmp_path / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(f"#!/bin/sh\ncp '{tmp_path / 'fake.tgz'}' ./fakepkg-1.0.0.tgz\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script.parent


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for npm")
def test_a_vendored_file_is_kept_only_from_the_pinned_tarball(tmp_path, monkeypatch):
    data = tarball({"package/dist/fake.min.js": b"window.fake = 1;", "package/LICENSE": b"MIT"})
    monkeypatch.setenv("PATH", f"{fake_npm(tmp_path, data)}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(vendor, "VENDOR_DIR", tmp_path / "vendor")
    wrong = vendor.Package("fakepkg", "1.0.0", "0" * 64, "package/dist/fake.min.js", "fake.min.js")
    with pytest.raises(vendor.VendorError, match=r"sha256 \w+ does not match"):
        vendor.fetch(wrong, force=True)
    assert not (tmp_path / "vendor" / "fake.min.js").exists()
    pinned = vendor.Package("fakepkg", "1.0.0", hashlib.sha256(data).hexdigest(), "package/dist/fake.min.js",
                            "fake.min.js")
    assert vendor.fetch(pinned, force=True).read_bytes() == b"window.fake = 1;"
    assert (tmp_path / "vendor" / "fakepkg.LICENSE").read_bytes() == b"MIT"


def test_cytoscape_is_pinned_like_mermaid():
    assert vendor.CYTOSCAPE in vendor.PACKAGES and vendor.MERMAID in vendor.PACKAGES
    assert vendor.CYTOSCAPE.version.startswith("3.") and len(vendor.CYTOSCAPE.sha256) == 64
    assert b"cytoscape" in vendor.cytoscape_js().read_bytes()[:5000].lower()


# graph.json: every document, placed; text stays text.

def test_graph_json_has_every_document_with_a_position_and_a_page():
    result = run(discover(REPO / "strategy"), Config())
    data = json.loads(graph_json(result.graph, result.evidence))
    assert data == json.loads(json.dumps(map_data(result.graph, result.evidence)))
    ids = {node["id"] for node in data["nodes"]}
    assert ids == set(result.index.by_id) and len(ids) == len(data["nodes"])
    clusters = {c["id"]: c for c in data["clusters"]}
    for node in data["nodes"]:
        assert math.isfinite(node["x"]) and math.isfinite(node["y"])
        assert node["cluster"] in clusters
        assert not urlsplit(node["url"]).scheme and not node["url"].startswith("/")
        for key in ("title", "kind", "owner", "status", "health"):
            assert isinstance(node[key], str)
    assert sum(c["count"] for c in clusters.values()) == len(ids)
    assert len({(p["x"], p["y"]) for p in data["nodes"]}) == len(ids)  # no two documents on one spot
    for edge in data["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
    assert {e["relation"] for e in data["edges"]} >= {"serves", "metric", "about"}
    health = {n["id"]: n["health"] for n in data["nodes"]}
    assert {health[i] for i in result.evidence.health} <= {"on-track", "at-risk", "off-track"}


def test_hostile_titles_stay_text_in_the_json_and_on_the_page(tmp_path):
    files = {"tree.md": TREE, "m1.md": metric("online-completion-rate"),
             "m2.md": metric("resume-link-usage", "online-completion-rate"),
             **{f"s{i}.md": serving(f"s{i}", title) for i, title in enumerate(HOSTILE_TITLES)}}
    result = result_of(tmp_path, files)
    text = graph_json(result.graph, result.evidence)
    assert "<" not in text and ">" not in text and "&" not in text  # \u escapes: inert if ever put in HTML
    titles = {n["id"]: n["title"] for n in json.loads(text)["nodes"]}
    assert [titles[f"s{i}"] for i in range(3)] == HOSTILE_TITLES
    page = sanitize(render_generated("map/index.md", result.graph, Config().today))
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.select_one("#sd-map.sd-map") is not None  # the map's place survives the sanitiser
    assert {a["href"] for a in soup.find_all("a")} <= {"../tree/", "../m1/", "../m2/", "../s0/", "../s1/", "../s2/"}
    assert all(title in soup.get_text() for title in HOSTILE_TITLES)


# The overview without JavaScript.

def test_the_overview_counts_documents_by_kind_and_by_aim(tmp_path):
    files = {"tree.md": TREE, "m1.md": metric("online-completion-rate"),
             "m2.md": metric("resume-link-usage", "online-completion-rate"), "lone.md": metric("lone-metric"),
             **{f"s{i}.md": serving(f"s{i}") for i in range(3)}}
    result = result_of(tmp_path, files)
    soup = BeautifulSoup(render_generated("map/index.md", result.graph, Config().today), "html.parser")
    by_kind = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
               for tr in soup.select("table.sd-map-kinds tbody tr")}
    assert by_kind == {"Alignment sheet": "3", "Metric": "3", "Strategy & Tactics tree": "1"}
    by_aim = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("table.sd-map-aims tbody tr")]
    assert by_aim == [["Big tree", "6", "3 Alignment sheet, 2 Metric, 1 Strategy & Tactics tree"],
                      ["Metric: not linked to an aim", "1", "1 Metric"]]
    assert soup.select_one("table.sd-map-aims a")["href"] == "../tree/"
    lists = {d.summary.get_text(): len(d.find_all("a")) for d in soup.select("details.sd-map-kind")}
    assert lists == {"Alignment sheet (3)": 3, "Metric (3)": 3, "Strategy & Tactics tree (1)": 1}


# In the browser.

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def served(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (apt-get install chromium)", pytrace=False)
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """About 2,000 documents: copies of the example (sheets serving tree nodes, decisions about sheets,
    metrics, risks, assumptions...), references renamed per copy."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench import make_mixed_corpus

    root = tmp_path_factory.mktemp("big-map")
    make_mixed_corpus(root, 2025)
    yml = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      reference: false\n")
    result = build_site(root, {}, mkdocs_yml=yml)
    assert result.returncode == 0, result.stderr[-2000:]
    server, url = served(root / "site")
    yield root / "site", url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors, page.dialogs = [], [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def assert_local_only(page):
    hosts = {urlsplit(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the site: {sorted(hosts)}"
    assert page.errors == [] and page.dialogs == [], (page.errors, page.dialogs)


def open_map(page, url: str) -> dict:
    page.goto(url + "map/")
    page.wait_for_function("window.stratdocsMap && (window.stratdocsMap.ready || window.stratdocsMap.error)",
                           timeout=60_000)
    assert page.evaluate("window.stratdocsMap.error || ''") == ""
    page.locator("#sd-map canvas").first.wait_for(state="attached")
    return page.evaluate("window.stratdocsMap.state()")


def click_node(page, element_id: str) -> None:
    """Click where Cytoscape drew the element (its rendered position is relative to the canvas box)."""
    page.locator(".sd-map-canvas").scroll_into_view_if_needed()
    x, y = page.evaluate("(id) => { const p = window.stratdocsMap.cy.getElementById(id).renderedPosition();"
                         " return [p.x, p.y]; }", element_id)
    box = page.locator(".sd-map-canvas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def neighbours(graph: dict, doc_id: str, hops: int) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for edge in graph["edges"]:
        adjacent.setdefault(edge["source"], set()).add(edge["target"])
        adjacent.setdefault(edge["target"], set()).add(edge["source"])
    found, frontier = {doc_id}, {doc_id}
    for _ in range(hops):
        frontier = {n for d in frontier for n in adjacent.get(d, ())} - found
        found |= frontier
    return found


def test_the_map_of_2000_documents_opens_on_clusters_finds_focuses_and_opens_a_page(page, big_site):
    site, url = big_site
    graph = json.loads((site / "assets" / "stratdocs" / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["nodes"]) >= 2000
    state = open_map(page, url)
    assert state["documents"] == len(graph["nodes"])
    assert state["drawn"] == 0 and 0 < state["clusters"] < len(graph["nodes"]) / 4  # clusters, not 2,000 nodes
    assert not [u for u in page.requests if "mermaid" in u]  # the map has no mermaid diagram: no 3.5 MB script

    target = "online-claim-completion-c40"
    page.locator("#sd-map input[type=search]").first.fill(target)
    result = page.locator(".sd-map-results button", has_text=target).first
    result.wait_for(timeout=10_000)
    result.click()
    state = page.evaluate("window.stratdocsMap.state()")
    assert state["focused"] == target
    assert set(state["neighbourhood"]) == neighbours(graph, target, 1)
    assert state["visible"] == len(state["neighbourhood"]) > 3  # the rest is faded
    page.locator("#sd-map select[name=hops]").select_option("2")
    page.wait_for_function("window.stratdocsMap.state().neighbourhood.length > 0")
    two = page.evaluate("window.stratdocsMap.state()")
    assert set(two["neighbourhood"]) == neighbours(graph, target, 2) and len(two["neighbourhood"]) > len(
        state["neighbourhood"])
    assert target in page.locator(".sd-map-panel").inner_text()

    page.locator(".sd-map-reset").click()
    cluster = graph["clusters"][0]["id"]
    click_node(page, "c:" + cluster)
    page.wait_for_function("window.stratdocsMap.state().drawn > 0")
    assert page.evaluate("window.stratdocsMap.state().drawn") == graph["clusters"][0]["count"]

    page.evaluate(f"window.stratdocsMap.focus({target!r})")
    expected = next(n["url"] for n in graph["nodes"] if n["id"] == target)
    with page.expect_navigation():
        click_node(page, "d:" + target)
    assert page.url == url + expected
    assert_local_only(page)


def test_the_map_shows_hostile_titles_as_text(page, tmp_path):
    files = {"tree.md": TREE, "m1.md": metric("online-completion-rate"),
             "m2.md": metric("resume-link-usage", "online-completion-rate"),
             **{f"s{i}.md": serving(f"s{i}", title) for i, title in enumerate(HOSTILE_TITLES)}}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr[-2000:]
    server, url = served(tmp_path / "site")
    try:
        open_map(page, url)
        search = page.locator("#sd-map input[type=search]").first
        for i, title in enumerate(HOSTILE_TITLES):
            search.fill(title[:12])
            button = page.locator(".sd-map-results button").first
            button.wait_for(timeout=10_000)
            assert button.inner_text().startswith(title)
            button.click()
            assert page.locator(".sd-map-panel strong").inner_text() == title
            assert page.locator(".sd-map-panel a").get_attribute("href") == f"{url}s{i}/"
        assert page.locator("#sd-map img, #sd-map script").count() == 0
        assert_local_only(page)
    finally:
        server.shutdown()


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_the_map_works_with_mkdocs_own_themes(page, tmp_path, theme):
    copy_strategy(tmp_path / "strategy")
    yml = MKDOCS_YML.replace("  name: material\n  font: false\n  features: [navigation.prune]\n", f"  name: {theme}\n")
    result = build_site(tmp_path, {}, mkdocs_yml=yml)
    assert result.returncode == 0, result.stderr[-2000:]
    server, url = served(tmp_path / "site")
    try:
        state = open_map(page, url)
        assert state["clusters"] > 0
        page.evaluate("window.stratdocsMap.focus('online-claim-completion')")
        assert page.evaluate("window.stratdocsMap.state().visible") > 1
        page.goto(url + "aims/online-claim-completion/")  # elsewhere the script does nothing
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.stratdocsMap === undefined")
        assert_local_only(page)
    finally:
        server.shutdown()
