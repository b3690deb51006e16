"""Verdicts from the readings: a stage gate (continue / change / no evidence, on course / off course before its
date), an aim's done rule, a guardrail (holds / breached since / no evidence), and health computed with its reasons."""

import datetime as dt

import pytest

from stratdocs.config import Config
from stratdocs.evaluate import conditions as c
from stratdocs.evaluate import gates as g
from stratdocs.evaluate.health import AT_RISK, OFF_TRACK, ON_TRACK
from stratdocs.pipeline import discover, run

from conftest import write
from samples import SHEET, metric, sheet

TODAY = dt.date(2026, 11, 23)
SHEET_ID = "online-claim-completion"
RULE = "  rule:\n    metric: resume-link-usage\n    at_least: 20\n"
METRICS = {
    "metrics/online-completion-rate.md": metric("online-completion-rate"),
    "metrics/resume-link-usage.md": metric("resume-link-usage", "online-completion-rate"),
    "metrics/form-availability.md": metric("form-availability"),
}


def with_rule(rule: str = RULE, date: str = "2026-12-07", **replacements: str) -> str:
    """SHEET with its gate's rule and date replaced (rule: the YAML lines under stage_gate)."""
    return sheet(**{f"  decision_date: 2026-12-07\n{RULE}": f"  decision_date: {date}\n{rule}"}, **replacements)


def series(*pairs) -> str:
    """'date,value' rows: series(("2026-11-09", 15), ...)."""
    return "date,value\n" + "".join(f"{day},{value}\n" for day, value in pairs)


def judged(tmp_path, files: dict[str, str], readings: dict[str, str] | None = None, today: dt.date = TODAY):
    write(tmp_path, {**{f"strategy/{name}": text for name, text in {**METRICS, **files}.items()},
                     **{f"readings/{m}.csv": text for m, text in (readings or {}).items()}})
    return run(discover(tmp_path / "strategy"), Config(today=today, readings_dir=tmp_path / "readings")).evidence


def gate_of(tmp_path, text: str, readings: dict[str, str] | None = None) -> g.Gate:
    return judged(tmp_path, {"aims/a.md": text}, readings).gates[SHEET_ID]


# The stage gate, on or after its date ----------------------------------------------------------------------------

@pytest.mark.parametrize("rows,verdict", [
    ((("2026-11-09", 15), ("2026-11-16", 21), ("2026-11-23", 10)), g.CONTINUE),  # judged by the date: 21
    ((("2026-11-09", 25), ("2026-11-16", 18), ("2026-11-23", 30)), g.CHANGE),
    ((("2026-11-20", 30),), g.NO_EVIDENCE),  # a reading after the date does not count
    ((), g.NO_EVIDENCE),
])
def test_verdict_on_the_gate_date(tmp_path, rows, verdict):
    readings = {"resume-link-usage": series(*rows)} if rows else {}
    gate = gate_of(tmp_path, with_rule(date="2026-11-16"), readings)
    assert (gate.verdict, gate.judged_on, gate.final) == (verdict, dt.date(2026, 11, 16), True)
    if verdict != g.NO_EVIDENCE:
        assert gate.outcomes[0].latest.date == dt.date(2026, 11, 16)


@pytest.mark.parametrize("rows,verdict", [
    ((("2026-11-16", 15), ("2026-11-23", 21)), g.ON_COURSE),
    ((("2026-11-16", 25), ("2026-11-23", 18)), g.OFF_COURSE),
    ((), g.NO_EVIDENCE),
])
def test_trajectory_before_the_gate_date(tmp_path, rows, verdict):
    readings = {"resume-link-usage": series(*rows)} if rows else {}
    gate = gate_of(tmp_path, with_rule(date="2026-12-07"), readings)
    assert (gate.verdict, gate.judged_on, gate.final) == (verdict, TODAY, False)


FOR_LAST_4 = "  rule:\n    metric: resume-link-usage\n    at_least: 20\n    for_last: 4\n"


WEEKS = ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]


@pytest.mark.parametrize("values,date,verdict,read", [
    ((21, 22, 20, 23), "2026-11-23", g.CONTINUE, 4),  # 4 readings running
    ((10, 21, 22, 20, 23), "2026-11-23", g.CONTINUE, 4),  # the 5th from last does not count
    ((22, 19, 20, 23), "2026-11-23", g.CHANGE, 4),  # one of the last 4 short
    ((20, 23), "2026-11-23", g.CHANGE, 2),  # fewer readings than for_last: not met
    ((22, 19, 20, 23), "2026-12-07", g.ON_COURSE, 1),  # before the date: the latest alone
])
def test_for_last(tmp_path, values, date, verdict, read):
    rows = zip(WEEKS[-len(values):], values, strict=True)
    gate = gate_of(tmp_path, with_rule(FOR_LAST_4, date=date), {"resume-link-usage": series(*rows)})
    assert (gate.verdict, len(gate.outcomes[0].readings)) == (verdict, read)


def two(mode: str) -> str:
    return (f"  rule:\n    {mode}:\n      - metric: resume-link-usage\n        at_least: 20\n"
            "      - metric: online-completion-rate\n        at_least: 40\n")


@pytest.mark.parametrize("mode,usage,verdict", [
    ("all", 21, g.NO_EVIDENCE),  # met and no evidence: not known yet
    ("all", 18, g.CHANGE),  # not met and no evidence: a missing reading hides no failure
    ("any", 21, g.CONTINUE),  # met or no evidence: met
    ("any", 18, g.NO_EVIDENCE),  # not met or no evidence: not known yet
])
def test_all_and_any_are_three_valued(tmp_path, mode, usage, verdict):
    gate = gate_of(tmp_path, with_rule(two(mode), date="2026-11-16"),
                   {"resume-link-usage": series(("2026-11-16", usage))})
    assert gate.verdict == verdict
    assert [o.state for o in gate.outcomes] == [c.MET if usage >= 20 else c.NOT_MET, c.NO_EVIDENCE]


def test_combine_table():
    met, not_met, none = c.MET, c.NOT_MET, c.NO_EVIDENCE
    assert [c.combine("all", s) for s in ([met, met], [met, none], [not_met, none], [not_met, met])] == \
        [met, none, not_met, not_met]
    assert [c.combine("any", s) for s in ([not_met, not_met], [not_met, none], [met, none], [none, none])] == \
        [not_met, none, met, none]


@pytest.mark.parametrize("value,verdict", [(20, g.CONTINUE), (30, g.CONTINUE), (25.5, g.CONTINUE),
                                           (19.99, g.CHANGE), (30.01, g.CHANGE)])
def test_between_includes_both_bounds(tmp_path, value, verdict):
    rule = "  rule:\n    metric: resume-link-usage\n    between: [20, 30]\n"
    gate = gate_of(tmp_path, with_rule(rule, date="2026-11-16"), {"resume-link-usage": series(("2026-11-16", value))})
    assert gate.verdict == verdict


def test_a_rule_that_cannot_be_read_gives_no_verdict(tmp_path):
    unreadable = ["  rule:\n    all:\n      - metric: resume-link-usage\n        at_least: 20\n    at_most: 30\n",
                  "  rule:\n    metric: resume-link-usage\n    at_least: 30\n    at_most: 20\n",
                  "  rule:\n    metric: resume-link-usage\n    at_least: '20%'\n"]
    for i, rule in enumerate(unreadable):
        assert SHEET_ID not in judged(tmp_path / str(i), {"aims/a.md": with_rule(rule)}).gates, rule


# Done and the guardrail -------------------------------------------------------------------------------------------

DONE_RULE = ("  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running\n"
             "  done_rule:\n    metric: online-completion-rate\n    at_least: 70\n    for_last: 2\n")


@pytest.mark.parametrize("values,verdict", [((71, 72), g.DONE), ((69, 72), g.NOT_DONE), ((), g.NO_EVIDENCE)])
def test_done(tmp_path, values, verdict):
    text = sheet(**{"  definition_of_done: 70% of claims started online are submitted online, for 4 weeks running\n":
                    DONE_RULE})
    rows = list(zip(["2026-11-16", "2026-11-23"], values, strict=False))
    evidence = judged(tmp_path, {"aims/a.md": text}, {"online-completion-rate": series(*rows)} if rows else {})
    assert evidence.done[SHEET_ID].verdict == verdict


GUARDED = {'  slo: ">= 99.5% over 28 days"\n':
           '  slo: ">= 99.5% over 28 days"\n  metric: form-availability\n  at_least: 99.5\n'}


@pytest.mark.parametrize("rows,state,since", [
    ((("2026-11-16", 99.8), ("2026-11-23", 99.7)), g.HOLDS, None),
    ((("2026-11-02", 99.8), ("2026-11-09", 99.1), ("2026-11-16", 98.7), ("2026-11-23", 99.2)), g.BREACHED,
     "2026-11-09"),
    ((("2026-11-09", 99.1), ("2026-11-16", 99.6), ("2026-11-23", 99.0)), g.BREACHED, "2026-11-23"),  # a new breach
    ((("2026-11-09", 99.0), ("2026-11-16", 99.6)), g.HOLDS, None),  # recovered
    ((), g.NO_EVIDENCE, None),
])
def test_guardrail(tmp_path, rows, state, since):
    readings = {"form-availability": series(*rows)} if rows else {}
    guard = judged(tmp_path, {"aims/a.md": sheet(**GUARDED)}, readings).guardrails[SHEET_ID]
    assert (guard.state, guard.since) == (state, dt.date.fromisoformat(since) if since else None)


def test_guardrail_for_last_reads_each_of_the_latest(tmp_path):
    text = sheet(**{'  slo: ">= 99.5% over 28 days"\n':
                    '  slo: ">= 99.5% over 28 days"\n  metric: form-availability\n  at_least: 99.5\n  for_last: 2\n'})
    rows = (("2026-11-09", 99.0), ("2026-11-16", 99.6), ("2026-11-23", 99.7))
    assert judged(tmp_path / "a", {"aims/a.md": text}, {"form-availability": series(*rows)}) \
        .guardrails[SHEET_ID].state == g.HOLDS
    rows = (("2026-11-09", 99.7), ("2026-11-16", 99.0), ("2026-11-23", 99.7))
    guard = judged(tmp_path / "b", {"aims/a.md": text}, {"form-availability": series(*rows)}).guardrails[SHEET_ID]
    assert (guard.state, guard.since) == (g.BREACHED, dt.date(2026, 11, 16))  # one of the last 2 fails


# Health computed from each reason --------------------------------------------------------------------------------

def health_of(tmp_path, files: dict[str, str], readings: dict[str, str] | None = None):
    files = {"aims/a.md": SHEET, **files}
    return judged(tmp_path, files, readings).health[SHEET_ID]


def test_a_sheet_with_nothing_against_it_is_on_track(tmp_path):
    health = health_of(tmp_path, {})
    assert (health.computed, health.reasons, health.declared) == (ON_TRACK, (), None)


NO_GO = """---
kind: go-no-go
id: beta
title: Beta
status: active
owner: Priya Shah
serves: [online-claim-completion]
milestone: Switch the resume link on for everyone
date: 2026-12-14
votes:
  - role: security
    voter: Dev Patel
    vote: no-go
    reason: links do not expire yet
---
"""
ASSUMPTION = """---
kind: assumption
id: read-email
title: Claimants read email
status: active
owner: Priya Shah
assumption: Claimants read an email from the service within a day
underpins: [online-claim-completion]
test_method: send the email to 10% and count opens
result: invalidated
{decided}---
"""
PREMORTEM = """---
kind: premortem
id: risks
title: Risks
status: active
owner: Priya Shah
threatens: online-claim-completion
items:
  - risk: Saved claims fill the database
    likelihood: high
    impact: low
    early_warning_sign: Storage above 60% of the quota
    observed: 2026-11-18
---
"""
DECISION = """---
kind: decision
id: d-{date}
title: Decided
date: {date}
decision: change
about: online-claim-completion
rationale: The database fills up; saved claims are deleted after 28 days.
---
"""
TARGET_DUE = {"    metric: online-completion-rate\n    baseline: 34\n    target: 70\n":
              "    metric: online-completion-rate\n    baseline: 34\n    target: {value: 70, date: 2026-11-16}\n"}


@pytest.mark.parametrize("case,files,readings,level,topic,words", [
    ("gate change", {"aims/a.md": with_rule(date="2026-11-16")},
     {"resume-link-usage": series(("2026-11-16", 18))}, OFF_TRACK, "gate",
     "stage gate rule not met on 2026-11-16: Resume link usage 18% on 2026-11-16, needs at least 20%"),
    ("gate no evidence", {"aims/a.md": with_rule(date="2026-11-16")}, {}, AT_RISK, "gate",
     "no evidence for the stage gate on 2026-11-16"),
    ("off course", {}, {"resume-link-usage": series(("2026-11-23", 18))}, AT_RISK, "gate",
     "off course for the stage gate due 2026-12-07"),
    ("breach", {"aims/a.md": sheet(**GUARDED)}, {"form-availability": series(("2026-11-23", 98))}, AT_RISK,
     "guardrail", "guardrail breached since 2026-11-23"),
    ("worse than baseline", {}, {"online-completion-rate": series(("2026-11-23", 30))}, AT_RISK, "signal",
     "worse than its baseline 34"),
    ("worse twice running", {}, {"online-completion-rate": series(("2026-11-09", 50), ("2026-11-16", 45),
                                                                  ("2026-11-23", 40))}, AT_RISK, "signal",
     "worse two readings running: 50, 45, 40%"),
    ("target missed", {"aims/a.md": sheet(**TARGET_DUE)}, {"online-completion-rate": series(("2026-11-16", 50))},
     OFF_TRACK, "target", "Online completion rate 50% by 2026-11-16, short of its target 70%"),
    ("target with no reading", {"aims/a.md": sheet(**TARGET_DUE)}, {}, AT_RISK, "target",
     "has no reading by its target date 2026-11-16"),
    ("no-go", {"go.md": NO_GO}, {}, AT_RISK, "no-go", "go/no-go 'Beta': no-go from security"),
    ("invalidated", {"as.md": ASSUMPTION.format(decided="")}, {}, AT_RISK, "assumption",
     "assumption 'Claimants read email' is invalidated and no decision answers it"),
    ("observed risk", {"risks.md": PREMORTEM}, {}, AT_RISK, "risk", "risk 1 of 'Risks' observed on 2026-11-18"),
    ("observed risk, decided before", {"risks.md": PREMORTEM, "d.md": DECISION.format(date="2026-11-10")}, {},
     AT_RISK, "risk", "observed on 2026-11-18 has no mitigation and no decision since"),
])
def test_health_from_each_reason(tmp_path, case, files, readings, level, topic, words):
    health = health_of(tmp_path, files, readings)
    assert health.computed == level, case
    [reason] = [r for r in health.reasons if r.topic == topic]
    assert reason.level == level and words in reason.text, reason.text


@pytest.mark.parametrize("case,files", [
    ("a decision dated after it was observed", {"risks.md": PREMORTEM, "d.md": DECISION.format(date="2026-11-20")}),
    ("the day it was observed", {"risks.md": PREMORTEM, "d.md": DECISION.format(date="2026-11-18")}),
    ("a mitigation", {"risks.md": PREMORTEM.replace("    observed:", "    mitigation: delete after 28 days\n"
                                                                        "    observed:")}),
    ("observed after today", {"risks.md": PREMORTEM.replace("2026-11-18", "2026-11-30")}),
    ("an assumption answered by a decision", {"as.md": ASSUMPTION.format(decided="decided_by: d-2026-11-20\n"),
                                              "d.md": DECISION.format(date="2026-11-20")}),
    ("a go/no-go already decided", {"go.md": NO_GO.replace("status: active", "status: done")}),
])
def test_what_clears_a_reason(tmp_path, case, files):
    health = health_of(tmp_path, files)
    assert (health.computed, health.reasons) == (ON_TRACK, ()), case


def test_declared_against_computed(tmp_path):
    off = {"resume-link-usage": series(("2026-11-16", 18))}
    for declared, optimistic in (("on-track", True), ("at-risk", True), ("off-track", False)):
        text = with_rule(date="2026-11-16", **{"status: active\n": f"status: active\nhealth: {declared}\n"})
        health = judged(tmp_path / declared, {"aims/a.md": text}, off).health[SHEET_ID]
        assert (health.declared, health.computed, health.optimistic) == (declared, OFF_TRACK, optimistic)
