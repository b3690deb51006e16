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


def _badge(value) -> str:
    css = value if value in VERDICTS else "unknown"
    return f'<span class="sd-vote sd-vote--{css}">{or_missing(_text(value))}</span>'


def verdict_html(doc: Document) -> str:
    declared = doc.get("verdict")
    computed = computed_verdict(doc.get("votes"))
    agree = declared == computed
    note = ("" if agree or declared is None else
            '<p class="sd-verdict-mismatch"><strong>The declared verdict does not match the votes.</strong></p>')
    return (f'<div class="sd-verdict{"" if agree else " sd-verdict--mismatch"}">'
            f'<p class="sd-verdict-declared"><strong>Declared:</strong> {_badge(declared)}</p>'
            f'<p class="sd-verdict-computed"><strong>From the votes:</strong> {_badge(computed)}</p>{note}</div>')


def votes_table(votes) -> str:
    if not isinstance(votes, list) or not votes:
        return '<p class="sd-missing">No votes.</p>'
    rows = []
    for vote in votes:
        vote = vote if isinstance(vote, dict) else {}
        reason = _text(vote.get("reason"))
        cells = [or_missing(_text(vote.get("role"))), esc(_text(vote.get("voter")) or "—"), _badge(vote.get("vote")),
                 or_missing(reason) if vote.get("vote") == "no-go" else esc(reason or "—")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "<tr><th>Role</th><th>Voter</th><th>Vote</th><th>Reason</th></tr>"
    return f'<div class="sd-votes"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
