"""Evidence links are http(s) or relative URLs: no javascript:, data:, file:, mailto: ..."""

from collections.abc import Iterable
from urllib.parse import urlsplit

from ...document import Document
from ...findings import Severity
from .base import Context, Report, Rule

ALLOWED = {"http", "https"}


def problem(url: str) -> str | None:
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    if not cleaned:
        return "is empty"
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "is not a valid URL"
    if scheme and scheme not in ALLOWED:
        return f"uses the '{scheme}:' scheme"
    if not scheme and ":" in cleaned.split("/", 1)[0]:
        return "looks like a scheme in disguise"
    if cleaned.startswith("//"):
        return "is protocol-relative ('//host'); write https://host"
    return None


def check(doc: Document, context: Context) -> Iterable[Report]:
    evidence = doc.get("evidence")
    if not isinstance(evidence, list):
        return
    for i, item in enumerate(evidence):
        path: tuple[str | int, ...] = ("evidence", i)
        url = item
        if isinstance(item, dict):
            url, path = item.get("url"), ("evidence", i, "url")
        if not isinstance(url, str):
            continue  # the schema reports a missing or mistyped url
        why = problem(url)
        if why:
            yield doc.locate(*path), f"evidence link {why}: use an http(s) or a relative URL"


RULE = Rule("SD242", "evidence-links", Severity.ERROR, "evidence links are http(s) or relative URLs",
            ("decision",), check)
