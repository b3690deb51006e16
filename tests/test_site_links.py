"""Every link the plugin writes leads somewhere real, whatever the layout and URL style.

Checks each relative link in page articles and each diagram click target of a
built site: the file exists and, for a link with a fragment, so does the anchor.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_site, copy_strategy

CLICK = re.compile(r'click \w+ href "([^"]*)"')


def broken_links(site: Path) -> tuple[list[str], int]:
    soups: dict[Path, BeautifulSoup] = {}

    def soup(path: Path) -> BeautifulSoup:
        if path not in soups:
            soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soups[path]

    problems, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        article = soup(page).select_one("article")
        if article is None:
            continue
        hrefs = [a["href"] for a in article.select("a[href]") if "headerlink" not in a.get("class", [])]
        for diagram in article.select("pre.mermaid"):
            hrefs += CLICK.findall(diagram.get_text())
        for href in hrefs:
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", href):
                continue  # evidence links to other sites
            path, _, anchor = href.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            where = f"{page.relative_to(site)}: {href}"
            if not target.is_file():
                problems.append(f"{where} leads nowhere")
            elif anchor and soup(target).find(id=unquote(anchor)) is None:
                problems.append(f"{where} has no anchor #{anchor}")
    return problems, checked


def moved_example(root: Path) -> None:
    """The example, with files moved to awkward places: references are by id, so nothing may break."""
    docs = root / "strategy"
    copy_strategy(docs)
    moves = {"aims/online-claim-completion.md": "teams/alpha/index.md",
             "metrics/resume-link-usage.md": "metrics/deep/er/README.md",
             "decisions/2026-11-16-change-resume-email.md": "log/2026/11/16 change email.md"}
    for old, new in moves.items():
        (docs / new).parent.mkdir(parents=True, exist_ok=True)
        (docs / old).rename(docs / new)
    # Links the authors wrote as paths (Markdown links, evidence) follow the move by hand, as they would.
    fixes = {"index.md": ("aims/online-claim-completion.md", "teams/alpha/index.md"),
             "teams/alpha/index.md": ("../../slos/", "../../../slos/"),
             "log/2026/11/16 change email.md": ("../aims/online-claim-completion.md", "../../../teams/alpha/index.md")}
    for name, (old, new) in fixes.items():
        text = (docs / name).read_text(encoding="utf-8")
        assert old in text
        (docs / name).write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("layout", ["example", "moved"])
def test_every_link_resolves(tmp_path, directory_urls, layout):
    if layout == "moved":
        moved_example(tmp_path)
    else:
        copy_strategy(tmp_path / "strategy")
    mkdocs_yml = (REPO / "mkdocs.yml").read_text() + f"use_directory_urls: {str(directory_urls).lower()}\n"
    result = build_site(tmp_path, {}, strict=True, mkdocs_yml=mkdocs_yml)
    assert result.returncode == 0, result.stderr
    problems, checked = broken_links(tmp_path / "site")
    assert problems == []
    assert checked > 200  # the map, the catalog and every backlink list were walked


def test_the_checker_sees_a_broken_link(tmp_path):
    copy_strategy(tmp_path / "strategy")
    assert build_site(tmp_path, {}, mkdocs_yml=(REPO / "mkdocs.yml").read_text()).returncode == 0
    page = tmp_path / "site" / "aims" / "same-day-evidence" / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index("<article")  # the nav links to metrics too: break the article's first one
    page.write_text(html[:start] + html[start:].replace('href="../../metrics/', 'href="../../metricz/', 1),
                    encoding="utf-8")
    problems, _ = broken_links(tmp_path / "site")
    assert len(problems) == 1 and "metricz" in problems[0]
