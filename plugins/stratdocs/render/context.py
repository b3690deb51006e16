"""What a renderer may know beyond its document."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..document import MARKDOWN_SUFFIXES
from ..findings import Finding
from ..kinds import KINDS
from .links import relative_url, site_url

MAP_PAGE = "map/index.md"  # the generated strategy map (render/generated.py)

if TYPE_CHECKING:
    from ..document import Document
    from ..evaluate.evidence import Evidence
    from ..graph.graph import Graph, Reference


@dataclass
class RenderContext:
    today: dt.date  # the day the strategy is evaluated at
    findings: list[Finding] = field(default_factory=list)  # this document's findings
    graph: Graph | None = None
    page_src_uri: str = ""  # the page being rendered, to make links relative to it
    directory_urls: bool = True
    as_of: bool = False  # `today` was pinned by the as_of setting: say so where days are counted
    notices: list[str] = field(default_factory=list)  # what the page left out, for the build log
    doc: Document | None = None  # the document the page draws, whose references ref_html shows
    evidence: Evidence | None = None  # every metric's readings (charts, latest values); None: none were read

    def reference(self, text: str, source: Document | None = None) -> Reference | None:
        """The graph's reading of a reference as written in source (default: this page's document)."""
        source = source or self.doc
        if self.graph is None or source is None:
            return None
        return next((r for r in self.graph.refs_from(source) if r.text == text), None)

    @property
    def as_of_note(self) -> str:
        """', as of YYYY-MM-DD' after a count of days, when the date is pinned rather than today."""
        return f", as of {self.today.isoformat()}" if self.as_of else ""

    def href(self, doc_id: str, node_id: str | None = None) -> str | None:
        """A relative link to a document (and a node in it), or None if there is no such document."""
        doc = self.graph.index.get(doc_id) if self.graph else None
        if doc is None:
            return None
        here = site_url(self.page_src_uri, self.directory_urls)
        url = relative_url(site_url(doc.src_uri, self.directory_urls), here)
        if node_id:
            anchor = (KINDS[doc.kind].anchor if doc.kind in KINDS else "{}").format(node_id)
            url = ("" if doc.src_uri == self.page_src_uri else url) + "#" + anchor
        return url

    def map_focus(self, doc_id: str) -> str:
        """A link to the strategy map with this document focused: `../map/#focus=<id>`."""
        here = site_url(self.page_src_uri, self.directory_urls)
        return relative_url(site_url(MAP_PAGE, self.directory_urls), here) + "#focus=" + doc_id

    def written_link(self, url: str) -> str:
        """A link as an author wrote it: a path to a Markdown file becomes a link to its page.

        The path is relative to the source file (or to the docs folder if it starts
        with '/'), as in a Markdown link, so it works with either URL style; any
        other URL is returned unchanged.
        """
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        if parts.scheme or parts.netloc or not parts.path.lower().endswith(MARKDOWN_SUFFIXES):
            return url
        path = unquote(parts.path)
        joined = (path.lstrip("/") if path.startswith("/")
                  else posixpath.join(posixpath.dirname(self.page_src_uri), path))
        src_uri = posixpath.normpath(joined)
        if src_uri.startswith("../") or src_uri == "..":
            return url  # outside the docs folder: not a page of this site
        here = site_url(self.page_src_uri, self.directory_urls)
        target = relative_url(site_url(src_uri, self.directory_urls), here)
        return target + (f"#{parts.fragment}" if parts.fragment else "")
