"""The PR/FAQ page: the press release header (headline, customer, what it serves), then the body."""

from __future__ import annotations

from ..document import Document
from .common import header, refs_html, section
from .context import RenderContext
from .html import esc, or_missing


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Date", or_missing(doc.get("date")))]
    return "\n\n".join([header(doc, "PR/FAQ", extra), section("Press release", press_release_html(doc, context))])


def press_release_html(doc: Document, context: RenderContext) -> str:
    serves = doc.get("serves")
    serves_html = refs_html(serves, context) or or_missing(None)
    subheading = doc.get("subheading")
    parts = [f'<p class="sd-prfaq-headline"><strong>{esc(doc.title)}</strong></p>']
    if subheading is not None:
        parts.append(f'<p class="sd-prfaq-subheading"><em>{esc(subheading)}</em></p>')
    parts.append(f'<p class="sd-prfaq-customer"><strong>Customer:</strong> {or_missing(doc.get("customer"))}</p>')
    parts.append(f'<p class="sd-prfaq-serves"><strong>Serves:</strong> {serves_html}</p>')
    return f'<div class="sd-prfaq">{"".join(parts)}</div>'
