"""The assumption test page: the assumption, how and when it is tested, the result and the evidence."""

from __future__ import annotations

from ..document import Document
from .common import header, refs_html, section
from .context import RenderContext
from .html import or_missing

RESULTS = ("untested", "validated", "invalidated")


def render(doc: Document, context: RenderContext) -> str:
    parts = [header(doc, "Assumption test", [("Result", _badge(doc.get("result")))])]
    parts.append(section("Assumption", assumption_html(doc, context)))
    parts.append(section("Test", test_html(doc)))
    parts.append(section("Result", result_html(doc, context)))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _badge(value) -> str:
    css = value if value in RESULTS else "unknown"
    return f'<span class="sd-result sd-result--{css}">{or_missing(_text(value))}</span>'


def assumption_html(doc: Document, context: RenderContext) -> str:
    return (f'<p class="sd-assumption">{or_missing(_text(doc.get("assumption")))}</p>'
            f'<p class="sd-underpins"><strong>Underpins:</strong> '
            f'{refs_html(doc.get("underpins"), context) or "—"}</p>')


def test_html(doc: Document) -> str:
    return (f'<dl class="sd-test"><dt>Milestone</dt><dd>{or_missing(_text(doc.get("milestone")))}</dd>'
            f'<dt>Test method</dt><dd>{or_missing(_text(doc.get("test_method")))}</dd>'
            f'<dt>Date</dt><dd>{or_missing(_text(doc.get("date")))}</dd></dl>')


def result_html(doc: Document, context: RenderContext) -> str:
    return (f'<div class="sd-result-box"><p><strong>Result:</strong> {_badge(doc.get("result"))}</p>'
            f'<p class="sd-evidence"><strong>Evidence:</strong> {or_missing(_text(doc.get("evidence")))}</p>'
            f'<p class="sd-decided-by"><strong>Decided by:</strong> '
            f'{refs_html(doc.get("decided_by"), context) or "—"}</p></div>')
