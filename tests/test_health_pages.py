"""Health on pages: a sheet's panel (declared against computed, reasons, gate, aim, guardrail) and the dashboard's
table of active aims, what needs attention first; from real mkdocs builds with readings, hostile text escaped."""

import pytest
from bs4 import BeautifulSoup

from conftest import MKDOCS_YML, build_site, write
from samples import metric

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> "q" &amp;'
MKDOCS = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      readings: data/readings\n")
MKDOCS_THEME = ("site_name: Plain\ndocs_dir: strategy\nplugins:\n  - search\n"
                "  - stratdocs:\n      readings: data/readings\n")


def sheet(sheet_id: str, title: str, *, status: str = "active", health: str | None = None,
          gate: str = "", decision_date: str = "2026-12-07", guardrail: str = "", aim: str = "") -> str:
    """A small valid alignment sheet; gate, guardrail and aim are extra YAML lines, indented in place."""
    health_line = f"health: {health}\n" if health else ""
    return (f"---\nkind: alignment-sheet\nid: {sheet_id}\ntitle: '{title}'\nstatus: {status}\nowner: Priya Shah\n"
            f"{health_line}aim:\n  statement: Claimants finish online\n  definition_of_done: 70% finish online\n{aim}"
            "mechanism:\n  lever: a resume link\n  target: completion\n  reason: they leave for a document\n"
            "feedback:\n  - type: proxy\n    metric: resume-link-usage\n    baseline: 0\n    target: 25\n"
            "  - type: outcome\n    metric: completion\n    baseline: 34\n    target: 70\n"
            f"stage_gate:\n  continue_if: resume link usage reaches 20%\n  decision_date: {decision_date}\n{gate}"
            f"guardrail:\n  sli: form errors\n  slo: at most 5 errors a week\n{guardrail}"
            "cadence:\n  review: weekly\n---\n")


def down_metric(metric_id: str, unit: str) -> str:
    return metric(metric_id).replace("direction: up", "direction: down").replace("unit: '%'", f"unit: {unit}")


GATE_20 = "  rule:\n    metric: resume-link-usage\n    at_least: 20\n"
GATE_60 = "  rule:\n    metric: completion\n    at_least: 60\n"
GUARD = "  metric: form-errors\n  at_most: 5\n"
FILES = {
    "metrics/resume-link-usage.md": metric("resume-link-usage"),
    "metrics/completion.md": metric("completion"),
    "metrics/form-errors.md": down_metric("form-errors", "errors"),
    # Judged on its decision date (passed): the rule was met then, so continue; declared and computed on track.
    "aims/a-continue.md": sheet("a-continue", "Alpha continues", health="on-track", decision_date="2026-11-16",
                                gate=GATE_20, guardrail=GUARD.replace("at_most: 5", "at_most: 50"),
                                aim="  done_rule:\n    metric: completion\n    at_least: 70\n"),
    # Its guardrail breached from 2026-11-16 on; declared at risk: honest.
    "aims/b-breach.md": sheet("b-breach", "Bravo breaches", health="at-risk", gate=GATE_20, guardrail=GUARD),
    # Declared on track, computed at risk: off course for a gate still to come.
    "aims/c-optimistic.md": sheet("c-optimistic", "Charlie hopes", health="on-track", gate=GATE_60),
    # Declares nothing; its gate's date has passed with the rule not met: change, off track.
    "aims/d-change.md": sheet("d-change", "Delta must change", decision_date="2026-11-16", gate=GATE_60),
    # No rule at all; and a draft, which the dashboard leaves out.
    "aims/e-no-rule.md": sheet("e-no-rule", "Echo has no rule"),
    "aims/f-draft.md": sheet("f-draft", "Foxtrot is a draft", status="draft", gate=GATE_60),
    # Hostile text where a reason lands: the title of the go/no-go behind it, its role, a metric id in a rule.
    "aims/g-hostile.md": sheet("g-hostile", "Golf is hostile", decision_date="2026-11-16",
                               gate=f"  rule:\n    metric: '{HOSTILE}'\n    at_least: 1\n"),
    "reviews/h-review.md": (f"---\nkind: go-no-go\nid: h-review\ntitle: '{HOSTILE} review'\nstatus: active\n"
                            "owner: o\nserves: [g-hostile]\nmilestone: m\ndate: 2026-11-20\nverdict: no-go\nvotes:\n"
                            f"  - role: '{HOSTILE} role'\n    voter: v\n    vote: no-go\n    reason: r\n---\n"),
    "ogsm/o-grid.md": ("---\nkind: ogsm\nid: o-grid\ntitle: Oscar grid\nstatus: active\nowner: o\nhealth: on-track\n"
                       "objective: claim online\ngoals:\n  - goal: most finish online\n    metric: completion\n"
                       "    target: {value: 90, date: 2026-11-09}\n    unit: '%'\nstrategies:\n"
                       "  - strategy: resume link\n    measures:\n      - measure: usage\n"
                       "        metric: resume-link-usage\n        target: 25\n---\n"),
}
READINGS = {
    "resume-link-usage.csv": "date,value\n2026-11-02,12\n2026-11-09,21\n2026-11-16,22\n2026-11-23,23\n",
    "completion.csv": "date,value\n2026-11-02,40\n2026-11-09,44\n2026-11-16,50\n2026-11-23,48\n",
    "form-errors.csv": "date,value\n2026-11-02,3\n2026-11-09,4\n2026-11-16,7\n2026-11-23,9\n",
}
# Optimistic first, then off track, at risk (by gate date: Golf's came first), on track (Echo has no gate rule,
# but a later decision date).
ORDER = ["Charlie hopes", "Delta must change", "Golf is hostile", "Bravo breaches", "Alpha continues",
         "Echo has no rule"]


def build(root, mkdocs_yml=MKDOCS):
    write(root / "data" / "readings", READINGS)
    result = build_site(root, FILES, mkdocs_yml=mkdocs_yml)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("health"))


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def panel(site, path: str):
    found = page(site, path).select_one("article .sd-health-panel")
    assert found is not None, path
    return found


def text(element) -> str:
    return element.get_text(" ", strip=True)


def levels(found) -> list[str]:
    return [text(level) for level in found.select(".sd-health-level")]


def test_the_panel_comes_right_after_the_header(site):
    article = page(site, "aims/a-continue").select_one("article")
    headings = [text(h).rstrip("¶").strip() for h in article.select("h2")]
    assert headings[:3] == ["Health", "Aim", "Mechanism"]
    assert article.select_one(".sd-header").find_next("div", class_="sd-health-panel") is not None


def test_a_gate_judged_on_its_date_says_continue_with_each_condition(site):
    found = panel(site, "aims/a-continue")
    assert levels(found) == ["Declared ✔ on track", "Computed from the evidence ✔ on track"]
    assert found.select(".sd-thermocline") == []
    assert text(found.select_one(".sd-reasons-none")) == "Nothing in the evidence counts against it."
    gate = found.select_one(".sd-health-gate")
    assert text(gate.select_one(".sd-gate-verdict")) == "Verdict on 2026-11-16: ✔ continue"
    [condition] = gate.select(".sd-condition-outcome")
    # Judged on the readings up to the gate's date, not today's: 22 on 2026-11-16.
    assert text(condition) == "✔ met Resume link usage needs at least 20%; latest 22% on 2026-11-16"
    assert condition.select_one("a.sd-ref")["href"] == "../../metrics/resume-link-usage/"
    done = found.select_one(".sd-health-done")
    assert text(done).startswith("Done Aim: … not done ✖ not met Completion needs at least 70%; latest 48%")
    assert text(found.select_one(".sd-health-guardrail p:not(.sd-health-part-title)")) == \
        "✔ holds SLO: at most 5 errors a week."


def test_a_breached_guardrail_says_since_when_and_on_which_readings(site):
    found = panel(site, "aims/b-breach")
    assert levels(found) == ["Declared ▲ at risk", "Computed from the evidence ▲ at risk"]
    assert found.select(".sd-thermocline") == []  # honest: declared as the evidence says
    guard = found.select_one(".sd-health-guardrail")
    assert text(guard.select_one(".sd-state--bad")) == "✖ breached since 2026-11-16"
    assert text(guard.select_one(".sd-condition-outcome")) == \
        "✖ not met Form errors needs at most 5 errors; latest 9 errors on 2026-11-23"
    reasons = [text(li) for li in found.select(".sd-reasons li")]
    assert reasons == [("guardrail guardrail breached since 2026-11-16: Form errors 9 errors on 2026-11-23, needs "
                        "at most 5 errors")]
    trajectory = text(found.select_one(".sd-health-gate p:not(.sd-health-part-title)"))
    assert trajectory == ("Trajectory: ✔ on course on the latest readings by 2026-11-23; the gate is due 2026-12-07 "
                          "(14 days left)")


def test_declared_more_optimistic_than_the_evidence_is_called_out(site):
    found = panel(site, "aims/c-optimistic")
    assert levels(found) == ["Declared ✔ on track", "Computed from the evidence ▲ at risk"]
    callout = found.select_one(".admonition.warning.sd-thermocline")
    assert text(callout.select_one(".admonition-title")) == "Declared more optimistic than the evidence"
    assert callout.select("p")[1].get_text() == ("The team declares on track; the evidence says at risk, for the "
                                                 "reasons below.")
    [reason] = found.select(".sd-reasons li")
    assert "sd-reason--at-risk" in reason["class"]
    assert text(reason) == ("gate off course for the stage gate due 2026-12-07: Completion 48% on 2026-11-23, needs "
                            "at least 60%")
    assert text(found.select_one(".sd-health-gate .sd-state")) == "▲ off course"


def test_not_declared_and_a_final_change(site):
    found = panel(site, "aims/d-change")
    assert levels(found) == ["Declared – not declared", "Computed from the evidence ✖ off track"]
    assert found.select(".sd-thermocline") == []  # nothing declared: nothing to be optimistic about
    assert text(found.select_one(".sd-gate-verdict")) == "Verdict on 2026-11-16: ✖ change"
    assert text(found.select_one(".sd-condition-outcome")).endswith("latest 50% on 2026-11-16")


def test_a_sheet_without_rules_says_how_to_add_them_and_shows_no_verdict(site):
    found = panel(site, "aims/e-no-rule")
    assert text(found.select_one(".sd-health-gate .sd-no-rule")) == \
        "No gate rule: add stage_gate.rule to have the gate judged."
    assert found.select(".sd-gate-verdict, .sd-condition-outcome, .sd-health-done") == []
    assert "Not watched" in text(found.select_one(".sd-health-guardrail"))


def test_ogsm_shows_its_health_without_gate_or_guardrail(site):
    found = panel(site, "ogsm/o-grid")
    assert levels(found) == ["Declared ✔ on track", "Computed from the evidence ✖ off track"]
    assert found.select_one(".sd-thermocline") is not None
    assert [text(li) for li in found.select(".sd-reasons li")] == \
        ["target Completion 44% by 2026-11-09, short of its target 90%"]
    assert found.select(".sd-health-gate, .sd-health-guardrail") == []


def test_the_dashboard_lists_active_aims_what_needs_attention_first(site):
    soup = page(site, "dashboard")
    table = soup.select_one(".sd-attention-table table")
    rows = [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert [row[0] for row in rows] == ORDER  # the draft is left out
    by_title = {row[0]: row for row in rows}
    assert by_title["Charlie hopes"][1:3] == ["✔ on track", "▲ at risk declared more optimistic"]
    assert by_title["Charlie hopes"][4] == "▲ off course due 2026-12-07"
    assert by_title["Delta must change"][1:3] == ["– not declared", "✖ off track"]
    assert by_title["Delta must change"][4] == "✖ change on 2026-11-16"
    assert by_title["Bravo breaches"][5] == "✖ breached since 2026-11-16"
    assert by_title["Bravo breaches"][3].startswith("guardrail guardrail breached since 2026-11-16")
    assert by_title["Alpha continues"][3:6] == ["—", "✔ continue on 2026-11-16", "✔ holds"]
    assert by_title["Echo has no rule"][4:6] == ["no rule", "not watched"]
    assert all(row[6] == "—" for row in rows)  # no review dates known: nothing made up
    first = table.select_one("tbody tr")
    assert "sd-attention--optimistic" in first["class"]
    assert first.select_one("a")["href"] == "../aims/c-optimistic/"
    summary = text(soup.select_one(".sd-attention-summary"))
    assert summary.startswith("6 active aims: 1 declared more optimistic than the evidence; computed 1 off track, "
                              "3 at risk, 2 on track.")
    # The dashboard's own table stays, after it.
    headings = [text(h).rstrip("¶").strip() for h in soup.select("article h2")]
    assert headings == ["Health: what needs attention", "Active aims"]


def test_hostile_text_in_reasons_stays_text(site):
    for path in ("aims/g-hostile", "dashboard"):
        soup = page(site, path)
        article = soup.select_one("article")
        assert article.select("script, img") == [], path
        reasons = " ".join(text(ul) for ul in article.select(".sd-reasons"))
        assert "<script>alert(1)</script>" in reasons and "onerror=alert(2)" in reasons, path
    found = panel(site, "aims/g-hostile")
    links = [a for a in found.select(".sd-reasons a") if "review" in text(a)]
    assert links and text(links[0]) == '<script>alert(1)</script><img src=x onerror=alert(2)> "q" &amp; review'
    assert links[0]["href"] == "../../reviews/h-review/"
    assert "<script>" in text(found.select_one(".sd-condition-outcome code"))


def test_the_panel_renders_with_mkdocs_own_theme(tmp_path):
    site = build(tmp_path, MKDOCS_THEME)
    soup = BeautifulSoup((site / "aims/c-optimistic/index.html").read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one(".sd-health-panel")
    assert found is not None and levels(found)[1] == "Computed from the evidence ▲ at risk"
    assert found.select_one(".admonition.warning.sd-thermocline") is not None
    dashboard = BeautifulSoup((site / "dashboard/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [text(tr.find("td")) for tr in dashboard.select(".sd-attention-table tbody tr")] == ORDER


def test_gate_and_guardrail_thresholds_are_lines_on_the_metric_chart(site):
    soup = page(site, "metrics/form-errors")
    legend = [text(li) for li in soup.select("figure.sd-chart figcaption li")]
    assert legend == ["threshold 5 errors: Bravo breaches (guardrail: at most 5 errors)",
                      "threshold 50 errors: Alpha continues (guardrail: at most 50 errors)"]
    labels = [text(t) for t in soup.select("figure.sd-chart svg text")]
    assert "guardrail 5" in labels and "guardrail 50" in labels
    usage = [text(li) for li in page(site, "metrics/resume-link-usage").select("figure.sd-chart figcaption li")]
    assert ("threshold 20%: Alpha continues (stage gate: at least 20%), Bravo breaches (stage gate: at least 20%)"
            in usage)


def test_days_since_the_last_review_when_the_evidence_has_them(tmp_path, today):
    """Reviews come from evaluate (git history or `reviewed:`); the page reads them as they are given."""
    from types import SimpleNamespace

    from stratdocs.config import Config
    from stratdocs.pipeline import discover, run
    from stratdocs.render.context import RenderContext
    from stratdocs.render.generated import render_generated
    from stratdocs.render.health import health_panel

    write(tmp_path / "strategy", FILES)
    write(tmp_path / "readings", READINGS)
    result = run(discover(tmp_path / "strategy"), Config(today=today, readings_dir=tmp_path / "readings"))
    evidence = result.evidence
    evidence.reviews["b-breach"] = SimpleNamespace(cadence="weekly", last=today.replace(day=2), source="git",
                                                   days=21, stale=True, due_days=-14)
    evidence.reviews["a-continue"] = SimpleNamespace(cadence="weekly", last=today.replace(day=20),
                                                     source="reviewed", days=3, stale=False, due_days=4)
    html = render_generated("dashboard/index.md", result.graph, today, evidence=evidence)
    rows = {text(tr.find("td")): [text(td) for td in tr.find_all("td")]
            for tr in BeautifulSoup(html, "html.parser").select(".sd-attention-table tbody tr")}
    assert rows["Bravo breaches"][6] == "21 days (weekly) ✖ overdue"
    assert rows["Alpha continues"][6] == "3 days (weekly)"
    assert rows["Charlie hopes"][6] == "—"
    sheet = result.graph.index.get("b-breach")
    context = RenderContext(today=today, graph=result.graph, page_src_uri=sheet.src_uri, evidence=evidence)
    review = BeautifulSoup(health_panel(sheet, context), "html.parser").select_one(".sd-review-state")
    assert text(review) == "Last reviewed 2026-11-02, 21 days ago (from git history); weekly cadence. ✖ review overdue"
