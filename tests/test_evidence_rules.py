"""The rules on the evidence (SD600-SD607), through `stratdocs lint` as a user runs it: each at its exact
file:line:col, and silent on the good variant. SD606 reads a review computed elsewhere: a stand-in here."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_gates import GUARDED, METRICS, RULE, series, with_rule

from stratdocs.check.rules import Context, rule_for
from stratdocs.config import Config
from stratdocs.pipeline import discover, run

from conftest import run_cli, write
from samples import SHEET, sheet

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<code>SD\d{3}) "
                  r"(?P<message>.+)$")
PROJECT = {"pyproject.toml": "[tool.stratdocs]\nignore = ['SD405']  # unconnected sheets: not under test\n",
           "strategy/index.md": "# Home\n", **{f"strategy/{name}": text for name, text in METRICS.items()}}


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    code: str
    message: str

    @property
    def where(self) -> tuple[int, int, str]:
        return self.line, self.column, self.code


def lint(root: Path, files: dict[str, str], readings: dict[str, str] | None = None) -> dict[str, list[Found]]:
    """Findings by file (relative to strategy/), from `stratdocs lint` on a project with the sample metrics."""
    write(root, {**PROJECT, **{f"strategy/{name}": text for name, text in files.items()},
                 **{f"readings/{m}.csv": text for m, text in (readings or {}).items()}})
    result = run_cli("lint", "strategy", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, list[Found]] = {}
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        if match:
            found.setdefault(match["path"].removeprefix("strategy/"), []).append(
                Found(int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return found


def at(text: str, needle: str, skip: str = "") -> tuple[int, int]:
    """Line and column (from 1) of needle in text, moved past skip: at(text, 'at_most: 20', 'at_most: ')."""
    index = text.index(needle) + len(skip)
    return text[:index].count("\n") + 1, index - text.rfind("\n", 0, index)


def named(text: str, doc_id: str) -> str:
    return text.replace("id: online-claim-completion", f"id: {doc_id}", 1)


# SD600 and the bad inputs of the rule language, located -----------------------------------------------------------

TWO = "  rule:\n    all:\n      - metric: resume-link-usage\n        at_least: 20\n"
CASES = {
    "both": (TWO + "    any:\n      - metric: online-completion-rate\n        at_least: 40\n",
             [("SD600", "- metric: online-completion-rate", "")]),
    "beside": (TWO + "    at_most: 30\n", [("SD600", "at_most: 30", "at_most: ")]),
    "no-metric": ("  rule:\n    at_least: 20\n", [("SD604", "continue_if:", ""), ("SD600", "at_least: 20", "")]),
    "no-threshold": ("  rule:\n    all:\n      - metric: resume-link-usage\n",
                     [("SD600", "- metric: resume-link-usage\n", "- ")]),
    "impossible": ("  rule:\n    metric: resume-link-usage\n    at_least: 30\n    at_most: 20\n",
                   [("SD600", "at_most: 20", "at_most: ")]),
    "backwards": ("  rule:\n    metric: resume-link-usage\n    between: [30, 20]\n",
                  [("SD600", "between: [30", "between: ")]),
    "between-and": ("  rule:\n    metric: resume-link-usage\n    between: [20, 30]\n    at_least: 20\n",
                    [("SD600", "at_least: 20", "at_least: ")]),
    "unit": ("  rule:\n    metric: resume-link-usage\n    at_least: 20\n    unit: calls\n",
             [("SD600", "unit: calls", "unit: ")]),
    "percent": ("  rule:\n    metric: resume-link-usage\n    at_least: 120\n",
                [("SD600", "at_least: 120", "at_least: ")]),
    "percent-between": ("  rule:\n    metric: resume-link-usage\n    between: [-5, 50]\n",
                        [("SD600", "-5, 50]", "")]),
    "unknown-metric": ("  rule:\n    metric: resume-link-usge\n    at_least: 20\n    unit: calls\n",
                       [("SD401", "metric: resume-link-usge", "metric: ")]),
    "text-number": ("  rule:\n    metric: resume-link-usage\n    at_least: '20%'\n",
                    [("SD006", "at_least: '20%'", "at_least: ")]),
    "good": (("  rule:\n    any:\n      - metric: resume-link-usage\n        at_least: 20\n        unit: '%'\n"
             "      - metric: online-completion-rate\n        between: [40, 100]\n        for_last: 2\n"), []),
}
GUARDRAILS = {
    "guard-no-metric": ("  at_least: 99.5\n", [("SD600", "at_least: 99.5", "at_least: ")]),
    "guard-no-threshold": ("  metric: form-availability\n", [("SD600", "metric: form-availability", "metric: ")]),
    "guard-both": ("  metric: form-availability\n  at_least: 99.5\n  openslo: slo/form.yaml\n",
                   [("SD600", "openslo: slo/form.yaml", "openslo: ")]),
    "guard-unit": ("  metric: form-availability\n  at_least: 99.5\n  unit: probes\n",
                   [("SD600", "unit: probes", "unit: ")]),
    "guard-good": ("  metric: form-availability\n  at_most: 100\n  at_least: 99.5\n  for_last: 4\n", []),
}
DONE = {"  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running\n":
        "  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running\n"
        "  done_rule:\n    metric: online-completion-rate\n    at_least: 70\n    at_most: 60\n"}


def sd600_files() -> dict[str, tuple[str, list]]:
    files = {f"{case}.md": (named(with_rule(rule), case), expected) for case, (rule, expected) in CASES.items()}
    for case, (lines, expected) in GUARDRAILS.items():
        text = sheet(**{'  slo: ">= 99.5% over 28 days"\n': '  slo: ">= 99.5% over 28 days"\n' + lines})
        files[f"{case}.md"] = (named(text, case), expected)
    files["done.md"] = (named(sheet(**DONE), "done"), [("SD600", "at_most: 60", "at_most: ")])
    return files


@pytest.fixture(scope="module")
def sd600(tmp_path_factory):
    files = sd600_files()
    return files, lint(tmp_path_factory.mktemp("sd600"), {name: text for name, (text, _) in files.items()})


@pytest.mark.parametrize("name", sorted(sd600_files()))
def test_each_bad_rule_is_located_once_by_the_right_code(sd600, name):
    files, found = sd600
    text, expected = files[name]
    expected_where = [(*at(text, needle, skip), code) for code, needle, skip in expected]
    assert [f.where for f in found.get(name, [])] == expected_where


def test_sd600_messages_name_what_to_fix(sd600):
    _, found = sd600
    message = {name: [f.message for f in fs if f.code == "SD600"] for name, fs in found.items()}
    assert message["unit.md"] == [("stage_gate.rule: 'unit' is 'calls', but metric 'resume-link-usage' is read in "
                                  "'%': write the threshold in '%'")]
    assert "'at_least' 30 is more than 'at_most' 20" in message["impossible.md"][0]
    assert "write [20, 30]" in message["backwards.md"][0]
    assert "'at_least' 120 is outside 0..100" in message["percent.md"][0]
    assert "has both 'all' and 'any'" in message["both.md"][0]
    assert "'at_most' beside 'all'" in message["beside.md"][0]
    assert "condition 1 of 'all'" in message["no-threshold.md"][0] and "no threshold" in message["no-threshold.md"][0]
    assert "names no 'metric'" in message["no-metric.md"][0]
    assert "aim.done_rule" in message["done.md"][0]
    assert "but no 'metric'" in message["guard-no-metric.md"][0]
    assert "no threshold" in message["guard-no-threshold.md"][0] and "'openslo'" in message["guard-no-threshold.md"][0]
    assert "both 'at_least' and 'openslo'" in message["guard-both.md"][0]


# SD601 continue against the evidence -------------------------------------------------------------------------------

CONTINUE = """---
kind: decision
id: keep-going
title: Keep going
date: {date}
decision: continue
about: online-claim-completion
{rationale}---
"""
PAST_GATE = with_rule(date="2026-11-16")
USAGE = {"resume-link-usage": series(("2026-11-09", 15), ("2026-11-16", 16), ("2026-11-20", 25))}


@pytest.mark.parametrize("case,date,rationale,fires", [
    ("no rationale", "2026-11-16", "", "'rationale' is blank"),
    ("a rationale that ignores the numbers", "2026-11-16", "rationale: We have come too far to stop now.\n",
     "'rationale' names none of the metrics"),
    ("decided after the gate: judged on the gate date", "2026-11-21", "rationale: We have come too far.\n",
     "was not met on 2026-11-16"),
    ("decided before the gate: judged on its own date", "2026-11-10", "rationale: Early days.\n",
     "was not met on 2026-11-10 (Resume link usage 15% on 2026-11-09, needs at least 20%)"),
    ("the metric's id", "2026-11-16", "rationale: resume-link-usage is 16%, rising each week since the fix.\n", None),
    ("the metric's title, in another case", "2026-11-16", "rationale: RESUME LINK USAGE rose every week.\n", None),
])
def test_continue_against_the_evidence(tmp_path, case, date, rationale, fires):
    decision = CONTINUE.format(date=date, rationale=rationale)
    found = lint(tmp_path, {"aims/a.md": PAST_GATE, "decisions/d.md": decision}, USAGE)
    mine = [f for f in found.get("decisions/d.md", []) if f.code != "SD241"]
    if fires is None:
        assert mine == [], case
        return
    [finding] = mine
    assert finding.where == (*at(decision, "decision: continue", "decision: "), "SD601"), case
    assert fires in finding.message and "sunk-cost" in finding.message, finding.message
    if "gate date" in case:
        assert "Resume link usage 16% on 2026-11-16, needs at least 20%" in finding.message


def test_continue_on_a_met_rule_or_with_no_evidence_is_fine(tmp_path):
    decision = CONTINUE.format(date="2026-11-16", rationale="")
    met = {"resume-link-usage": series(("2026-11-16", 21))}
    assert "decisions/d.md" not in lint(tmp_path / "met", {"aims/a.md": PAST_GATE, "decisions/d.md": decision}, met)
    assert "decisions/d.md" not in lint(tmp_path / "none", {"aims/a.md": PAST_GATE, "decisions/d.md": decision})
    superseded = decision.replace("decision: continue", "status: superseded\ndecision: continue")
    assert "decisions/d.md" not in lint(tmp_path / "superseded", {"aims/a.md": PAST_GATE, "decisions/d.md": superseded},
                                        USAGE)
    change = decision.replace("decision: continue", "decision: change")
    found = lint(tmp_path / "change", {"aims/a.md": PAST_GATE, "decisions/d.md": change}, USAGE)
    assert [f.code for f in found.get("decisions/d.md", [])] == ["SD241"]  # change needs a rationale; not SD601


# SD602 a past gate without readings ------------------------------------------------------------------------------

def test_a_past_gate_without_readings(tmp_path):
    rule = (TWO + "      - metric: online-completion-rate\n        at_least: 40\n")
    text = with_rule(rule, date="2026-11-16")
    decided = CONTINUE.format(date="2026-11-16", rationale="rationale: Resume link usage is fine.\n")
    late = {"resume-link-usage": series(("2026-11-16", 21)), "online-completion-rate": series(("2026-11-20", 50))}
    found = lint(tmp_path / "bad", {"aims/a.md": text, "decisions/d.md": decided}, late)
    [finding] = found["aims/a.md"]
    assert finding.where == (*at(text, "    all:", "    "), "SD602")
    assert "no reading of 'online-completion-rate' by then" in finding.message
    assert "'resume-link-usage'" not in finding.message
    good = lint(tmp_path / "good", {"aims/a.md": text, "decisions/d.md": decided},
                {"resume-link-usage": series(("2026-11-16", 21)), "online-completion-rate": series(("2026-11-16", 50))})
    assert "aims/a.md" not in good
    ended = lint(tmp_path / "done", {"aims/a.md": text.replace("status: active", "status: done")})
    assert "aims/a.md" not in ended


def test_a_past_gate_on_an_unknown_metric_is_sd401s_alone(tmp_path):
    text = with_rule("  rule:\n    metric: resume-link-usge\n    at_least: 20\n", date="2026-11-16")
    decided = CONTINUE.format(date="2026-11-16", rationale="rationale: Resume link usage is fine.\n")
    found = lint(tmp_path, {"aims/a.md": text, "decisions/d.md": decided})
    assert [f.where for f in found["aims/a.md"]] == [(*at(text, "metric: resume-link-usge", "metric: "), "SD401")]


def test_no_readings_read_is_not_no_reading(tmp_path):
    """A library run with no readings folder (readings_dir None) knows nothing of readings: SD602 stays silent."""
    write(tmp_path, {f"strategy/{name}": text for name, text in {**METRICS, "a.md": PAST_GATE}.items()})
    findings = run(discover(tmp_path / "strategy"), Config(today=dt.date(2026, 11, 23))).findings
    assert [f.code for f in findings] == ["SD105"] and "its rule" not in findings[0].message


def test_gate_overdue_says_what_the_rule_says(tmp_path):
    found = lint(tmp_path / "change", {"aims/a.md": PAST_GATE}, {"resume-link-usage": series(("2026-11-16", 18))})
    [finding] = found["aims/a.md"]
    assert finding.code == "SD105" and ("(its rule says change: Resume link usage 18% on 2026-11-16, needs at "
                                        "least 20%)") in finding.message
    found = lint(tmp_path / "continue", {"aims/a.md": PAST_GATE}, {"resume-link-usage": series(("2026-11-16", 22))})
    assert "(its rule says continue)" in found["aims/a.md"][0].message
    found = lint(tmp_path / "none", {"aims/a.md": PAST_GATE})
    assert [f.code for f in found["aims/a.md"]] == ["SD105", "SD602"]
    assert "(its rule has no readings by then)" in found["aims/a.md"][0].message


# SD603 a breached guardrail ----------------------------------------------------------------------------------------

BREACH = {"form-availability": series(("2026-11-02", 99.8), ("2026-11-09", 99.1), ("2026-11-16", 98.7),
                                      ("2026-11-23", 99.2))}
PAUSE = CONTINUE.replace("decision: continue", "decision: change").format(
    date="{date}", rationale="rationale: Form availability fell below its guardrail; the pilot is paused.\n")


@pytest.mark.parametrize("case,files,fires", [
    ("no decision", {}, True),
    ("a decision before the breach", {"decisions/d.md": PAUSE.format(date="2026-11-02")}, True),
    ("a decision the day it started", {"decisions/d.md": PAUSE.format(date="2026-11-09")}, False),
    ("a decision since", {"decisions/d.md": PAUSE.format(date="2026-11-20")}, False),
    ("a sheet not active", {"aims/a.md": sheet(**GUARDED).replace("status: active", "status: paused")}, False),
])
def test_a_breached_guardrail_needs_a_decision(tmp_path, case, files, fires):
    text = sheet(**GUARDED)
    found = lint(tmp_path, {"aims/a.md": text, **files}, BREACH).get("aims/a.md", [])
    if not fires:
        assert found == [], case
        return
    [finding] = found
    assert finding.where == (*at(text, "sli: claim form availability"), "SD603"), case
    assert finding.message.startswith(
        "guardrail breached since 2026-11-09: Form availability 99.1% on 2026-11-09, 98.7% on 2026-11-16, "
        "99.2% on 2026-11-23, needs at least 99.5% (SLO: '>= 99.5% over 28 days')"), finding.message


def test_a_guardrail_that_holds_is_quiet(tmp_path):
    holds = {"form-availability": series(("2026-11-16", 99.6), ("2026-11-23", 99.9))}
    assert "aims/a.md" not in lint(tmp_path, {"aims/a.md": sheet(**GUARDED)}, holds)


# SD604 a wish, not a strategy -----------------------------------------------------------------------------------

NO_RULE = with_rule("")
TREE = """---
kind: st-tree
id: claims-tree
title: Claims
status: active
owner: Priya Shah
nodes:
  - id: finish-online
    strategy: Claimants who start online finish online
    tactic: Let claimants save and resume their claim
    sufficiency_assumption: Finishing online is what takes the days out
---
"""
KATA = """---
kind: kata
id: resume-kata
title: Resume kata
status: active
owner: Priya Shah
serves: [{serves}]
challenge: Every claimant who starts online finishes online
{experiments}---
"""
EXPERIMENTS = ("experiments:\n  - step: Send the email within a minute\n    date: 2026-11-09\n"
               "    expected: usage rises above 20%\n")
ASSUMPTION = """---
kind: assumption
id: read-email
title: Claimants read email
status: active
owner: Priya Shah
assumption: Claimants read an email from the service within a day
underpins: [{underpins}]
{rest}---
"""
SERVING = NO_RULE.replace("owner: Priya Shah\n", "owner: Priya Shah\nserves: [claims-tree#finish-online]\n", 1)


@pytest.mark.parametrize("case,files,fires", [
    ("nothing", {}, True),
    ("a gate rule", {"aims/a.md": SHEET}, False),
    ("a kata serving the sheet", {"k.md": KATA.format(serves="online-claim-completion", experiments=EXPERIMENTS)},
     False),
    ("a kata with no experiment", {"k.md": KATA.format(serves="online-claim-completion", experiments="")}, True),
    ("a kata serving the node the sheet serves", {"aims/a.md": SERVING, "t.md": TREE,
                                                 "k.md": KATA.format(serves="claims-tree#finish-online",
                                                                     experiments=EXPERIMENTS)}, False),
    ("a kata serving another node", {"t.md": TREE, "k.md": KATA.format(serves="claims-tree#finish-online",
                                                                       experiments=EXPERIMENTS)}, True),
    ("an assumption under test", {"as.md": ASSUMPTION.format(
        underpins="online-claim-completion", rest="test_method: count opens for two weeks\nresult: untested\n")},
     False),
    ("an assumption under test, on the node", {"aims/a.md": SERVING, "t.md": TREE, "as.md": ASSUMPTION.format(
        underpins="claims-tree#finish-online", rest="test_method: count opens for two weeks\n")}, False),
    ("an assumption already validated", {"as.md": ASSUMPTION.format(
        underpins="online-claim-completion", rest="test_method: count opens\nresult: validated\n")}, True),
    ("an assumption with no test method", {"as.md": ASSUMPTION.format(
        underpins="online-claim-completion", rest="result: untested\n")}, True),
    ("a draft", {"aims/a.md": NO_RULE.replace("status: active", "status: draft")}, False),
])
def test_a_wish_is_not_a_strategy(tmp_path, case, files, fires):
    text = files.get("aims/a.md", NO_RULE)
    found = [f for f in lint(tmp_path, {"aims/a.md": NO_RULE, **files}).get("aims/a.md", []) if f.code == "SD604"]
    if not fires:
        assert found == [], case
        return
    [finding] = found
    assert finding.where == (*at(text, "continue_if:"), "SD604"), case
    assert "'online-claim-completion' is a wish, not a strategy: name the experiment" in finding.message


def test_a_sheet_with_no_stage_gate_is_a_wish_at_its_top(tmp_path):
    text = sheet(**{"stage_gate:\n  continue_if: at least 20% of claimants who leave the form use the resume link "
                    f"by week 2\n  decision_date: 2026-12-07\n{RULE}": ""})
    found = lint(tmp_path, {"aims/a.md": text})["aims/a.md"]
    assert [f.where for f in found] == [(2, 1, "SD104"), (2, 1, "SD604")]



# SD605 an observed risk ------------------------------------------------------------------------------------------

PREMORTEM = """---
kind: premortem
id: risks
title: Risks
status: active
owner: Priya Shah
threatens: online-claim-completion
items:
  - risk: Resume emails land in spam
    likelihood: medium
    impact: high
    early_warning_sign: Open rate below 40%
    mitigation: Send from the verified domain
  - risk: Saved claims fill the database
    likelihood: high
    impact: low
    early_warning_sign: Storage above 60% of the quota
    observed: 2026-11-18
---
"""
DECIDED = """---
kind: decision
id: delete-old-claims
title: Delete saved claims after 28 days
date: {date}
decision: change
about: online-claim-completion
rationale: Saved claims fill the database.
---
"""


@pytest.mark.parametrize("case,premortem,files,fires", [
    ("observed, unanswered", PREMORTEM, {}, True),
    ("a decision before it was observed", PREMORTEM, {"d.md": DECIDED.format(date="2026-11-10")}, True),
    ("a decision since", PREMORTEM, {"d.md": DECIDED.format(date="2026-11-18")}, False),
    ("a mitigation", PREMORTEM.replace("    observed:", "    mitigation: Delete after 28 days\n    observed:"), {},
     False),
    ("observed after today", PREMORTEM.replace("2026-11-18", "2026-11-30"), {}, False),
])
def test_an_observed_risk_needs_an_answer(tmp_path, case, premortem, files, fires):
    found = lint(tmp_path, {"aims/a.md": SHEET, "risks.md": premortem, **files}).get("risks.md", [])
    if not fires:
        assert found == [], case
        return
    [finding] = found
    assert finding.where == (*at(premortem, "observed: 2026-11-18", "observed: "), "SD605"), case
    assert finding.message.startswith("risk 2 ('Saved claims fill the database') was observed on 2026-11-18")
    assert "'about: online-claim-completion'" in finding.message


# SD606 a review overdue: the review is computed elsewhere (evidence.reviews); a stand-in with its fields ---------

@dataclass
class Review:
    cadence: str | None
    last: dt.date | None
    source: str
    days: int | None
    stale: bool
    due_days: int | None


def review_findings(tmp_path, review: object, text: str = SHEET) -> list:
    write(tmp_path, {f"strategy/{name}": t for name, t in {**METRICS, "a.md": text}.items()})
    result = run(discover(tmp_path / "strategy"), Config(today=dt.date(2026, 11, 23)))
    doc = result.index.get("online-claim-completion")
    result.evidence.reviews["online-claim-completion"] = review
    context = Context(config=Config(today=dt.date(2026, 11, 23)), index=result.index, graph=result.graph,
                      evidence=result.evidence)
    return list(rule_for("SD606").run(doc, context))


@pytest.mark.parametrize("review,message", [
    (Review("weekly", dt.date(2026, 11, 2), "git", 21, True, 14),
     "not reviewed for 21 days (weekly cadence; last change in git on 2026-11-02)"),
    (Review("monthly", dt.date(2026, 9, 30), "reviewed", 54, True, 24),
     "not reviewed for 54 days (monthly cadence; last reviewed 2026-09-30)"),
    (Review("weekly", None, "", None, True, None), "not reviewed (weekly cadence; no review recorded)"),
    (Review("weekly", dt.date(2026, 11, 20), "git", 3, False, None), None),
    (object(), None),  # a review with none of the fields: nothing to say
])
def test_review_overdue(tmp_path, review, message):
    found = review_findings(tmp_path, review)
    if message is None:
        assert found == []
        return
    [(location, text)] = found
    assert (location.line, location.column) == at(SHEET, "review: weekly", "review: ")
    assert text.startswith(message + ": ") and "'reviewed'" in text


def test_review_overdue_without_a_cadence_is_located_at_the_top(tmp_path):
    text = sheet(**{"cadence:\n  review: weekly\n  minutes: 15\n  day: Tuesday\n": ""})
    [(location, message)] = review_findings(tmp_path, Review(None, dt.date(2026, 11, 2), "git", 21, True, None), text)
    assert (location.line, location.column) == (2, 1) and message.startswith("not reviewed for 21 days (last change")


# SD607 optimistic health ------------------------------------------------------------------------------------------

def test_declared_health_better_than_the_evidence(tmp_path):
    text = with_rule(date="2026-11-16", **{"status: active\n": "status: active\nhealth: on-track\n",
                                           **GUARDED})
    decided = CONTINUE.format(date="2026-11-16", rationale="rationale: Resume link usage is short, but rising.\n")
    readings = {"resume-link-usage": series(("2026-11-16", 18)), **BREACH}
    found = lint(tmp_path / "bad", {"aims/a.md": text, "decisions/d.md": decided}, readings)
    [finding] = [f for f in found["aims/a.md"] if f.code == "SD607"]
    assert finding.where == (*at(text, "health: on-track", "health: "), "SD607")
    assert finding.message.startswith("'health' is declared on-track, but the evidence says off-track: ")
    assert "stage gate rule not met on 2026-11-16: Resume link usage 18% on 2026-11-16" in finding.message
    assert "; guardrail breached since 2026-11-09: " in finding.message  # every reason, not only the worst
    honest = lint(tmp_path / "good", {"aims/a.md": text.replace("health: on-track", "health: off-track"),
                                      "decisions/d.md": decided}, readings)
    assert "SD607" not in [f.code for f in honest.get("aims/a.md", [])]


def test_declared_health_as_bad_as_the_evidence_or_worse_is_quiet(tmp_path):
    text = SHEET.replace("status: active\n", "status: active\nhealth: {h}\n")
    off = {"resume-link-usage": series(("2026-11-23", 18))}  # off course: at risk
    for declared, codes in (("on-track", ["SD607"]), ("at-risk", []), ("off-track", [])):
        found = lint(tmp_path / declared, {"aims/a.md": text.format(h=declared)}, off)
        assert [f.code for f in found.get("aims/a.md", [])] == codes, declared
