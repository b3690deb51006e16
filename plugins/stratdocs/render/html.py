"""Escaping helpers: every user text goes through one of these."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

SAFE_SCHEMES = {"http", "https", "mailto"}


def esc(value) -> str:
    """Text for HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url) -> str | None:
    """An http(s), mailto or relative URL, else None (no javascript:, data: ...)."""
    if not isinstance(url, str) or not url.strip():
        return None
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if not scheme and ":" in cleaned.split("/", 1)[0]:
        return None  # a scheme urlsplit did not recognise, e.g. "java\tscript:"
    # Entity tricks ("javascript&colon;...") stay inert: callers put the URL through
    # esc(), so the browser decodes "&amp;colon;" back to the text "&colon;", never ":".
    return cleaned


def link(url, text) -> str:
    href = safe_url(url)
    if href is None:
        return esc(text)
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def or_missing(value) -> str:
    """Escaped text, or a visible marker for a value the doc does not give."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return '<span class="sd-missing">not set</span>'
    return esc(value)


# Inside a line (never at its start), only these can start Markdown syntax: emphasis, code,
# links and images, HTML, entities, tables, strikethrough. '-', '.', '#' and '+' mean nothing there.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>&|~]|!(?=\[))")


def md_text(value) -> str:
    """Text inside a Markdown line: what could start syntax there is backslash-escaped, nothing else."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if value is None else str(value))


_MENTION = re.compile("[@\uff20]")
_WORD_JOINER = "\u2060"


def md_comment_text(text: object) -> str:
    """User text in a Markdown comment or note: inert (no links, emphasis, HTML or math), on one line, and
    pinging nobody: an invisible word joiner after each @ keeps GitHub and GitLab from reading a mention."""
    escaped = md_text(" ".join(str(text).split())).replace("$", "\\$")
    return _MENTION.sub(lambda m: m.group() + _WORD_JOINER, escaped)
