"""Our rendered blocks inside Markdown: heading ids, TOC, permalinks, anchors, escaping.

The plugin places its headings and HTML blocks through a Markdown extension
instead of having Markdown parse them; these builds check that the page still
behaves as if Markdown had seen every heading.
"""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path

from bs4 import BeautifulSoup

from stratdocs.render.links import relative_url

from conftest import MKDOCS_YML, build_site
from samples import sheet, with_metrics

PERMALINKS = MKDOCS_YML + "markdown_extensions:\n  - toc:\n      permalink: true\n"


def soup_of(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


def headings(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(h.get("id"), h.get_text(strip=True).rstrip("¶")) for h in soup.select("article h2")]


def toc(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a["href"], a.get_text(strip=True)) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]


def test_author_headings_never_take_our_ids(tmp_path):
    body = "## Aim\n\nThe author's own aim heading.\n\n## Notes\n\nMore.\n\n### Deeper\n\nText.\n"
    result = build_site(tmp_path, with_metrics({"aims/x.md": sheet(**{"Body text.\n": body})}), strict=True)
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "site", "aims/x")
    found = headings(soup)
    assert found[:6] == [("health", "Health"), ("aim", "Aim"), ("mechanism", "Mechanism"), ("feedback", "Feedback"),
                         ("stage-gate", "Stage gate"), ("guardrail", "Guardrail")]
    assert ("aim_1", "Aim") in found and ("notes", "Notes") in found  # the body starts with a heading: no Notes of ours
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    entries = toc(soup)
    assert entries[:8] == [("#health", "Health"), ("#aim", "Aim"), ("#mechanism", "Mechanism"),
                           ("#feedback", "Feedback"), ("#stage-gate", "Stage gate"), ("#guardrail", "Guardrail"),
                           ("#neighbourhood", "Neighbourhood"), ("#aim_1", "Aim")]
    assert ("#deeper", "Deeper") in entries


def test_permalinks_follow_the_toc_setting(tmp_path):
    files = with_metrics({"aims/x.md": sheet(), "plain.md": "# Plain\n\n## Section\n"})
    result = build_site(tmp_path, files, strict=True, mkdocs_yml=PERMALINKS)
    assert result.returncode == 0, result.stderr
    for heading in soup_of(tmp_path / "site", "aims/x").select("article h2"):
        link = heading.select_one("a.headerlink")
        assert link is not None and link["href"] == "#" + heading["id"], heading
    without = tmp_path / "without"
    assert build_site(without, files, strict=True).returncode == 0
    assert soup_of(without / "site", "aims/x").select("article h2 a.headerlink") == []


def test_links_to_our_sections_and_nodes_pass_anchor_validation(tmp_path):
    tree = ("---\nkind: st-tree\nid: growth\ntitle: Growth\nstatus: active\nowner: Ana\n"
            "date: 2026-11-16\nnodes:\n  - id: root\n    strategy: Grow\n    tactic: Do it\n"
            "    children:\n      - id: leaf-one\n        strategy: Leaf\n        tactic: Try\n"
            "        necessary_assumption: Needed\n        parallel_assumption: Works\n---\n")
    validating = MKDOCS_YML + "validation:\n  anchors: warn\n"
    good = "# Links\n\n[gate](aims/x.md#stage-gate) and [leaf](trees/growth.md#node-leaf-one)\n"
    files = with_metrics({"aims/x.md": sheet(**{"status: active\n": "status: active\nserves: [growth#leaf-one]\n"}),
                          "trees/growth.md": tree, "links.md": good})
    result = build_site(tmp_path, files, strict=True, mkdocs_yml=validating)
    assert result.returncode == 0, result.stderr
    broken = build_site(tmp_path / "broken", {**files, "links.md": good + "[nowhere](aims/x.md#no-such-part)\n"},
                        mkdocs_yml=validating)
    assert "no-such-part" in broken.stderr  # the check is live: a wrong anchor is reported


def test_heading_text_from_users_stays_literal(tmp_path):
    title = 'Grow *fast* [now](javascript:alert(1)) <script>alert("x")</script> & `tick`'
    decision = ("---\nkind: decision\nid: d-1\ntitle: Go on\nstatus: active\nowner: Ana\ndate: 2026-11-01\n"
                "decision: continue\nabout: x\nrationale: Signals moved\n---\n")
    files = with_metrics({"aims/x.md": sheet(**{"id: online-claim-completion\n": "id: x\n",
                                                "title: Claimants finish their claim online\n":
                                                f"title: '{title}'\n"}),
                          "decisions/d-1.md": decision})
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "site", "decisions")
    group = [h for h in soup.select("article h2") if "Grow" in h.get_text()]
    assert [h.get_text() for h in group] == [title]
    assert soup.select("article h2 em, article h2 a[href^=javascript], article h2 code") == []
    assert all("alert" not in (s.string or "") for s in soup.find_all("script"))
    assert soup.find("h1").get_text(strip=True) == "Decision log"
    assert soup.title.get_text().startswith("Decision log")


def test_the_author_body_is_still_markdown(tmp_path):
    body = "    indented code first\n\nThen *emphasis* and [a metric](../metrics/resume-link-usage.md).\n"
    result = build_site(tmp_path, with_metrics({"aims/x.md": sheet(**{"Body text.\n": body})}), strict=True)
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "site", "aims/x")
    assert soup.select_one("article pre:not(.mermaid) code").get_text() == "indented code first\n"
    assert soup.select_one("article p em").get_text() == "emphasis"
    assert soup.find("a", string="a metric")["href"] == "../../metrics/resume-link-usage/"
    assert ("notes", "Notes") in headings(soup)


def test_signal_metrics_link_to_their_pages(tmp_path):
    files = with_metrics({"aims/x.md": sheet(**{"metric: online-completion-rate": "metric: not-defined-yet"})})
    build_site(tmp_path, files)
    cells = soup_of(tmp_path / "site", "aims/x").select(".sd-signals tbody tr td:nth-of-type(2)")
    assert cells[0].select_one("a")["href"] == "../../metrics/resume-link-usage/"
    assert cells[1].select_one("a") is None and cells[1].get_text() == "not-defined-yet"


def test_relative_urls_match_posix_relpath():
    paths = ["", "a/", "a/b/", "a/b/c/", "ab/", "a/bc/", "x.html", "a/x.html", "a/b/y.html", "a/index.html"]
    for target, page in itertools.product(paths, paths):
        page_dir = page if page.endswith("/") else posixpath.dirname(page)
        expected = posixpath.relpath(target or ".", page_dir or ".")
        if not target or target.endswith("/"):
            expected = "./" if expected == "." else expected + "/"
        assert relative_url(target, page) == expected, (target, page)


def test_evidence_paths_to_markdown_files_become_page_links(tmp_path):
    decision = ("---\nkind: decision\nid: d-1\ntitle: Go on\nstatus: active\nowner: Ana\ndate: 2026-11-01\n"
                "decision: continue\nabout: online-claim-completion\nrationale: Signals moved\nevidence:\n"
                "  - {title: sheet, url: ../aims/x.md}\n  - {title: gate, url: '../aims/x.md#stage-gate'}\n"
                "  - {title: rooted, url: /aims/x.md}\n  - {title: outside, url: ../../elsewhere.md}\n"
                "  - {title: web, url: 'https://example.org/a.md'}\n---\n")
    files = with_metrics({"aims/x.md": sheet(), "decisions/d-1.md": decision})
    expected = {True: ["../../aims/x/", "../../aims/x/#stage-gate", "../../aims/x/"],
                False: ["../aims/x.html", "../aims/x.html#stage-gate", "../aims/x.html"]}
    for directory_urls, hrefs in expected.items():
        root = tmp_path / str(directory_urls)
        result = build_site(root, files, mkdocs_yml=MKDOCS_YML + f"use_directory_urls: {str(directory_urls).lower()}\n")
        assert result.returncode == 0, result.stderr
        page = root / "site" / ("decisions/d-1/index.html" if directory_urls else "decisions/d-1.html")
        links = [a["href"]
                 for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".sd-evidence a")]
        assert links == hrefs + ["../../elsewhere.md", "https://example.org/a.md"]
