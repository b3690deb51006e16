"""Site URLs from source paths, computed the way MkDocs does, without MkDocs."""

from __future__ import annotations

import posixpath
from functools import cache


@cache  # pure, and asked for every link on every page
def site_url(src_uri: str, directory_urls: bool = True) -> str:
    """'aims/x.md' -> 'aims/x/' (or 'aims/x.html'); 'aims/index.md' -> 'aims/'."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(target: str, page: str) -> str:
    """A link from the page at URL `page` to URL `target` (both relative to the site root).

    Plain segment arithmetic: both are site paths already, so no filesystem calls
    (posixpath.relpath made links a sixth of the plugin's render time).
    """
    page_dir = page if page.endswith("/") else posixpath.dirname(page)
    here = [part for part in page_dir.split("/") if part]
    there = [part for part in target.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    if not rel:
        return "./"
    return rel + "/" if not target or target.endswith("/") else rel


