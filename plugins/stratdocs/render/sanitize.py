"""The allow-list sanitiser for rendered page HTML: what Markdown, Material's extensions and we produce, no more."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from .html import SAFE_SCHEMES

# What Python-Markdown, pymdownx, Material and our renderers emit (admonitions, details,
# tables, highlighted code, task lists, tabs, footnotes, abbreviations, emoji icons, our
# sd-* blocks and mermaid diagrams). No script, style, iframe, object, embed, form, button,
# base, meta or link: those are how a document body would run code or leave the site.
# Inline SVG (icons; charts from render/charts.py) is shapes and text only: no <use>, <image>,
# <foreignObject>, <a>, <animate>, <set>, <style>, filters, masks or clip paths, which load, link or run.
SVG_SHAPES = {"g", "line", "circle", "text"}
TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | {"input", "label", "svg", "path", "section"} | SVG_SHAPES
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
# How SVG shapes are painted and placed; each value is checked by _svg_value (no url(), no escapes).
SVG_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-miterlimit",
             "stroke-linecap", "stroke-linejoin", "fill-opacity", "opacity", "transform", "display", "pointer-events"}
SVG_GEOMETRY = {"g": set(), "path": {"d"}, "line": {"x1", "y1", "x2", "y2"}, "circle": {"cx", "cy", "r"},
                "text": {"x", "y", "dx", "dy", "text-anchor", "font-family", "font-size", "font-weight"}}
ATTRIBUTES.update({tag: ATTRIBUTES.get(tag, set()) | names | SVG_PAINT for tag, names in SVG_GEOMETRY.items()})
SVG_CHECKED = {"svg", *SVG_GEOMETRY}  # the tags and the attributes whose values _svg_value checks
SVG_VALUES = SVG_PAINT | {"width", "height"} | set().union(*SVG_GEOMETRY.values())
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}  # task lists and content tabs
STYLE_PROPERTIES = {"text-align"}  # Markdown's table column alignment; nothing that can load a URL


# Colours, lengths, names, path data; a transform's functions. An SVG attribute is read as a CSS
# value: a '(' or a backslash could spell url(...) (or, escaped, \75 rl(...)), so neither passes.
_SVG_VALUE = re.compile(r"[\w\s#.,%+-]*")
_SVG_TRANSFORM = re.compile(r"(?:\s*(?:translate|rotate|scale)\([0-9eE.,\s+-]*\))*\s*")


def _svg_value(name: str, value: str) -> bool:
    return bool((_SVG_TRANSFORM if name == "transform" else _SVG_VALUE).fullmatch(value))


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag in SVG_CHECKED and name in SVG_VALUES and not _svg_value(name, value):
        return None
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
