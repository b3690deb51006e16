"""Every string field of every kind x a list of payloads: the built site runs no script from user text.

The documents come from tests/hostile.py (generated from the schemas). One real `mkdocs build`
of all of them; every HTML page it writes is parsed and checked, and every mermaid diagram is
read line by line against the statements our builder writes.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, run_cli
from hostile import MARK, hostile_docs, write_docs

MKDOCS_YML = """site_name: Hostile
docs_dir: strategy
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
  - stratdocs
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.emoji
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data"}
# The statements our flowchart builder writes (render/mermaid.py); anything else came from user text.
MERMAID_LINE = re.compile(
    r'flowchart (TD|LR)'
    r'|  n\d+(\["[^"\n]*"\]|\("[^"\n]*"\)|\(\["[^"\n]*"\]\)|\{\{"[^"\n]*"\}\})'
    r'|  n\d+ (-->|-\.->)(\|"[^"\n]*"\|)? n\d+'
    r'|  subgraph s\d+\["[^"\n]*"\]|  end'
    r'|  click n\d+ href "[A-Za-z0-9/.\-_#~%]*" _self'
    r'|  classDef [A-Za-z_][A-Za-z0-9_]* [a-z\-]+:[#0-9a-z]+(,[a-z\-]+:[#0-9a-z \-]+)*'
    r'|  class n\d+(,n\d+)* [A-Za-z_][A-Za-z0-9_]*')


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_docs(root / "strategy", hostile_docs())
    result = build_site(root, {}, mkdocs_yml=MKDOCS_YML)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Error reading page" not in result.stderr
    return root


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_page_runs_script_from_user_text(hostile_site):
    checked = 0
    for path, soup in pages(hostile_site / "site"):
        where = path.relative_to(hostile_site)
        for element in soup.find_all(True):
            for name, raw in element.attrs.items():
                value = " ".join(raw) if isinstance(raw, list) else raw
                assert not name.lower().startswith("on"), f"{where}: <{element.name} {name}={value!r}>"
                assert name.lower() != "autofocus", f"{where}: <{element.name} autofocus>"
                if name.lower() in URL_ATTRIBUTES:
                    scheme = urlsplit(value.strip().lower()).scheme
                    assert scheme in ("", "http", "https", "mailto"), f"{where}: <{element.name} {name}={value!r}>"
        for script in soup.find_all("script"):
            assert MARK not in script.get_text(), f"{where}: script from user text"
            if script.get("src"):
                assert not urlsplit(script["src"]).netloc, f"{where}: outside script {script['src']}"
        for tag in ("iframe", "object", "embed", "base", "form", "style"):
            for element in soup.find_all(tag):
                assert (MARK not in str(element)
                        and "evil.example" not in str(element)), f"{where}: <{tag}> from user text"
        for meta in soup.find_all("meta", attrs={"http-equiv": True}):
            assert meta["http-equiv"].lower() != "refresh", f"{where}: meta refresh"
        checked += 1
    assert checked > 400


def test_no_image_or_style_loads_from_outside(hostile_site):
    for path, soup in pages(hostile_site / "site"):
        for element in soup.find_all(src=True):
            assert not urlsplit(element["src"]).netloc, f"{path}: <{element.name} src={element['src']}>"
        for element in soup.find_all(style=True):
            assert "url(" not in element["style"], f"{path}: style {element['style']}"


def test_every_diagram_holds_only_our_statements(hostile_site):
    diagrams = 0
    for path, soup in pages(hostile_site / "site"):
        for block in soup.select("pre.mermaid"):
            for line in block.get_text().rstrip("\n").split("\n"):
                assert MERMAID_LINE.fullmatch(line), f"{path.relative_to(hostile_site)}: {line!r}"
            diagrams += 1
    assert diagrams > 40


def test_user_text_is_shown_as_text(hostile_site):
    """The payloads are not dropped: they read as written where they are placed."""
    soup = BeautifulSoup((hostile_site / "site" / "text" / "p0" / "decision" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert "<script>alert(1337)</script>" in soup.select_one("article").get_text()
    decisions = BeautifulSoup((hostile_site / "site" / "decisions" / "index.html").read_text(encoding="utf-8"),
                              "html.parser")
    headings = [h.get_text(strip=True).rstrip("¶") for h in decisions.find_all("h2")]
    assert 'Claimants {: tabindex="1" autofocus onfocus="alert(1337)" }' in headings


def test_lint_and_export_take_every_hostile_document(hostile_site):
    lint = run_cli("lint", "--format", "json", "strategy", cwd=hostile_site)
    assert lint.returncode == 1 and "Traceback" not in lint.stderr
    findings = json.loads(lint.stdout)
    assert not [f for f in findings if f["code"] == "SD000"]
    for fmt in ("json", "mermaid", "dot"):
        export = run_cli("export", "--format", fmt, "strategy", cwd=hostile_site)
        assert export.returncode == 0 and "Traceback" not in export.stderr, export.stderr
    for line in run_cli("export", "--format", "mermaid", "strategy", cwd=hostile_site).stdout.rstrip("\n").split("\n"):
        assert MERMAID_LINE.fullmatch(line), line
