"""The weekly review: signals against last week and target, late readings, gates and decisions; page, CLI, export."""

import datetime as dt
import json

from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from stratdocs.config import Config
from stratdocs.evaluate.review import weekly_review
from stratdocs.pipeline import discover, run

from conftest import REPO, build_site, run_cli, write
from samples import SHEET, metric

TODAY = dt.date(2026, 11, 23)
DOWN_METRIC = metric("calls-a-week").replace("direction: up", "direction: down").replace("unit: '%'", "unit: calls")
DECISION = ("---\nkind: decision\nid: {id}\ntitle: Decided {id}\ndate: {date}\ndecision: continue\n"
            "about: online-completion-rate\nrationale: fine\ndecided_by: Priya Shah\n---\n")
SHEET_WITH_DOWN = SHEET.replace(
    "  - type: outcome\n", "  - type: leading\n    metric: calls-a-week\n    baseline: 1800\n    target: 1400\n"
    "  - type: outcome\n")


def project(root, readings: dict[str, str], extra: dict[str, str] | None = None):
    files = {
        "strategy/aims/sheet.md": SHEET_WITH_DOWN.replace("decision_date: 2026-12-07", "decision_date: 2026-12-01"),
        "strategy/metrics/online-completion-rate.md": metric("online-completion-rate"),
        "strategy/metrics/resume-link-usage.md": metric("resume-link-usage", "online-completion-rate"),
        "strategy/metrics/calls-a-week.md": DOWN_METRIC,
        "strategy/decisions/old.md": DECISION.format(id="old", date="2026-11-16"),
        "strategy/decisions/new.md": DECISION.format(id="new", date="2026-11-20"),
        "strategy/decisions/future.md": DECISION.format(id="future", date="2026-11-30"),
        **(extra or {}),
    }
    write(root, {**files, **{f"readings/{name}.csv": text for name, text in readings.items()}})
    return root


READINGS = {
    "online-completion-rate": "date,value,note\n2026-11-09,40,\n2026-11-16,44,\n2026-11-23,71,a good week\n",
    "calls-a-week": "date,value\n2026-11-02,1700\n2026-11-16,1650\n2026-11-23,1690\n",
    "resume-link-usage": "date,value\n2026-10-26,5\n",  # a month old, for a weekly review: late
}


def review_of(root, day=TODAY):
    result = run(discover(root / "strategy"), Config(today=day, readings_dir=root / "readings"))
    return weekly_review(result.graph, result.evidence, day)


def test_signals_against_last_week_and_target_by_direction(tmp_path):
    [aim] = review_of(project(tmp_path, READINGS)).aims
    signals = {s.metric_id: s for s in aim.signals}
    assert list(signals) == ["resume-link-usage", "calls-a-week", "online-completion-rate"]  # as the sheet lists
    up = signals["online-completion-rate"]
    assert (up.latest.value, up.week_before.value, up.since_last_week) == (71.0, 44.0, "better")
    assert up.target_reached and up.to_target == 0.0 and up.latest.note == "a good week"
    down = signals["calls-a-week"]
    assert (down.latest.value, down.week_before.value, down.since_last_week) == (1690.0, 1650.0, "worse")
    assert down.to_target == 290.0 and not down.target_reached
    late = signals["resume-link-usage"]
    assert (late.since_last_week, late.late_days) == ("no new reading", 28 - 7)


def test_as_of_an_earlier_day_reads_only_what_was_known(tmp_path):
    [aim] = review_of(project(tmp_path, READINGS), dt.date(2026, 11, 16)).aims
    up = {s.metric_id: s for s in aim.signals}["online-completion-rate"]
    assert (up.latest.value, up.week_before.value) == (44.0, 40.0)


def test_no_reading_flat_and_new(tmp_path):
    readings = {"online-completion-rate": "date,value\n2026-11-16,44\n2026-11-23,44\n",
                "calls-a-week": "date,value\n2026-11-23,1690\n"}
    [aim] = review_of(project(tmp_path, readings)).aims
    verdicts = {s.metric_id: s.since_last_week for s in aim.signals}
    assert verdicts == {"online-completion-rate": "flat", "calls-a-week": "new", "resume-link-usage": "no reading"}


def test_gates_and_decisions(tmp_path):
    review = review_of(project(tmp_path, READINGS))
    assert [(g.sheet.id, g.days) for g in review.gates] == [("online-claim-completion", 8)]
    assert [d.id for d in review.decisions] == ["new"]  # not 'old' (7 days ago) nor 'future'
    overdue = review_of(tmp_path, dt.date(2026, 12, 3))
    assert [(g.sheet.id, g.days) for g in overdue.gates] == [("online-claim-completion", -2)]


def test_markdown_and_json_from_the_cli(tmp_path):
    root = project(tmp_path, READINGS)
    out = run_cli("review", cwd=root, STRATDOCS_TODAY="2026-11-23")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("## Weekly review, 2026-11-23\n")
    assert "| Online completion rate | 71% (2026-11-23): a good week | ▲ better (from 44%) | 70% | reached |" \
        in out.stdout
    assert "| Calls a week | 1690 calls (2026-11-23) | ▼ worse (from 1650 calls) | 1400 calls | 290 calls |" \
        in out.stdout
    assert "Late or missing: Resume link usage (late by 21 days)" in out.stdout
    assert "- Claimants finish their claim online: 2026-12-01 (in 8 days)" in out.stdout
    assert "- 2026-11-20 **continue**: Decided new" in out.stdout
    data = json.loads(run_cli("review", "--format", "json", cwd=root).stdout)
    assert data["as_of"] == "2026-11-23" and data["decisions"][0]["id"] == "new"
    assert data["aims"][0]["signals"][2]["target_reached"] is True


def test_hostile_text_is_inert_in_markdown_and_on_the_page(tmp_path):
    hostile = "[x](javascript:alert(1)) <img src=x onerror=alert(1)> @team | $x$"
    readings = {"online-completion-rate": f'date,value,note\n2026-11-23,71,"{hostile}"\n'}
    root = project(tmp_path, readings)
    sheet = root / "strategy/aims/sheet.md"
    sheet.write_text(sheet.read_text().replace("title: Claimants finish their claim online", f"title: '{hostile}'"))
    out = run_cli("review", cwd=root).stdout
    line = next(line for line in out.splitlines() if line.startswith("### "))
    assert "\\[x\\]" in line and "\\<img" in line and "@\u2060team" in line and "\\|" in line and "\\$x\\$" in line
    rows = [row for row in out.splitlines() if row.startswith("| ")]
    assert rows and all(row.count("|") - row.count("\\|") == 6 for row in rows)  # five cells: user pipes escaped
    build = build_site(root, {}, strict=False)
    assert build.returncode == 0, build.stderr
    soup = BeautifulSoup((root / "site/review/index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None and not article.select("img, script")
    assert hostile in article.get_text()
    assert not [a for a in article.select("a[href]") if a["href"].lower().startswith("javascript")]


def test_export_includes_readings_and_matches_its_schema(tmp_path):
    root = project(tmp_path, READINGS)
    data = json.loads(run_cli("export", cwd=root).stdout)
    schema = json.loads((REPO / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    by_metric = {r["metric"]: r for r in data["readings"]}
    assert by_metric["online-completion-rate"]["readings"][-1] == {"date": "2026-11-23", "value": 71.0,
                                                                  "note": "a good week"}
    assert by_metric["online-completion-rate"]["path"] == "readings/online-completion-rate.csv"
