"""Pieces every strategy page shares: the header strip and the findings box."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..document import Document
from ..findings import Finding, Severity
from .context import RenderContext
from .html import esc, or_missing

STATUSES = ("draft", "active", "paused", "done", "stopped", "superseded")  # the schema's; a class only for these


def header(doc: Document, kind_title: str, extra: Sequence[tuple[str, str]] = ()) -> str:
    """The document's key facts as label/value pairs that never split across lines."""
    status = doc.get("status")
    items = [("Kind", esc(kind_title)), ("Id", f"<code>{esc(doc.id)}</code>")]
    if status is not None:
        css = status if status in STATUSES else "other"
        items.append(("Status", f'<span class="sd-status sd-status--{css}">{esc(status)}</span>'))
    items.append(("Owner", or_missing(doc.get("owner"))))
    items.extend(extra)
    pairs = "".join(f'<div class="sd-pair"><dt>{label}</dt><dd>{value}</dd></div>' for label, value in items)
    return f'<dl class="sd-header">{pairs}</dl>'


def findings_box(findings: list[Finding]) -> str:
    shown = [f for f in findings if f.severity is not Severity.INFO]
    if not shown:
        return ""
    worst = "failure" if any(f.severity is Severity.ERROR for f in shown) else "warning"
    items = "".join(
        f"<li><code>{esc(f.code)}</code> line {f.line}: {esc(f.message)}</li>" for f in shown)
    title = f"stratdocs found {len(shown)} problem{'s' if len(shown) != 1 else ''} in this document"
    return f'<div class="admonition {worst} sd-findings"><p class="admonition-title">{title}</p><ul>{items}</ul></div>'


def ref_html(value, context: RenderContext, source: Document | None = None) -> str:
    """A reference as the graph resolved it: its target's title (and node), linked, the id on hover.

    One the graph could not resolve (unknown id or node, wrong kind, unusable target) is shown as
    written, marked, with the finding's reason on hover: never a link to something it is not.
    """
    if not isinstance(value, str) or not value:
        return or_missing(None)
    graph, ref = context.graph, context.reference(value, source)
    if graph is None or ref is None or not ref.resolved:
        why = f' title="{esc(ref.hint.lstrip("; ") or ref.problem)}"' if ref is not None else ""
        return f'<code class="sd-ref-broken"{why}>{esc(value)}</code>'
    target = graph.index.get(ref.target_id)
    name = target.title if target else ref.target_id
    if ref.node_id:
        node = graph.nodes.get(ref.target_id, {}).get(ref.node_id)
        name = f"{name} › {node.label if node else ref.node_id}"
    href = context.href(ref.target_id, ref.node_id)
    return f'<a class="sd-ref" href="{esc(href)}" title="{esc(value)}">{esc(name)}</a>'


def refs_html(values, context: RenderContext, source: Document | None = None) -> str:
    """One reference or a list of them, comma-separated; empty when there are none."""
    values = [values] if isinstance(values, str) else values if isinstance(values, list) else []
    return ", ".join(ref_html(v, context, source) for v in values if isinstance(v, str) and v)


def days_phrase(date: dt.date, today: dt.date) -> str:
    days = (date - today).days
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    if days == 0:
        return "due today"
    return f"overdue by {-days} day{'s' if days != -1 else ''}"


ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")  # an id a heading may set itself (page.HEADING reads it back)


def heading(title, level: int = 2, anchor: str = "") -> str:
    """A heading the host's Markdown puts in the TOC, with the id it gives it, or anchor when that is a plain id."""
    ident = f' id="{anchor}"' if ANCHOR.fullmatch(anchor) else ""
    return f"<h{level}{ident}>{esc(title)}</h{level}>"


def section(title, html_block: str, anchor: str = "") -> str:
    """A heading on its own line, then an HTML block."""
    return f"{heading(title, anchor=anchor)}\n{html_block}"
