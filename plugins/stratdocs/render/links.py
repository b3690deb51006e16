"""Site URLs from source paths, computed the way MkDocs does, without MkDocs."""

from __future__ import annotations

import posixpath


def site_url(src_uri: str, directory_urls: bool = True) -> str:
    """'aims/x.md' -> 'aims/x/' (or 'aims/x.html'); 'aims/index.md' -> 'aims/'."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(target: str, page: str) -> str:
    """A link from the page at URL `page` to URL `target` (both relative to the site root)."""
    page_dir = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    if not page_dir or page_dir == "/":
        return target or "./"
    rel = posixpath.relpath(target or ".", page_dir.rstrip("/") or ".")
    if (not target or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


NODE_ANCHORS = {"st-tree": "node-{}", "logic-model": "lm-{}", "alignment-sheet": "{}"}
