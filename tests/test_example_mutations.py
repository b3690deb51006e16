"""Issue 11's rules fire on mutated copies of the example strategy, each at its file:line:col.

Each case copies the example (strategy, readings, OpenSLO files), changes one thing a team could
plausibly do, and runs `stratdocs lint` as of the example's day (2026-11-23, no git history).
"""

import shutil

import pytest

from conftest import REPO, copy_strategy, run_cli
from samples import line_of

SHEETS = "strategy/aims/"
KEEP_GOING = """---
kind: decision
id: keep-going
title: Keep going as planned
status: active
owner: Priya Shah
date: 2026-11-20
decision: continue
summary: Keep the pilot as it is.
about: online-claim-completion
rationale: The team believes in it and has invested a lot already.
deciders: [Priya Shah]
---
"""


def example(root):
    copy_strategy(root / "strategy")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")  # its settings: as_of
    return root


def edit(root, name, old, new):
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def impossible_threshold(root):
    text = edit(root, SHEETS + "online-claim-completion.md", "    at_least: 20\n",
                "    at_least: 20\n    at_most: 10\n")
    return SHEETS + "online-claim-completion.md", line_of(text, "    at_most: 10"), 14


def continue_against_evidence(root):
    (root / "strategy/decisions/2026-11-20-keep-going.md").write_text(KEEP_GOING, encoding="utf-8")
    return "strategy/decisions/2026-11-20-keep-going.md", line_of(KEEP_GOING, "decision: continue"), 11


def gate_without_readings(root):
    (root / "readings/phone-uploads-started.csv").unlink()
    text = (root / SHEETS / "same-day-evidence.md").read_text(encoding="utf-8")
    return SHEETS + "same-day-evidence.md", line_of(text, "  rule:") + 1, 5  # the rule's metric


def guardrail_breached(root):
    (root / "strategy/decisions/2026-11-23-fix-uploads-before-widening.md").unlink()
    text = (root / SHEETS / "same-day-evidence.md").read_text(encoding="utf-8")
    return SHEETS + "same-day-evidence.md", line_of(text, "  sli: upload success rate"), 3


def wish_not_strategy(root):
    text = edit(root, SHEETS + "same-day-evidence.md", "  rule:\n    metric: phone-uploads-started\n    at_least: 10\n",
                "")
    return SHEETS + "same-day-evidence.md", line_of(text, "  continue_if:"), 3


def observed_risk(root):
    text = edit(root, "strategy/risks/save-and-resume-premortem.md",
                "    early_warning_sign: Storage for saved claims above 60% of the quota\n",
                "    early_warning_sign: Storage for saved claims above 60% of the quota\n    observed: 2026-11-20\n")
    return "strategy/risks/save-and-resume-premortem.md", line_of(text, "observed: 2026-11-20"), 15


def review_overdue(root):
    text = edit(root, SHEETS + "fewer-chase-calls.md", "status: draft", "status: active\nreviewed: 2026-11-10")
    return SHEETS + "fewer-chase-calls.md", line_of(text, "  review: weekly"), 11


def optimistic_health(root):
    text = edit(root, SHEETS + "same-day-evidence.md", "health: at-risk", "health: on-track")
    return SHEETS + "same-day-evidence.md", line_of(text, "health: on-track"), 9


CASES = {"SD600": impossible_threshold, "SD601": continue_against_evidence, "SD602": gate_without_readings,
         "SD603": guardrail_breached, "SD604": wish_not_strategy, "SD605": observed_risk,
         "SD606": review_overdue, "SD607": optimistic_health}


def test_the_example_itself_has_none_of_them(tmp_path):
    lint = run_cli("lint", "strategy", cwd=example(tmp_path))
    assert (lint.returncode, lint.stdout) == (0, ""), lint.stdout


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_fires_on_a_mutated_example_at_its_place(tmp_path, code):
    root = example(tmp_path)
    path, line, column = CASES[code](root)
    lint = run_cli("lint", "strategy", cwd=root)
    located = [row for row in lint.stdout.splitlines() if f" {code} " in row and row.startswith(path)]
    assert [row.split(" ")[0] for row in located] == [f"{path}:{line}:{column}:"], lint.stdout
