"""The decision page: what was decided, when, about what, why, on what evidence, by whom."""

from __future__ import annotations

from ..document import Document
from .common import header, ref_html, section
from .context import RenderContext
from .html import esc, link, or_missing

VERDICTS = {"continue": "Continue", "change": "Change", "stop": "Stop", "other": "Other"}


def render(doc: Document, context: RenderContext) -> str:
    parts = [header(doc, "Decision", [("Date", or_missing(doc.get("date")))])]
    parts.append(section("Decision", decision_html(doc, context)))
    parts.append(section("Rationale", f'<p class="sd-rationale">{or_missing(doc.get("rationale"))}</p>'))
    parts.append(section("Evidence", evidence_html(doc.get("evidence"), context)))
    return "\n\n".join(parts)


def decision_html(doc: Document, context: RenderContext) -> str:
    verdict = doc.get("decision")
    label = VERDICTS.get(verdict) if isinstance(verdict, str) else None
    cls = f" sd-verdict--{esc(verdict)}" if label else ""
    lines = [f'<p class="sd-verdict{cls}"><strong>{esc(label) if label else or_missing(None)}</strong></p>']
    if doc.get("summary") is not None:
        lines.append(f'<p class="sd-decision-summary">{esc(doc.get("summary"))}</p>')
    lines.append(f'<p class="sd-about"><strong>About:</strong> {ref_html(doc.get("about"), context)}</p>')
    deciders = doc.get("deciders")
    names = ", ".join(esc(d) for d in deciders) if isinstance(deciders, list) and deciders else or_missing(None)
    lines.append(f'<p class="sd-deciders"><strong>Decided by:</strong> {names}</p>')
    if doc.get("supersedes") is not None:
        lines.append(f'<p class="sd-supersedes"><strong>Supersedes:</strong> '
                     f'{ref_html(doc.get("supersedes"), context)}</p>')
    return f'<div class="sd-decision">{"".join(lines)}</div>'


def evidence_url(item):
    """The URL of an evidence item (a string or a mapping with url), else None."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get("url"), str):
        return item["url"]
    return None


def evidence_html(evidence, context: RenderContext) -> str:
    if not isinstance(evidence, list) or not evidence:
        return '<p class="sd-missing">No evidence linked.</p>'
    items = []
    for item in evidence:
        url = evidence_url(item)
        title = item.get("title") if isinstance(item, dict) and isinstance(item.get("title"), str) else url
        items.append(f"<li>{link(context.written_link(url), title) if url else or_missing(None)}</li>")
    return f'<ul class="sd-evidence">{"".join(items)}</ul>'
