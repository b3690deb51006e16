"""The example site in a real browser: Debian's chromium, headless, driven by Playwright."""

import functools
import http.server
import os
import re
import shutil
import threading
from urllib.parse import urlsplit

import pytest

from conftest import REPO, build_site, copy_strategy

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    # .ci/run installs chromium; on CI its absence is a failure, elsewhere a skip.
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (apt-get install chromium)", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DIAGRAM_PAGES = ["trees/claims-online-tree/", "models/claims-online-logic-model/", "metrics/",
                 "metrics/resume-link-usage/"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    yield from example_site(tmp_path_factory, (REPO / "mkdocs.yml").read_text())


@pytest.fixture(scope="module")
def dark_site_url(tmp_path_factory):
    """The example in Material's dark scheme (slate): its palette stylesheet is loaded only when a scheme is set."""
    slate = (REPO / "mkdocs.yml").read_text().replace("  font: false", "  palette:\n    scheme: slate\n  font: false")
    yield from example_site(tmp_path_factory, slate)


def example_site(tmp_path_factory, mkdocs_yml: str):
    """The example strategy and its readings, built as `make site` does and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("browser")
    copy_strategy(root / "strategy")
    result = build_site(root, {}, strict=True, mkdocs_yml=mkdocs_yml)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Material draws each diagram into a closed shadow root, which no test can look into.
# Opening it (test-only) changes nothing else the page does.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def assert_local_only(page):
    hosts = {urlsplit(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1"}, f"requests left the site: {sorted(hosts)}"
    assert page.errors == [], page.errors


@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_every_diagram_renders_to_svg(page, site_url, path):
    page.goto(site_url + path)
    diagrams = page.locator(".mermaid")
    page.wait_for_function("document.querySelectorAll('.mermaid').length > 0")
    count = diagrams.count()
    assert count >= 1
    for i in range(count):
        diagrams.nth(i).locator("svg").first.wait_for(state="attached", timeout=20_000)
    assert_local_only(page)


def test_clicking_a_map_node_opens_its_page(page, site_url):
    """The map is Cytoscape's canvas (tests/test_map_page.py tries it at 2,000 documents): focus, then click."""
    page.goto(site_url + "map/")
    page.wait_for_function("window.stratdocsMap && window.stratdocsMap.ready", timeout=20_000)
    page.evaluate("window.stratdocsMap.focus('online-claim-completion')")
    canvas = page.locator(".sd-map-canvas")
    canvas.scroll_into_view_if_needed()
    x, y = page.evaluate("(() => { const p = window.stratdocsMap.cy.getElementById('d:online-claim-completion')"
                         ".renderedPosition(); return [p.x, p.y]; })()")
    box = canvas.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.url.rstrip("/").endswith("aims/online-claim-completion")
    assert "Claimants finish their claim online" in page.locator("h1").inner_text()
    assert_local_only(page)


def test_clicking_a_tree_node_goes_to_the_serving_sheet(page, site_url):
    page.goto(site_url + "trees/claims-online-tree/")
    link = page.locator(".mermaid svg a").filter(has_text="Claimants send their evidence the same day").first
    link.wait_for(timeout=20_000)
    with page.expect_navigation():
        link.click()
    assert page.url.rstrip("/").endswith("aims/same-day-evidence")
    assert_local_only(page)


def test_pages_without_diagrams_load_clean(page, site_url):
    for path in ["", "dashboard/", "decisions/", "risks/", "aims/online-claim-completion/", "reference/rules/SD101/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert_local_only(page)


CHART_PAGES = ["metrics/resume-link-usage/", "metrics/helpline-calls-about-forms/", "aims/online-claim-completion/"]


def assert_charts_visible(page, where: str = "") -> None:
    """Every chart and sparkline of the page is drawn (inline SVG, no script needed) and on screen."""
    charts = page.locator("svg.sd-chart-svg, svg.sd-sparkline")  # MkDocs' own themes have no <article>
    assert charts.count() >= 1, f"{where}: no chart"
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert chart.is_visible() and box and box["width"] >= 90 and box["height"] >= 20, f"{where}: {box}"
        assert chart.locator("path").count() > 0, f"{where}: an empty chart"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_are_drawn_and_fetch_nothing(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert_charts_visible(page, path)
    if path.startswith("aims/"):
        assert page.locator(".sd-signals svg.sd-sparkline").count() == 3  # one per feedback signal
    assert_local_only(page)


# The colours the browser paints: the chart's background (the first opaque one behind it) and its inks.
CHART_COLOURS = """() => {
  const behind = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const svg = document.querySelector('article svg.sd-chart-svg');
  const paint = (selector, property) => getComputedStyle(svg.querySelector(selector))[property];
  return {background: behind(svg), label: paint('.role-axis-label text', 'fill'),
          readings: paint('.sd_readings_marks path', 'stroke'), target: paint('.sd_target_marks line', 'stroke')};
}"""


def contrast(ink: str, background: str) -> float:
    """WCAG contrast of a CSS rgb()/rgba() ink, laid over an opaque background."""
    *fg, alpha = ([float(v) for v in re.findall(r"[\d.]+", ink)] + [1.0])[:4]
    bg = [float(v) for v in re.findall(r"[\d.]+", background)][:3]
    mixed = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]

    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(mixed), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_read_on_light_and_dark_schemes(browser, request, scheme):
    url = request.getfixturevalue("site_url" if scheme == "light" else "dark_site_url")
    page = browser.new_page()
    try:
        page.goto(url + "metrics/resume-link-usage/")
        colours = page.evaluate(CHART_COLOURS)
        dark = contrast("rgb(255, 255, 255)", colours["background"]) > contrast("rgb(0, 0, 0)", colours["background"])
        assert dark == (scheme == "dark"), colours
        assert contrast(colours["label"], colours["background"]) >= 4.5, colours  # text
        assert contrast(colours["readings"], colours["background"]) >= 3, colours  # graphics
        assert contrast(colours["target"], colours["background"]) >= 3, colours
    finally:
        page.close()


HOSTILE = ['"]; click n0 call alert(1); x["', "<img src=x onerror=alert(2)>", "#quot; end %%{init: {}}%%",
           "a --> b", "</code></pre><script>alert(3)</script>", "`**md**`", "javascript:alert(4)"]


def hostile_tree() -> str:
    children = "".join(
        f"      - id: leaf-{i}\n        strategy: {text!r}\n        tactic: t\n"
        f"        necessary_assumption: n\n        parallel_assumption: p\n" for i, text in enumerate(HOSTILE))
    return ("---\nkind: st-tree\nid: hostile-tree\ntitle: 'End'\nstatus: active\nowner: o\nnodes:\n"
            "  - id: end\n    strategy: 'end'\n    tactic: t\n"
            "    sufficiency_assumption: s\n    children:\n" + children + "---\n")


def test_hostile_labels_render_as_text(browser, tmp_path):
    result = build_site(tmp_path, {"tree.md": hostile_tree()})
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/tree/")
        svg = page.locator(".mermaid svg").first
        svg.wait_for(state="attached", timeout=20_000)
        text = svg.text_content()
        for hostile in HOSTILE:
            assert " ".join(hostile.split()) in text.replace("\u00a0", " ")
        assert svg.locator("img").count() == 0 and page.locator("article script").count() == 0
        assert page.locator(".mermaid svg a[href^='javascript'], .mermaid svg a[*|href^='javascript']").count() == 0
        page.wait_for_timeout(500)
        assert dialogs == []
    finally:
        context.close()
        server.shutdown()


HOSTILE_PAGES = ["", "map/", "decisions/", "dashboard/", "risks/", "metrics/", "text/p0/alignment-sheet/",
                 "text/p4/alignment-sheet/", "text/p4/decision/", "text/p10/st-tree/", "text/p11/metric/",
                 "text/p1/go-no-go/", "text/p15/decision/", "all/p2/kata/", "all/p10/logic-model/"]


def test_hostile_documents_run_nothing_and_fetch_nothing(browser, tmp_path):
    """A sample of the generated hostile site (tests/hostile.py) in the real browser: no dialog on load,
    focus or hover, and no request off 127.0.0.1."""
    from test_hostile import MKDOCS_YML

    from hostile import hostile_docs, write_docs

    write_docs(tmp_path / "strategy", hostile_docs())
    result = build_site(tmp_path, {}, mkdocs_yml=MKDOCS_YML)
    assert result.returncode == 0, result.stderr[-2000:]
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    try:
        for path in HOSTILE_PAGES:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            page.wait_for_load_state("networkidle")
            for heading in page.locator("article h2, article h1").all()[:10]:
                heading.hover()
            page.keyboard.press("Tab")
            page.wait_for_timeout(200)
            assert dialogs == [], f"{path}: {dialogs}"
        hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
        assert hosts == {"127.0.0.1"}, sorted(hosts)
    finally:
        context.close()
        server.shutdown()


THEMES = {  # the README's plugin snippet alone (MkDocs' default theme), and MkDocs' other built-in theme
    "readme-snippet": "site_name: Claims\ndocs_dir: strategy\nplugins:\n  - search\n"
                      "  - stratdocs:\n      as_of: 2026-11-23\n",
    "readthedocs": "site_name: Claims\ndocs_dir: strategy\ntheme: readthedocs\nplugins:\n  - search\n"
                   "  - stratdocs:\n      as_of: 2026-11-23\n",
}


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_built_in_themes_draw_every_diagram_and_fetch_nothing(browser, tmp_path, theme):
    copy_strategy(tmp_path / "strategy")
    result = build_site(tmp_path, {}, strict=True, mkdocs_yml=THEMES[theme])
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for path in DIAGRAM_PAGES:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            page.wait_for_function("document.querySelectorAll('.mermaid svg').length > 0", timeout=20_000)
            diagrams = page.locator(".mermaid")
            for i in range(diagrams.count()):
                text = diagrams.nth(i).inner_text()
                assert "Syntax error" not in text and "Maximum text size" not in text, f"{theme} {path}: {text[:200]}"
                assert diagrams.nth(i).locator("svg g.node").count() > 0, f"{theme} {path}: nothing drawn"
        for path in CHART_PAGES:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            page.wait_for_load_state("networkidle")
            assert_charts_visible(page, f"{theme} {path}")
        hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
        assert hosts == {"127.0.0.1"}, sorted(hosts)
        assert errors == []
    finally:
        context.close()
        server.shutdown()
