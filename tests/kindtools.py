"""Helpers for the per-kind tests (tests/test_kind_*.py): documents from data, linting them, rendering them,
hostile values."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from stratdocs.check.ruledocs import rule_doc
from stratdocs.config import Config
from stratdocs.kinds import KINDS
from stratdocs.load.load import load_bytes
from stratdocs.pipeline import discover, run
from stratdocs.render.context import RenderContext
from stratdocs.render.page import view

TODAY = dt.date(2026, 11, 23)
REPO = Path(__file__).resolve().parent.parent

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) **bold** _em_",
    "{{ config.site_name }} <b>x</b>",
    '" onmouseover="alert(1)',
    "# heading\n\n<iframe src=//evil.example></iframe>",
    "`code` | pipe | </td></tr></table><script>y</script>",
    "<!-- comment --> &amp; &lt;",
]
KEEP = {"kind", "id"}


def with_context(files: dict[str, str], context=()) -> dict[str, str]:
    """The files plus the documents they refer to (the rule docs' extra example blocks)."""
    return {**{f"context/{n}.md": text for n, text in enumerate(context)}, **files}


def lint(tmp_path: Path, files: dict[str, str], today: dt.date = TODAY, context=()):
    for name, text in with_context(files, context).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return run(discover(tmp_path), Config(today=today)).findings


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def doc_text(data: dict, body: str = "") -> str:
    """Front matter from data, then body straight after the closing line."""
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6) + "---\n" + body


def doc(data: dict, body: str = "Body text.\n") -> str:
    """Front matter from data, a blank line, then body."""
    return doc_text(data, "\n" + body)


def hostile(value, counter=None):
    """Every string (but kind and id) replaced by an injection payload, in turn."""
    counter = counter if counter is not None else [0]
    if isinstance(value, dict):
        return {k: (v if k in KEEP else hostile(v, counter)) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v, counter) for v in value]
    if isinstance(value, str):
        counter[0] += 1
        return PAYLOADS[counter[0] % len(PAYLOADS)]
    return value


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


def assert_inert(soup: BeautifulSoup, headings: list[str]) -> None:
    article = soup.select_one("article")
    assert article is not None
    for tag in ("script", "img", "iframe", "b", "em"):
        assert not article.find_all(tag), f"user text became a <{tag}>"
    assert article.find("a", href=re.compile("javascript", re.IGNORECASE)) is None
    assert not [el for el in soup.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)]
    text = article.get_text()
    assert "**bold**" in text and "{{ config.site_name }}" in text
    found = [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")]
    assert found[:len(headings)] == headings, found
    assert not article.find_all("h1")[1:], "user text became a heading"


def variant(base: str, **changes) -> str:
    """base with top-level keys replaced, or removed where the value is None."""
    data = front(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return doc(data)


# The prfaq, st-tree, decision, premortem and logic-model tests: one document beside the examples.

HOSTILE = ('<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) '
           '**bold** {{ config.site_name }} <b onmouseover="alert(1)">x</b>')
# Values of the wrong type (or empty, huge, odd) for any field.
WRONG_VALUES = [42, 3.5, True, "", "   ", [], {}, ["x", 1], {"a": {"b": [1]}}, ["y"] * 2000,
                "ü漢字🙂" * 50, "x" * 30000]
_counter = itertools.count()


def good(code: str) -> str:
    return rule_doc(code).example("Good")


def lint_beside_examples(tmp_path: Path, text: str, name: str = "zz-test/a.md", beside_examples: bool = True):
    """Lint one doc beside the example strategy (so its references resolve); only its findings count."""
    root = tmp_path / f"lint{next(_counter)}"
    own_id = load_bytes(text.encode("utf-8"), "x.md", "x.md").id
    for source in sorted((REPO / "strategy").rglob("*.md")) if beside_examples else ():
        example = source.read_text(encoding="utf-8")
        if load_bytes(example.encode("utf-8"), "x.md", "x.md").id != own_id:
            target = root / source.relative_to(REPO / "strategy")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(example, encoding="utf-8")
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    return [f for f in run(discover(root), Config(today=TODAY)).findings if f.path.endswith(name)]


def render(text: str) -> str:
    doc = load_bytes(text.encode("utf-8"), "a.md", "a.md")
    return view(KINDS[doc.kind]).render(doc, RenderContext(TODAY))


def set_path(data: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(data)
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def assert_no_crash_and_findings(tmp_path: Path, data: dict, path: tuple, value, body: str = ""):
    text = doc_text(set_path(data, path, value), body)
    # alone: only "no crash, some finding" is checked
    found = lint_beside_examples(tmp_path, text, beside_examples=False)
    assert "SD000" not in codes(found), found
    render(text)  # must not raise
    return [f for f in found if not f.code.startswith("SD4")]  # unresolved references, alone: not the point here


def assert_inert_html(html: str, hostile_texts: int = 1):
    """No element or attribute the hostile text could have injected; the text shows as text."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    assert not article.find_all(["script", "img", "b", "iframe"])
    assert article.find("a", href=re.compile("javascript", re.IGNORECASE)) is None
    assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    text = article.get_text()
    assert text.count('<script>alert("x")</script>') >= hostile_texts
    assert "**bold**" in text and "[click](javascript:alert(1))" in text
    return soup
