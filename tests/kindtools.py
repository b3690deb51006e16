"""Helpers for the per-kind tests (kata, ogsm, metric, go-no-go, assumption)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from stratdocs.config import Config
from stratdocs.pipeline import discover, run

TODAY = dt.date(2026, 11, 23)

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


def doc(data: dict, body: str = "Body text.\n") -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000) + "---\n\n" + body


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
    assert article.find("a", href=re.compile("javascript", re.I)) is None
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
