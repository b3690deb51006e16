"""The Alignment Index page (alignment/index.md): drawn from a hand-made index, straight and in real mkdocs builds
(Material and MkDocs' own theme) with the computation replaced; and, once stratdocs.alignment.compute exists, from
real histories: a folder with no git, and a small repository with pinned commit dates."""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from stratdocs.alignment.model import DIMENSIONS, AlignmentIndex, Dimension, HistorySummary, Period, Row
from stratdocs.config import Config
from stratdocs.pipeline import discover, run
from stratdocs.render.alignment import ALIGNMENT_PAGE, MAX_ROWS, alignment_page
from stratdocs.render.context import RenderContext
from stratdocs.render.sanitize import sanitize

from conftest import BIN, MKDOCS_YML, build_site, env, write
from samples import SHEET, metric

AS_OF = dt.date(2026, 11, 23)
SCRIPT = "<script>alert(1)</script>"
ATTR = "{: onclick=x}"
JS = "javascript:alert(1)"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = f"{SCRIPT} {ATTR} {IMG} **bold** [l]({JS}) &amp; {{{{ config.site_name }}}}"
FILES = {"aims/online-claim-completion.md": SHEET, "metrics/resume-link-usage.md": metric("resume-link-usage"),
         "metrics/online-completion-rate.md": metric("online-completion-rate")}
YML = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      as_of: 2026-11-23\n")
PLAIN_YML = ("site_name: Plain\ndocs_dir: strategy\nplugins:\n  - search\n"
             "  - stratdocs:\n      as_of: 2026-11-23\nmarkdown_extensions:\n  - toc:\n      permalink: true\n")


def row(day: str, doc_id: str = "online-claim-completion", title: str = "Claimants finish their claim online",
        src_uri: str = "aims/online-claim-completion.md", text: str = "The gate said change.", **more) -> Row:
    return Row(doc_id=doc_id, title=title, src_uri=src_uri, day=dt.date.fromisoformat(day),
               commit=more.pop("commit", "0123456789abcdef0123456789abcdef01234567"), text=text,
               state=more.pop("state", "answered"), **more)


def period(label: str, value: float | None, count: int) -> Period:
    year, month = label.split("-")
    return Period(label=label, start=dt.date(int(year), int(month), 1), value=value, count=count)


def dimension(key: str, **more) -> Dimension:
    base = {"key": key, "name": f"Name of {key}", "definition": f"How {key} is measured.", "unit": "days",
            "better": "lower", "measured": True, "value": 4.0, "summary": f"Summary of {key}."}
    return Dimension(**{**base, **more})


def index(history: HistorySummary | None = None, hostile: bool = True) -> AlignmentIndex:
    evil = HOSTILE if hostile else "plain"
    dims = (
        dimension("course-correction", name="Course-correction speed", periods=(
            period("2026-09", 12, 2), period("2026-10", None, 0), period("2026-11", 5, 1)),
            rows=(row("2026-11-16", days=5, until=dt.date(2026, 11, 21)),
                  row("2026-10-02", title=evil, src_uri="", text=evil, commit="", days=12),
                  row("2026-09-20", doc_id="gone", title="Deleted since", src_uri="aims/gone.md", days=None),
                  row("2026-09-10", title=f"{ATTR} title", src_uri=JS, state=evil)),
            notes=(f"Two triggers have no answer yet. {evil}",)),
        dimension("information-flow", name="Information flow", periods=(period("2026-11", float("nan"), 1),),
                  rows=(row("2026-11-03", text="Status followed the evidence."),)),
        dimension("surprise", name="Surprise frequency", unit="surprises", periods=(
            period("2026-10", 1, 1), period("2026-11", 0, 0)), rows=()),
        dimension("pivots", name="Pivot history", unit="decisions", better="sideways", value=None,
                  periods=(), rows=tuple(row(f"2026-{m:02d}-01", text=f"pivot {m}") for m in range(1, 13))),
        dimension("safety", name="Psychological safety", unit="score", better="higher", measured=False, value=None,
                  summary="Not measured: tag a metric psychological-safety and record its survey readings.",
                  notes=("No survey metric.",)),
    )
    return AlignmentIndex(
        as_of=AS_OF, period="month",
        history=history or HistorySummary(available=True, shallow=False, reason="", commits=42,
                                          first=dt.date(2026, 1, 5), last=dt.date(2026, 11, 20),
                                          head="feedfacecafebeef0000000000000000deadbeef"),
        dimensions=dims, combined=f"They measure different things. {evil}", triggers=("gate", "guardrail"))


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    root = tmp_path_factory.mktemp("graph")
    write(root / "strategy", FILES)
    return run(discover(root / "strategy"), Config(today=AS_OF)).graph


def draw(idx: AlignmentIndex, graph=None, directory_urls: bool = True) -> tuple[str, BeautifulSoup]:
    context = RenderContext(today=AS_OF, graph=graph, page_src_uri=ALIGNMENT_PAGE, directory_urls=directory_urls,
                            as_of=True)
    html = alignment_page(idx, context)
    assert not context.notices, context.notices
    return html, BeautifulSoup(html, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).replace(" .", ".").split())


def section_of(soup: BeautifulSoup, key: str):
    """The block after a dimension's heading."""
    found = soup.find(id=key)
    assert found is not None and found.name == "h2", key
    return found.find_next_sibling("div", class_="sd-alignment-dimension")


def content(soup: BeautifulSoup):
    """The page's own part: Material's article, MkDocs' main column, or all of a bare rendering."""
    return soup.select_one("article") or soup.select_one('[role="main"]') or soup


def assert_inert(soup: BeautifulSoup) -> None:
    """No element or attribute the hostile text could have made; the text shows as written."""
    root = content(soup)
    for tag in ("script", "img", "iframe", "b", "em"):
        assert not root.find_all(tag), tag
    assert not [el for el in soup.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)]
    assert soup.find("a", href=re.compile("javascript", re.IGNORECASE)) is None
    assert SCRIPT in root.get_text() and ATTR in root.get_text() and "**bold**" in root.get_text()


def test_the_page_says_what_it_is_and_what_history_it_read(graph):
    _, soup = draw(index(), graph)
    assert text(soup.find("h1")) == "Alignment Index"
    intro = text(soup.select_one(".sd-alignment-intro"))
    assert "Seed 004" in intro and "history" in intro and "survey" in intro
    assert text(soup.select_one(".sd-alignment-read")) == (
        "History read: 42 commits from 2026-01-05 to 2026-11-20 (as of 2026-11-23), the newest feedfac. "
        "Trends are by month.")
    assert soup.select(".sd-alignment-history") == []


def test_the_summary_links_each_dimension_to_its_section_with_how_to_read_it(graph):
    _, soup = draw(index(), graph)
    rows = [[text(td) for td in tr.find_all("td")] for tr in soup.select(".sd-alignment-summary tbody tr")]
    assert [r[0] for r in rows] == ["Course-correction speed", "Information flow", "Surprise frequency",
                                    "Pivot history", "Psychological safety"]
    assert [a["href"] for a in soup.select(".sd-alignment-summary tbody tr td:first-child a")] == [
        f"#{key}" for key in DIMENSIONS]
    assert [r[2] for r in rows] == ["lower is better", "lower is better", "lower is better", "—",
                                    "higher is better"]
    assert rows[4][1].startswith("Not measured: tag a metric")
    assert [h["id"] for h in soup.find_all("h2") if h.get("id")] == list(DIMENSIONS)
    combined = soup.find("h2", string="Why the five are not added up").find_next_sibling("p")
    assert text(combined).startswith("They measure different things.")


def test_a_dimension_shows_its_trend_chart_periods_and_evidence(graph):
    _, soup = draw(index(), graph)
    course = section_of(soup, "course-correction")
    assert text(course.select_one(".sd-definition")) == "How course-correction is measured."
    assert text(course.select_one(".sd-alignment-figure")) == "Summary of course-correction. (lower is better)"
    assert text(course.select_one(".sd-alignment-triggers")) == "The clock starts at evidence about: gate, guardrail."
    assert text(course.select_one(".sd-alignment-note").find("p", class_=None)).startswith("Two triggers")
    svg = course.select_one("figure.sd-chart svg.sd-chart-svg")
    assert svg is not None and "2 months from 2026-09-01 to 2026-11-01" in svg["aria-label"]
    assert "http" not in str(svg).replace("http://www.w3.org/2000/svg", "")  # inline: nothing to fetch
    periods = [[text(td) for td in tr.find_all("td")] for tr in course.select(".sd-alignment-periods tbody tr")]
    assert periods == [["2026-09", "12 days", "2"], ["2026-10", "—", "0"], ["2026-11", "5 days", "1"]]
    rows = course.select(".sd-alignment-rows tbody tr")
    assert text(course.select_one(".sd-alignment-rows caption")) == "Evidence: All 4 rows, newest first"
    first = [text(td) for td in rows[0].find_all("td")]
    assert first == ["2026-11-16", "Claimants finish their claim online", "The gate said change.", "answered", "5",
                     "2026-11-21", "0123456"]
    assert rows[0].find("a")["href"] == "../aims/online-claim-completion/"
    assert rows[0].find("time")["datetime"] == "2026-11-16"
    assert [text(td) for td in rows[1].find_all("td")][5:] == ["—", "—"]  # no end, no commit: the evidence's day
    for plain in rows[1:]:  # no path, a deleted document, a path that is no page of the site: text, not a link
        assert plain.find_all("td")[1].find("a") is None
    assert text(rows[2].find_all("td")[1]) == "Deleted since"


def test_links_follow_the_url_style(graph):
    _, soup = draw(index(), graph, directory_urls=False)
    assert section_of(soup, "course-correction").find("a")["href"] == "../aims/online-claim-completion.html"


def test_no_chart_without_a_value_and_none_for_a_value_that_is_not_a_number(graph):
    _, soup = draw(index(), graph)
    flow = section_of(soup, "information-flow")
    assert flow.select("svg") == []  # its one period's value is NaN
    assert [text(td) for td in flow.select(".sd-alignment-periods tbody td")] == ["2026-11", "—", "1"]
    pivots = section_of(soup, "pivots")
    assert pivots.select("svg") == [] and text(pivots.select_one(".sd-no-periods")) == "No period to show yet."
    assert [text(tr.find_all("td")[2]) for tr in pivots.select(".sd-alignment-rows tbody tr")][:2] == [
        "pivot 12", "pivot 11"]
    surprise = section_of(soup, "surprise")
    assert len(surprise.select("svg.sd-chart-svg")) == 1
    assert text(surprise.select_one(".sd-no-rows")) == "No evidence rows."


def test_a_dimension_not_measured_says_how_to_start_instead_of_empty_tables(graph):
    _, soup = draw(index(), graph)
    safety = section_of(soup, "safety")
    assert text(safety.select_one(".sd-alignment-figure")).startswith("Not measured: tag a metric")
    assert safety.select("table") == [] and safety.select("svg") == []
    assert text(safety.select_one(".sd-alignment-note")) == "Note No survey metric."


def test_a_long_history_shows_the_newest_rows_and_says_how_many(graph):
    many = tuple(row((dt.date(2020, 1, 1) + dt.timedelta(days=n)).isoformat()) for n in range(MAX_ROWS + 5))
    idx = index()
    idx = AlignmentIndex(as_of=idx.as_of, period="quarter", history=idx.history,
                         dimensions=(dimension("pivots", rows=many, periods=(period("2020-01", 3, 9),)),))
    _, soup = draw(idx, graph)
    rows = soup.select(".sd-alignment-rows tbody tr")
    assert len(rows) == MAX_ROWS and text(rows[0].find("td")) == "2020-07-23"
    assert text(soup.select_one(".sd-alignment-rows caption")) == (
        f"Evidence: The newest {MAX_ROWS} of {MAX_ROWS + 5} rows, newest first")
    assert "Trends are by quarter." in text(soup.select_one(".sd-alignment-read"))


def test_hostile_text_stays_text_and_survives_the_sanitiser(graph):
    html, soup = draw(index(), graph)
    assert_inert(soup)
    assert text(soup.select_one(".sd-alignment-rows tbody tr:nth-of-type(4) td:nth-of-type(2)")) == f"{ATTR} title"
    cleaned = sanitize(html)
    assert cleaned.count("<svg") == html.count("<svg") == 2
    kept = BeautifulSoup(cleaned, "html.parser")
    assert [h["id"] for h in kept.find_all("h2") if h.get("id")] == list(DIMENSIONS)
    assert_inert(kept)


@pytest.mark.parametrize("history", [
    HistorySummary(available=False, shallow=False, reason=f"no git history: {SCRIPT} is not a repository"),
    HistorySummary(available=False, shallow=False, reason=""),
])
def test_no_history_is_said_in_a_box_not_raised(graph, history):
    _, soup = draw(index(history), graph)
    box = soup.select_one(".admonition.sd-alignment-history")
    assert text(box.find("p", class_="admonition-title")) == "No git history: nothing could be measured from it"
    assert (SCRIPT in text(box)) == bool(history.reason) and soup.find("script") is None
    assert soup.select(".sd-alignment-read") == []


def test_a_shallow_clone_says_what_it_hides():
    shallow = HistorySummary(available=True, shallow=True, reason="a shallow clone: commits before 2026-10-01 are "
                             "missing (git fetch --unshallow)", commits=3, first=dt.date(2026, 10, 1),
                             last=dt.date(2026, 11, 2))
    _, soup = draw(index(shallow))
    assert text(soup.select_one(".sd-alignment-read")).startswith("History read: 3 commits from 2026-10-01")
    box = soup.select_one(".admonition.sd-alignment-history")
    assert "Shallow clone" in text(box) and "--unshallow" in text(box)


def test_invalid_data_does_not_break_the_page():
    odd = AlignmentIndex(
        as_of="not a date", period=None,
        history=HistorySummary(available=True, shallow=False, reason="", commits="many",
                               first=None, last=None, head=None),
        dimensions=("junk", Dimension(
            key="bad key!", name="", definition=None, unit=None, better=None, measured=True,
            value="x", summary=None, periods=(None, Period(label=SCRIPT, start="2026", value="1", count=None)),
            rows=(Row(doc_id=None, title=None, src_uri=None, day="yesterday", commit=None, text=None,
                      state=None, days="3", until="soon"), 7),
            notes=None)),
        combined=None, triggers=None)
    _, soup = draw(odd)
    assert text(soup.find("h1")) == "Alignment Index" and soup.find("script") is None
    assert text(soup.select_one(".sd-alignment-read")) == "History read: 0 commits."
    assert soup.find("h2", string="bad key!") is not None and soup.find(id="bad key!") is None
    assert [text(td) for td in soup.select(".sd-alignment-periods td")] == [SCRIPT, "—", "—"]
    assert [text(td) for td in soup.select(".sd-alignment-rows td")] == ["yesterday", "not set", "", "—", "—",
                                                                          "soon", "—"]


# Real builds, with the computation replaced by the hand-made index: the plugin's wiring, in both themes.

@pytest.fixture
def fake_compute(monkeypatch):
    """stratdocs.alignment.compute as a stub returning `fake_compute.index`, recording each call."""
    module = types.ModuleType("stratdocs.alignment.compute")
    module.calls = []
    module.index = index()

    def alignment_index(docs_dir, config, cache_dir=None):
        module.calls.append((Path(docs_dir), config, cache_dir))
        return module.index

    module.alignment_index = alignment_index
    monkeypatch.setitem(sys.modules, "stratdocs.alignment.compute", module)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return module


def build_here(root: Path, files: dict[str, str], yml: str = YML) -> Path:
    """A strict mkdocs build in this process (so the stub computation is the one the plugin imports)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write(root, {"mkdocs.yml": yml})
    write(root / "strategy", files)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


def site_page(site: Path, uri: str = "alignment") -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("yml", [YML, PLAIN_YML], ids=["material", "mkdocs"])
def test_a_site_has_the_page_computed_once_with_its_cache_folder(tmp_path, fake_compute, yml):
    site = build_here(tmp_path, FILES, yml)
    assert len(fake_compute.calls) == 1
    docs_dir, config, cache_dir = fake_compute.calls[0]
    assert docs_dir == tmp_path / "strategy" and cache_dir == tmp_path / ".cache" / "stratdocs"
    assert config.today == AS_OF and config.as_of
    soup = site_page(site)
    article = content(soup)
    assert text(article.find("h1")).rstrip("¶").strip() == "Alignment Index"
    assert [h["id"] for h in article.find_all("h2") if h["id"] in DIMENSIONS] == list(DIMENSIONS)
    toc = [a["href"] for a in soup.select('a[href^="#"]')]
    assert {f"#{key}" for key in DIMENSIONS} <= set(toc)
    link = section_of(article, "course-correction").find("a")
    assert link["href"] == "../aims/online-claim-completion/" and (site / "aims/online-claim-completion").is_dir()
    assert len(article.select("svg.sd-chart-svg")) == 2
    assert_inert(soup)
    assert soup.title is None or SCRIPT not in str(soup.title)


def test_the_page_sits_among_the_views_after_the_review(tmp_path, fake_compute):
    soup = site_page(build_here(tmp_path, FILES))
    items = soup.select_one("nav.md-nav--primary > ul").find_all("li", recursive=False)
    names = [item.find(["a", "label"]).get_text(" ", strip=True) for item in items]
    assert names.index("Alignment") == names.index("Review") + 1


def test_a_site_page_of_its_own_at_alignment_is_left_alone_and_nothing_is_computed(tmp_path, fake_compute):
    site = build_here(tmp_path, {**FILES, "alignment/index.md": "# Our alignment notes\n"})
    assert fake_compute.calls == []
    assert text(site_page(site).select_one("article h1")).rstrip("¶").strip() == "Our alignment notes"


def test_no_history_is_an_info_line_not_a_strict_failure(tmp_path, fake_compute, caplog):
    fake_compute.index = index(HistorySummary(available=False, shallow=False, reason="STRATDOCS_NO_GIT is set"))
    with caplog.at_level(logging.INFO):
        site = build_here(tmp_path, FILES)
    box = site_page(site).select_one(".sd-alignment-history")
    assert "STRATDOCS_NO_GIT is set" in text(box)
    said = [r for r in caplog.records if "alignment/index.md" in r.getMessage()]
    assert [r.levelno for r in said] == [logging.INFO] and "STRATDOCS_NO_GIT is set" in said[0].getMessage()


# Real builds with the real computation (skipped until stratdocs.alignment.compute lands).

def test_a_folder_with_no_git_says_what_is_missing(tmp_path):
    pytest.importorskip("stratdocs.alignment.compute")
    result = build_site(tmp_path, FILES, strict=True, mkdocs_yml=YML, STRATDOCS_NO_GIT="1",
                        GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    soup = site_page(tmp_path / "site")
    box = soup.select_one(".admonition.sd-alignment-history")
    assert box is not None and text(box.select_one(".admonition-title")).startswith("No git history")
    assert len(text(box)) > len(text(box.select_one(".admonition-title")))  # and the reason
    assert [h["id"] for h in soup.select("article h2") if h["id"] in DIMENSIONS] == list(DIMENSIONS)


def test_a_repository_history_is_read_and_cached(tmp_path):
    pytest.importorskip("stratdocs.alignment.compute")
    write(tmp_path, {"mkdocs.yml": YML, ".gitignore": "site/\n.cache/\n"})
    git_env = env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
                  GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, env=git_env, check=True)
    # The sheet last, and recently: reviewed weekly, it would be overdue (SD606, a --strict failure) from git alone.
    for day, (name, content) in zip(("2026-09-01", "2026-10-01", "2026-11-20"), reversed(FILES.items()), strict=True):
        write(tmp_path / "strategy", {name: content})
        stamp = f"{day}T12:00:00+00:00"
        subprocess.run(["git", "add", "-A"], cwd=tmp_path, env=git_env, check=True)
        subprocess.run(["git", "commit", "-q", "-m", name], cwd=tmp_path, check=True,
                       env={**git_env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")]
    first = subprocess.run(mkdocs, cwd=tmp_path, env=env(), capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    read = text(site_page(tmp_path / "site").select_one(".sd-alignment-read"))
    assert re.fullmatch(r"History read: \d+ commits? from 2026-\d\d-\d\d to 2026-\d\d-\d\d \(as of 2026-11-23\), "
                        r"the newest [0-9a-f]{7}\. Trends are by month\.", read), read
    assert any((tmp_path / ".cache" / "stratdocs").iterdir())
    again = subprocess.run(mkdocs, cwd=tmp_path, env=env(), capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert text(site_page(tmp_path / "site").select_one(".sd-alignment-read")) == read
