"""What a renderer may know beyond its document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding
from .links import NODE_ANCHORS, relative_url, site_url

if TYPE_CHECKING:
    from ..graph import Graph


@dataclass
class RenderContext:
    today: dt.date
    findings: list[Finding] = field(default_factory=list)  # this document's findings
    graph: "Graph | None" = None
    page_src_uri: str = ""  # the page being rendered, to make links relative to it
    directory_urls: bool = True

    def href(self, doc_id: str, node_id: str | None = None) -> str | None:
        """A relative link to a document (and a node in it), or None if there is no such document."""
        doc = self.graph.index.get(doc_id) if self.graph else None
        if doc is None:
            return None
        here = site_url(self.page_src_uri, self.directory_urls)
        url = relative_url(site_url(doc.src_uri, self.directory_urls), here)
        if node_id:
            anchor = NODE_ANCHORS.get(doc.kind or "", "{}").format(node_id)
            url = ("" if doc.src_uri == self.page_src_uri else url) + "#" + anchor
        return url
