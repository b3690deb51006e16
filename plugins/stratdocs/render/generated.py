"""Pages computed from the whole graph: map, decisions, risks, metrics and dashboard.

Status here is computed from evidence (dates, decisions, votes, risks), not
self-reported, so the dashboard shows where the two disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..dates import parse_date
from ..document import Document
from ..evaluate.evidence import Evidence
from ..graph.graph import Graph
from ..kinds import KINDS
from .common import days_phrase, heading, ref_html, refs_html, section
from .context import RenderContext
from .diagrams import metric_tree
from .health import attention_table
from .html import esc, or_missing
from .map_graph import clusters
from .premortem import LEVELS, level
from .review import review_page


def _listed(graph: Graph, page: str) -> list[Document]:
    """The documents whose kind's record says this page lists them, by id."""
    return sorted((d for d in graph.index.by_id.values() if page in KINDS[d.kind or ""].pages), key=lambda d: d.id)


def _a(context: RenderContext, doc: Document, text=None) -> str:
    return f'<a href="{esc(context.href(doc.id))}">{esc(text if text is not None else doc.title)}</a>'


def map_page(graph: Graph, context: RenderContext) -> str:
    """The interactive map's place (assets/stratdocs-map.js draws it from graph.json), and an overview that
    needs no JavaScript: documents counted by kind and by aim, and every document listed by kind."""
    by_kind: dict[str, list[Document]] = {}
    for doc in sorted(graph.index.by_id.values(), key=lambda d: d.id):
        by_kind.setdefault(doc.kind or "", []).append(doc)
    if not by_kind:
        return heading("Strategy map", 1) + "\n<p>No strategy documents yet.</p>"
    kind_rows = "".join(f"<tr><td>{esc(_kind_title(k))}</td><td>{len(d)}</td></tr>" for k, d in sorted(by_kind.items()))
    kinds_table = (f'<table class="sd-map-kinds"><thead><tr><th>Kind</th><th>Documents</th></tr></thead>'
                   f"<tbody>{kind_rows}</tbody></table>")
    aim_rows = []
    for cluster in clusters(graph):
        counted: dict[str, int] = {}
        for doc in cluster.members:
            counted[doc.kind or ""] = counted.get(doc.kind or "", 0) + 1
        parts = ", ".join(f"{n} {esc(_kind_title(k))}" for k, n in sorted(counted.items()))
        name = _a(context, cluster.aim) if cluster.aim is not None else esc(cluster.title)
        aim_rows.append(f'<tr><td>{name}</td><td>{len(cluster.members)}</td><td>{parts}</td></tr>')
    aims_table = ('<div class="sd-wide"><table class="sd-map-aims"><thead><tr><th>Aim</th><th>Documents</th>'
                  f'<th>By kind</th></tr></thead><tbody>{"".join(aim_rows)}</tbody></table></div>')
    lists = "".join(f'<details class="sd-map-kind"><summary>{esc(_kind_title(kind))} ({len(docs)})</summary><ul>'
                    + "".join(f"<li>{_a(context, d)}</li>" for d in docs) + "</ul></details>"
                    for kind, docs in sorted(by_kind.items()))
    # Filled by stratdocs-map.js, which takes nothing from this markup but the place to draw in.
    interactive = ('<div class="sd-map" id="sd-map"><p class="sd-map-status">The interactive map needs '
                   "JavaScript; the overview below lists every document.</p></div>")
    intro = ("<p>Every strategy document and every reference between them. The map opens on one circle per aim "
             "(the documents serving it, counted): click a circle to open it, search for a document to see its "
             "neighbours, click a document to open its page.</p>")
    return (heading("Strategy map", 1) + "\n" + intro + "\n\n" + interactive + "\n\n"
            + section("By kind", kinds_table) + "\n\n"
            + section("By aim", "<p>Each aim and the documents that serve it, or refer to what does.</p>" + aims_table)
            + "\n\n" + section("Documents", lists))


def _kind_title(kind: str) -> str:
    return KINDS[kind].title if kind in KINDS else kind or "no kind"


def decisions_page(graph: Graph, context: RenderContext) -> str:
    decisions = sorted(_listed(graph, "decisions"), key=lambda d: (str(d.get("date", default="")), d.id), reverse=True)
    superseded_by: dict[str, list[Document]] = {}
    for ref in graph.edges():
        if ref.relation == "supersedes":
            superseded_by.setdefault(ref.target_id, []).append(ref.source)
    groups: dict[str, list[Document]] = {}
    targets: dict[str, Document | None] = {}  # only what the graph resolved: a wrong-kind `about` is no link
    for decision in decisions:
        about = decision.get("about")
        about_ref = context.reference(about, decision) if isinstance(about, str) else None
        key = about_ref.target_id if about_ref else about if isinstance(about, str) else ""
        groups.setdefault(key, []).append(decision)
        if about_ref and about_ref.resolved:
            targets[key] = graph.index.get(key)
    parts = [heading("Decision log", 1) + "\n<p>Every decision, newest first, grouped by the aim it is about.</p>"]
    for about in sorted(groups, key=lambda a: (a == "", a)):
        target = targets.get(about)
        title = target.title if target else (about or "Not about a particular aim")
        items = "".join(_decision_item(d, context, superseded_by) for d in groups[about])
        heading_link = f'<p>About {_a(context, target)}</p>' if target else ""
        parts.append(section(title, f'{heading_link}<ol class="sd-timeline">{items}</ol>'))
    if not decisions:
        parts.append("<p>No decisions yet.</p>")
    return "\n\n".join(parts)


def _decision_item(decision: Document, context: RenderContext, superseded_by) -> str:
    verdict = decision.get("decision")
    chain = ""
    supersedes = decision.get("supersedes")
    if isinstance(supersedes, str):
        chain += f'<br><span class="sd-supersedes">supersedes {ref_html(supersedes, context, decision)}</span>'
    for later in sorted(superseded_by.get(decision.id, []), key=lambda d: d.id):
        chain += f'<br><span class="sd-superseded">superseded by {_a(context, later)}</span>'
    summary = decision.get("summary") or decision.get("rationale")
    return (f'<li><span class="sd-date">{or_missing(decision.get("date"))}</span> '
            f'<span class="sd-decision sd-decision--{esc(verdict)}">{esc(verdict)}</span> '
            f'{_a(context, decision)}<br>{esc(summary) if summary else ""}{chain}</li>')


def risks_page(graph: Graph, context: RenderContext) -> str:
    cells: dict[tuple[str, str], list[str]] = {}
    rows = []
    for premortem in _listed(graph, "risks"):
        items = premortem.get("items")
        threatens = premortem.get("threatens")
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            risk = item.get("risk")
            key = (item.get("likelihood"), item.get("impact"))
            link = f'<a href="{esc(context.href(premortem.id))}">{esc(risk)}</a>'
            likelihood, impact = level(key[0]), level(key[1])
            if likelihood and impact:  # anything else is the schema's to report
                cells.setdefault((likelihood, impact), []).append(f"<li>{link}</li>")
            mitigation = item.get("mitigation")
            rows.append(f"<tr><td>{link}</td><td>{esc(key[0])}</td><td>{esc(key[1])}</td>"
                        f"<td>{refs_html(threatens, context, premortem)}</td>"
                        f"<td>{esc(item.get('early_warning_sign'))}</td>"
                        f"<td>{esc(mitigation) if mitigation else '<span class=sd-missing>none</span>'}</td></tr>")
    head = "".join(f"<th>impact: {i}</th>" for i in LEVELS)
    body = "".join(
        f"<tr><th>likelihood: {lk}</th>" + "".join(
            f'<td class="sd-cell sd-cell--{lk}-{im}"><ul>{"".join(cells.get((lk, im), []))}</ul></td>' for im in LEVELS)
        + "</tr>" for lk in reversed(LEVELS))
    matrix = f'<div class="sd-matrix"><table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    table = ('<div class="sd-wide"><table><thead><tr><th>Risk</th><th>Likelihood</th><th>Impact</th><th>Threatens</th>'
             f'<th>Early warning sign</th><th>Mitigation</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    return heading("Risks", 1) + "\n<p>Every pre-mortem risk in one likelihood × impact matrix.</p>\n\n" + \
        section("Matrix", matrix) + "\n\n" + section("All risks", table if rows else "<p>No risks recorded.</p>")


def metrics_page(graph: Graph, context: RenderContext) -> str:
    used_by: dict[str, dict[str, Document]] = {}
    for ref in graph.edges():
        if ref.relation == "metric":
            used_by.setdefault(ref.target_id, {})[ref.source.id] = ref.source
    rows = []
    for metric in _listed(graph, "metrics"):
        users = ", ".join(_a(context, d) + f' <span class="sd-kind">{esc(d.kind)}</span>'
                          for _, d in sorted(used_by.get(metric.id, {}).items()))
        parent = metric.get("parent")
        rows.append(f"<tr><td>{_a(context, metric)}</td><td>{esc(metric.get('definition'))}</td>"
                    f"<td>{esc(metric.get('unit'))}</td><td>{esc(metric.get('direction'))}</td>"
                    f"<td>{ref_html(parent, context, metric) if parent else ''}</td><td>{esc(metric.get('owner'))}</td>"
                    f"<td>{users or '<span class=sd-missing>unused</span>'}</td></tr>")
    table = ('<div class="sd-wide"><table><thead><tr><th>Metric</th><th>Definition</th><th>Unit</th><th>Good when</th>'
             f'<th>Parent</th><th>Owner</th><th>Used by</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    tree = metric_tree(graph, context)
    return (heading("Metric catalog", 1) +
            "\n<p>One vocabulary: every shared metric, and the signals and goals that read it.</p>"
            "\n\n" + section("Catalog", table if rows else "<p>No metrics defined.</p>") +
            ("\n\n" + section("Metric tree", tree) if tree else ""))


def dashboard_page(graph: Graph, context: RenderContext) -> str:
    rows = []
    active = [sheet for sheet in _listed(graph, "dashboard") if sheet.get("status") == "active"]
    for sheet in active:
        gate_text = sheet.get("stage_gate", "decision_date")
        gate = parse_date(gate_text)
        answer = context.evidence.gate_decisions.get(sheet.id or "") if context.evidence else None
        when = (f"decided {esc(answer.get('date'))}" if answer is not None
                else days_phrase(gate, context.today) if gate else "")
        gate_cell = f"{esc(gate_text)}<br>{when}" if gate else or_missing(gate_text)
        overdue = gate is not None and gate < context.today and answer is None
        decisions = sorted(graph.refs_to(sheet.id, "about"), key=lambda r: str(r.source.get("date", default="")))
        last = decisions[-1].source if decisions else None
        last_cell = (f'{esc(last.get("date"))} {esc(last.get("decision"))}: {_a(context, last)}'
                     if last else '<span class="sd-missing">none</span>')
        no_go = _open_no_go(graph, sheet, context)
        risks = _unmitigated(graph, sheet, context)
        rows.append(f'<tr class="{"sd-overdue" if overdue else ""}"><td>{_a(context, sheet)}</td>'
                    f"<td>{or_missing(sheet.get('owner'))}</td><td>{gate_cell}</td><td>{last_cell}</td>"
                    f"<td>{no_go or '—'}</td><td>{risks or '—'}</td></tr>")
    table = ('<div class="sd-wide"><table><thead><tr><th>Aim</th><th>Owner</th><th>Gate</th><th>Last decision</th>'
             '<th>Open no-go votes</th><th>Risks without mitigation</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>')
    when = (f'as of <strong class="sd-as-of">{context.today.isoformat()}</strong> (the <code>as_of</code> setting)'
            if context.as_of else f"on {context.today.isoformat()}")
    return (heading("Dashboard", 1) + f"\n<p>Every active aim, computed from readings, dates, decisions, votes and "
            f"risks {when}.</p>\n\n" + section("Health: what needs attention", attention_table(active, context))
            + "\n\n" + section("Active aims", table if rows else "<p>No active aims.</p>"))


def _open_no_go(graph: Graph, sheet: Document, context: RenderContext) -> str:
    out = []
    for ref in sorted(graph.refs_to(sheet.id, "serves"), key=lambda r: r.source.id):
        review = ref.source
        votes = review.get("votes") if review.kind == "go-no-go" else None
        for vote in votes if isinstance(votes, list) else []:
            if isinstance(vote, dict) and vote.get("vote") == "no-go":
                out.append(f'{esc(vote.get("role"))}: {esc(vote.get("reason"))} ({_a(context, review, "review")})')
    return "<br>".join(out)


def _unmitigated(graph: Graph, sheet: Document, context: RenderContext) -> str:
    out = []
    for ref in sorted(graph.refs_to(sheet.id, "threatens"), key=lambda r: r.source.id):
        items = ref.source.get("items")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and not item.get("mitigation"):
                out.append(f'{esc(item.get("risk"))} ({_a(context, ref.source, "pre-mortem")})')
    return "<br>".join(out)


# Pages of wide tables: the table of contents beside them is left out (Material's `hide`) to give them room.
WIDE_PAGES = {"risks/index.md", "metrics/index.md", "dashboard/index.md", "review/index.md"}

GENERATED_PAGES: dict[str, Callable[[Graph, RenderContext], str]] = {
    "map/index.md": map_page,
    "decisions/index.md": decisions_page,
    "risks/index.md": risks_page,
    "metrics/index.md": metrics_page,
    "dashboard/index.md": dashboard_page,
    "review/index.md": review_page,
}


def render_generated(src_uri: str, graph: Graph, today: dt.date, directory_urls: bool = True,
                     as_of: bool = False, notices: list[str] | None = None, evidence: Evidence | None = None) -> str:
    """The page at src_uri; what it leaves out is added to notices, for the build log."""
    context = RenderContext(today=today, graph=graph, page_src_uri=src_uri, directory_urls=directory_urls, as_of=as_of,
                            notices=notices if notices is not None else [], evidence=evidence)
    return GENERATED_PAGES[src_uri](graph, context)
