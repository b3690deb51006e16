"""The allow-list sanitiser for rendered page HTML: what Markdown, Material's extensions and we produce, no more."""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

from .html import SAFE_SCHEMES

# What Python-Markdown, pymdownx, Material and our renderers emit (admonitions, details,
# tables, highlighted code, task lists, tabs, footnotes, abbreviations, emoji icons, our
# sd-* blocks and mermaid diagrams). No script, style, iframe, object, embed, form, button,
# base, meta or link: those are how a document body would run code or leave the site.
TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | {"input", "label", "svg", "path", "section"}
# Removed with everything inside them, not just unwrapped: their text is code or a trap.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea",
                        "select", "xmp", "noembed", "noframes", "plaintext", "title"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "style", "role"},
    "a": {"href", "name", "target", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "align", "loading"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"}, "data": {"value"}, "label": {"for"},
    "del": {"datetime"}, "ins": {"datetime"},  # no cite: nh3 does not check its URL scheme
    "input": {"checked", "disabled", "name"},  # type: only checkbox and radio, below
    "svg": {"xmlns", "viewBox", "width", "height", "fill"}, "path": {"d", "fill"},
}
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}  # task lists and content tabs
STYLE_PROPERTIES = {"text-align"}  # Markdown's table column alignment; nothing that can load a URL


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name.startswith("data-md-"):
        return None  # drives Material's own scripts: a body must not switch them on
    if name == "src" and _off_site(value):
        return None  # the site loads nothing from outside: no tracking pixels, and it works offline
    return value


def _off_site(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def sanitize(html: str) -> str:
    """The HTML with everything outside the allow-list removed.

    Links may be http(s), mailto or relative; images only relative (on this site).
    """
    return nh3.clean(
        html, tags=TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes=ATTRIBUTES,
        attribute_filter=_attribute, strip_comments=True, link_rel=None,
        generic_attribute_prefixes={"data-", "aria-"}, tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=set(SAFE_SCHEMES), filter_style_properties=STYLE_PROPERTIES)
