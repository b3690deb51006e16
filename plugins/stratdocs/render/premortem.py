"""The pre-mortem page: a 3x3 likelihood x impact matrix, then every risk in full."""

from __future__ import annotations

from ..document import Document
from .common import header, ref_html, section
from .context import RenderContext
from .html import esc, or_missing

LEVELS = ("low", "medium", "high")


def render(doc: Document, context: RenderContext) -> str:
    items = ([i for i in doc.get("items", default=[]) if isinstance(i, dict)] if isinstance(doc.get("items"), list)
             else [])
    threatens = doc.get("threatens")
    threat = ref_html(threatens, context)
    parts = [header(doc, "Pre-mortem", [("Threatens", threat), ("Risks", esc(len(items)))])]
    parts.append(section("Risk matrix", matrix_html(items)))
    parts.append(section("Risks", risks_html(items)))
    return "\n\n".join(parts)


def level(value) -> str | None:
    return value if isinstance(value, str) and value in LEVELS else None


def matrix_html(items: list[dict]) -> str:
    cells: dict[tuple[str, str], list[int]] = {}
    for number, item in enumerate(items, 1):
        likelihood, impact = level(item.get("likelihood")), level(item.get("impact"))
        if likelihood and impact:
            cells.setdefault((likelihood, impact), []).append(number)
    head = "<tr><th>Likelihood ↓ / impact →</th>" + "".join(f"<th>{lv}</th>" for lv in LEVELS) + "</tr>"
    rows = []
    for likelihood in reversed(LEVELS):
        tds = []
        for impact in LEVELS:
            numbers = cells.get((likelihood, impact), [])
            links = " ".join(f'<a href="#risk-{n}">{n}</a>' for n in numbers)
            tds.append(f'<td class="sd-pm-cell sd-pm-cell--{likelihood}-{impact}">{links}</td>')
        rows.append(f"<tr><th>{likelihood}</th>{''.join(tds)}</tr>")
    unplaced = len(items) - sum(len(v) for v in cells.values())
    note = f'<p class="sd-missing">{unplaced} risk(s) without a valid likelihood and impact.</p>' if unplaced else ""
    return (f'<div class="sd-pm-matrix"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
            f"{note}</div>")


def risks_html(items: list[dict]) -> str:
    if not items:
        return '<p class="sd-missing">No risks.</p>'
    rows = []
    for number, item in enumerate(items, 1):
        likelihood, impact = level(item.get("likelihood")), level(item.get("impact"))
        severe = " sd-pm-risk--severe" if likelihood == impact == "high" else ""
        mitigation = item.get("mitigation")
        cells = [
            f"<td>{number}</td>",
            f"<td>{or_missing(item.get('risk'))}</td>",
            f"<td>{or_missing(item.get('likelihood'))}</td>",
            f"<td>{or_missing(item.get('impact'))}</td>",
            f"<td>{or_missing(item.get('early_warning_sign'))}</td>",
            f"<td>{esc(mitigation) if mitigation is not None else '—'}</td>",
        ]
        rows.append(f'<tr id="risk-{number}" class="sd-pm-risk{severe}">{"".join(cells)}</tr>')
    head = ("<tr><th>#</th><th>Risk</th><th>Likelihood</th><th>Impact</th>"
            "<th>Early warning sign</th><th>Mitigation</th></tr>")
    return f'<div class="sd-pm-risks"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
