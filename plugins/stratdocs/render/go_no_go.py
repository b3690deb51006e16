"""The go/no-go page: the milestone, the declared verdict next to the one computed from the votes, and the votes."""

from __future__ import annotations

from ..document import Document
from .common import header, refs_html, section
from .context import RenderContext
from .html import esc, or_missing

VERDICTS = ("go", "no-go", "pending")


def computed_verdict(votes) -> str:
    """One no-go blocks; go only when every role has voted go; otherwise pending."""
    values = [v.get("vote") for v in votes if isinstance(v, dict)] if isinstance(votes, list) else []
    if "no-go" in values:
        return "no-go"
    if values and all(v == "go" for v in values):
        return "go"
    return "pending"


def render(doc: Document, context: RenderContext) -> str:
    extra = [("Date", esc(doc.get("date")))] if doc.get("date") is not None else []
    serves = refs_html(doc.get("serves"), context)
    if serves:
        extra.append(("Serves", serves))
    parts = [header(doc, "Go/no-go", extra)]
    parts.append(section("Milestone", f'<p class="sd-milestone">{or_missing(_text(doc.get("milestone")))}</p>'))
    parts.append(section("Verdict", verdict_html(doc)))
    parts.append(section("Votes", votes_table(doc.get("votes"))))
    return "\n\n".join(parts)


def _text(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _badge(value, big: bool = False) -> str:
    css = value if value in VERDICTS else "unknown"
    size = " sd-vote--big" if big else ""
    return f'<span class="sd-vote sd-vote--{css}{size}">{or_missing(_text(value))}</span>'


def _votes(doc: Document) -> list[dict]:
    votes = doc.get("votes")
    return [v for v in votes if isinstance(v, dict)] if isinstance(votes, list) else []


def verdict_html(doc: Document) -> str:
    """The verdict from the votes first and large, why (who blocks, who has not voted), then the declared one."""
    declared = doc.get("verdict")
    computed = computed_verdict(doc.get("votes"))
    agree = declared == computed
    roles = ", ".join(esc(_text(v.get("role")) or "a role") for v in _votes(doc) if v.get("vote") == "no-go")
    waiting = ", ".join(esc(_text(v.get("role")) or "a role") for v in _votes(doc) if v.get("vote") != "go")
    why = {"no-go": f"blocked by {roles}" if roles else "",
           "go": "every role votes go",
           "pending": f"waiting for {waiting}" if waiting else "no votes yet"}[computed]
    match = ("matches the votes" if agree else
             "<strong>does not match the votes</strong>" if declared is not None else "not declared")
    note = ("" if agree or declared is None else
            '<p class="sd-verdict-mismatch"><strong>The declared verdict does not match the votes.</strong></p>')
    return (f'<div class="sd-verdict sd-verdict--{computed}{"" if agree else " sd-verdict--mismatch"}">'
            f'<p class="sd-verdict-computed"><span class="sd-verdict-label">From the votes</span> '
            f'{_badge(computed, big=True)} <span class="sd-verdict-why">{why}</span></p>'
            f'<p class="sd-verdict-declared"><span class="sd-verdict-label">Declared</span> {_badge(declared)} '
            f'<span class="sd-verdict-why">{match}</span></p>{note}</div>')


def votes_table(votes) -> str:
    if not isinstance(votes, list) or not votes:
        return '<p class="sd-missing">No votes.</p>'
    rows = []
    for entry in votes:
        vote = entry if isinstance(entry, dict) else {}
        reason = _text(vote.get("reason"))
        blocks = vote.get("vote") == "no-go"
        badge = _badge(vote.get("vote")) + (' <span class="sd-blocks">blocks</span>' if blocks else "")
        cells = [or_missing(_text(vote.get("role"))), esc(_text(vote.get("voter")) or "—"), badge,
                 or_missing(reason) if blocks else esc(reason or "—")]
        css = ' class="sd-vote-row--blocking"' if blocks else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "<tr><th>Role</th><th>Voter</th><th>Vote</th><th>Reason</th></tr>"
    return f'<div class="sd-votes"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
