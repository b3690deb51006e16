"""Helpers for the tests of the prfaq, st-tree, decision, premortem and logic-model kinds."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from stratdocs.config import Config
from stratdocs.kinds import KINDS
from stratdocs.load import load_bytes
from stratdocs.pipeline import discover, run
from stratdocs.render.context import RenderContext
from stratdocs.ruledocs import rule_doc

TODAY = dt.date(2026, 11, 23)
HOSTILE = ('<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) '
           '**bold** {{ config.site_name }} <b onmouseover="alert(1)">x</b>')
# Values of the wrong type (or empty, huge, odd) for any field.
WRONG_VALUES = [42, 3.5, True, "", "   ", [], {}, ["x", 1], {"a": {"b": [1]}}, ["y"] * 2000,
                "ü漢字🙂" * 50, "x" * 30000]
_counter = itertools.count()


def good(code: str) -> str:
    return rule_doc(code).example("Good")


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def doc_text(data: dict, body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6) + "---\n" + body


REPO = Path(__file__).resolve().parent.parent


def lint(tmp_path: Path, text: str, name: str = "zz-test/a.md", beside_examples: bool = True):
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


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def render(text: str) -> str:
    doc = load_bytes(text.encode("utf-8"), "a.md", "a.md")
    return KINDS[doc.kind].render(doc, RenderContext(TODAY))


def set_path(data: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(data)
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def assert_no_crash_and_findings(tmp_path: Path, data: dict, path: tuple, value, body: str = ""):
    text = doc_text(set_path(data, path, value), body)
    found = lint(tmp_path, text, beside_examples=False)  # alone: only "no crash, some finding" is checked
    assert "SD000" not in codes(found), found
    render(text)  # must not raise
    return [f for f in found if not f.code.startswith("SD4")]  # unresolved references, alone: not the point here


def assert_inert(html: str, hostile_texts: int = 1):
    """No element or attribute the hostile text could have injected; the text shows as text."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    assert not article.find_all(["script", "img", "b", "iframe"])
    assert article.find("a", href=re.compile("javascript", re.I)) is None
    assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    text = article.get_text()
    assert text.count('<script>alert("x")</script>') >= hostile_texts
    assert "**bold**" in text and "[click](javascript:alert(1))" in text
    return soup
