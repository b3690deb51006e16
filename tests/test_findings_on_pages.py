"""Every page of a document with findings shows them, strategy doc or not, readable or not."""

import re

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, run_cli
from samples import SHEET, with_metrics

HOSTILE = "<script>alert(1)</script>"


def not_utf8_files() -> dict[str, bytes]:
    """Files that are not UTF-8: other encodings, and one bad byte at every kind of place."""
    text = f"---\nkind: alignment-sheet\ntitle: '{HOSTILE} café'\n---\n# Notes\n\nCafé au lait {HOSTILE}\n"
    files = {f"enc-{name}.md": text.encode(name) for name in ("latin-1", "cp1252", "utf-16", "utf-32")}
    raw = SHEET.encode()
    for where in ("start", "front-matter", "body", "end"):
        at = {"start": 0, "front-matter": raw.index(b"Priya"), "body": raw.index(b"Body"), "end": len(raw)}[where]
        files[f"byte-{where}.md"] = raw[:at] + b"\xff" + raw[at:]
    files["ordinary-latin1.md"] = "# Menu\n\nCrème brûlée <img src=x onerror=alert(1)>\n".encode("latin-1")
    return files


def broken_front_matter() -> dict[str, str]:
    """Pages that are not strategy documents but still have findings."""
    return {
        "unterminated.md": "---\nkind: alignment-sheet\nid: x\n\n# Body\n",
        "yaml-unclosed.md": "---\nkind: alignment-sheet\nid: [unclosed\n---\n# Body\n",
        "yaml-indent.md": "---\nkind: metric\n  id: bad\n---\n",
        "yaml-tab.md": "---\nkind: metric\naim:\n\tstatement: x\n---\n",
        "yaml-control.md": "---\nkind: metric\nid: a\x07b\n---\n",
        "not-mapping-list.md": "---\n- kind\n- id\n---\n# Body\n",
        "not-mapping-scalar.md": "---\njust text\n---\n# Body\n",
        "ordinary-duplicate.md": "---\ntitle: One\ntitle: Two\n---\n# Ordinary\n",
        "ordinary-anchor.md": "---\nbase: &b {a: 1}\nother: *b\n---\n# Ordinary\n",
        "too-deep.md": "---\nkind: metric\nx: " + "[" * 70 + "]" * 70 + "\n---\n",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("findings")
    files = with_metrics({"index.md": "# Home\n", "aim.md": SHEET, **not_utf8_files(), **broken_front_matter()})
    result = build_site(root, files)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lint = run_cli("lint", cwd=root)
    expected: dict[str, set[str]] = {}
    for line in lint.stdout.splitlines():
        match = re.match(r"strategy/(\S+)\.md:\d+:\d+: (error|warning) (SD\d+) ", line)
        if match:
            expected.setdefault(match.group(1), set()).add(match.group(3))
    return root / "site", expected


def page(site, stem) -> BeautifulSoup:
    return BeautifulSoup((site / stem / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_with_findings_shows_them(built):
    site, expected = built
    stems = {name.removesuffix(".md") for name in {**not_utf8_files(), **broken_front_matter()}}
    assert stems <= set(expected), stems - set(expected)  # each case does have a finding
    for stem, codes in expected.items():
        box = page(site, stem).select_one("article .sd-findings")
        assert box is not None, f"{stem}: no findings box for {codes}"
        shown = set(re.findall(r"SD\d+", box.get_text()))
        assert shown == codes, stem


def test_a_file_that_is_not_utf8_is_shown_as_text_under_its_findings(built):
    site, _ = built
    for stem in [name.removesuffix(".md") for name in not_utf8_files()]:
        soup = page(site, stem)
        article = soup.select_one("article")
        children = [el for el in article.children if getattr(el, "name", None)]
        assert "sd-findings" in children[0].get("class", []) or "sd-findings" in children[1].get("class", [])
        source = article.select_one("pre.sd-source")
        assert source is not None and "\ufffd" in source.get_text(), stem
        assert not soup.find_all("script", string=re.compile("alert")), stem
        assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)], stem
    latin = page(site, "enc-latin-1")
    assert HOSTILE in latin.select_one("pre.sd-source").get_text()  # shown as text, never as markup
    assert latin.find("title").get_text().startswith("enc-latin-1.md")  # not the front matter's title


def test_a_page_with_findings_keeps_its_content(built):
    site, _ = built
    assert page(site, "ordinary-duplicate").select_one("article h1").get_text(strip=True) == "Ordinary"
    assert "Body" in page(site, "unterminated").select_one("article").get_text()
