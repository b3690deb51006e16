"""An OpenSLO v1 SLO file a guardrail points at: read into objectives, every problem one finding at file:line:col."""

import os
from pathlib import Path

import pytest

from stratdocs.evaluate.openslo import Objective, Slo, read_slo

from conftest import REPO

SLO = """\
apiVersion: openslo/v1
kind: SLO
metadata:
  name: claim-form-availability
  displayName: Claim form availability
spec:
  service: claim-form
  indicatorRef: form-availability
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Available
      target: 0.995
"""
SERVICE = "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: claim-form\nspec:\n  description: Claims\n"
TARGET = "      target: 0.995\n"


def read(root: Path, content: str | bytes, name: str = "slo.yaml"):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return read_slo(path, name, root)


def located(root: Path, content: str | bytes) -> list[tuple[str, int, int]]:
    slo, findings = read(root, content)
    assert slo is None or not findings
    return [(f.code, f.line, f.column) for f in findings]


def test_a_ratio_slo_reads_target_as_a_percentage(tmp_path):
    slo, findings = read(tmp_path, SLO)
    assert findings == []
    assert slo == Slo("claim-form-availability", "Claim form availability",
                      (Objective("Available", "gte", 99.5, True, "28d rolling"),), "slo.yaml")


def test_target_percent_is_read_as_written(tmp_path):
    slo, _ = read(tmp_path, SLO.replace(TARGET, "      targetPercent: 99.9\n"))
    assert slo is not None and slo.objectives[0] == Objective("Available", "gte", 99.9, True, "28d rolling")


def test_a_threshold_slo_reads_op_and_value(tmp_path):
    slo, _ = read(tmp_path, SLO.replace(TARGET, "      op: lte\n      value: 300\n" + TARGET))
    assert slo is not None and slo.objectives == (Objective("Available", "lte", 300.0, False, "28d rolling"),)


def test_several_objectives_in_order_with_the_calendar_window(tmp_path):
    text = SLO.replace("      isRolling: true\n", "      calendar:\n        startTime: 2026-01-01 00:00:00\n"
                       "        timeZone: Europe/London\n").replace("28d", "1M")
    text += "    - targetPercent: 99\n    - displayName: Fast\n      op: lt\n      value: 2.5\n      target: 0.9\n"
    slo, findings = read(tmp_path, text)
    assert findings == [] and slo is not None
    assert slo.objectives == (Objective("Available", "gte", 99.5, True, "1M calendar"),
                              Objective("objective 2", "gte", 99.0, True, "1M calendar"),
                              Objective("Fast", "lt", 2.5, False, "1M calendar"))


def test_no_window_and_no_display_name(tmp_path):
    text = SLO.replace("  displayName: Claim form availability\n", "").replace(
        "  timeWindow:\n    - duration: 28d\n      isRolling: true\n", "")
    slo, _ = read(tmp_path, text)
    assert slo is not None and slo.display_name == "claim-form-availability" and slo.objectives[0].window == ""


# Files from github.com/OpenSLO/OpenSLO (Apache-2.0), unchanged: see tests/data/README.md.
EXAMPLES = {
    "readme-foo-slo.yaml": ("foo-slo", "Foo SLO", [("Foo Total Errors", "gte", 98.0, True, "")]),
    "occurences-slo.yaml": ("search-slo", "Searching time", [("Good experience", "lt", 500.0, False, "2w rolling")]),
    "ratio-timeslices.yaml": ("main-page", "Main page availability", [("Good", "gte", 99.0, True, "2w rolling")]),
    "timeslices-slo.yaml": ("service-availability", "Reflaction of out availability SLA", [
        ("Internal objective", "gte", 99.5, True, "1m calendar"), ("SLA", "gte", 99.0, True, "1m calendar")]),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_openslo_specs_own_examples_are_read(name):
    folder = REPO / "tests" / "data" / "openslo"
    slo, findings = read_slo(folder / name, name, folder)
    assert findings == []
    name_, display, objectives = EXAMPLES[name]
    assert slo == Slo(name_, display, tuple(Objective(*o) for o in objectives), name)


@pytest.mark.parametrize("old, new, expected, words", [
    ("openslo/v1", "openslo/v1alpha", ("SD031", 1, 13), 'apiVersion is "openslo/v1alpha"; expected one of: openslo/v1'),
    ("kind: SLO", "kind: SLI", ("SD031", 2, 7), 'kind is "SLI"; expected one of: SLO'),
    ("  name: claim-form-availability\n", "", ("SD031", 4, 3), "missing required key 'name' in metadata"),
    ("28d", "28 days", ("SD031", 10, 17), "expected a duration such as 28d"),
    ("      isRolling: true\n", "      isRolling: true\n    - duration: 4w\n", ("SD031", 10, 5),
     "spec.timeWindow has more than one window"),
    ("Occurrences", "Ocurrences", ("SD031", 12, 20), "expected one of: Occurrences, Timeslices, RatioTimeslices"),
    ("0.995", "1.5", ("SD031", 15, 15),
     "spec.objectives[1].target is 1.5; expected a share from 0 up to, not including, 1"),
    ("0.995", "-0.1", ("SD031", 15, 15), "spec.objectives[1].target is -0.1"),
    (TARGET, '      targetPercent: "99.5%"\n', ("SD031", 15, 22),
     "spec.objectives[1].targetPercent must be a number, not text"),
    (TARGET, "      targetPercent: 100\n", ("SD031", 15, 22), "expected a percentage from 0 up to, not including, 100"),
    (TARGET, "      op: ge\n      value: 300\n" + TARGET, ("SD031", 15, 11),
     "spec.objectives[1].op is \"ge\"; expected one of: lte, gte, lt, gt"),
    ("0.995", ".nan", ("SD031", 15, 15), "spec.objectives[1].target is nan; expected a finite number"),
    (TARGET, "      op: lt\n      value: .inf\n" + TARGET, ("SD031", 16, 14), "value is inf; expected a finite"),
    (TARGET, "      value: 300\n" + TARGET, ("SD031", 14, 7), "has a value but no op"),
    (TARGET, TARGET + "      targetPercent: 99.5\n", ("SD031", 14, 7), "has both target and targetPercent"),
    (TARGET, "      op: gte\n", ("SD031", 14, 7), "spec.objectives[1] has no target"),
    ("  objectives:\n    - displayName: Available\n" + TARGET, "  objectives: []\n", ("SD031", 13, 15),
     "spec.objectives is empty"),
    ("  objectives:\n    - displayName: Available\n" + TARGET, "", ("SD031", 7, 3),
     "missing required key 'objectives' in spec"),
    ("spec:\n", "spec: {}\nx:\n", ("SD031", 6, 7), "missing required key 'objectives' in spec"),
])
def test_each_schema_problem_is_one_finding_at_its_value(tmp_path, old, new, expected, words):
    assert old in SLO
    slo, [finding] = read(tmp_path, SLO.replace(old, new, 1))
    assert slo is None and (finding.code, finding.line, finding.column) == expected
    assert words in finding.message, finding.message
    assert finding.rule == "openslo-slo" and finding.path == "slo.yaml"


@pytest.mark.parametrize("content, expected, words", [
    (SLO.replace("Claim form", "Caf\xe9 claim form").encode("latin-1"), ("SD030", 5, 19), "not valid UTF-8"),
    (SLO.replace("  displayName: Claim", '  displayName: "Claim'), ("SD030", 5, 16), "quote is never closed"),
    (SLO.replace("  service: claim-form\n", "  service: claim-form\n  service: claims\n"), ("SD030", 8, 3),
     "duplicate key 'service' (first at line 7)"),
    ((SLO + "    - *a\n").replace("    - displayName", "    - &a\n      displayName"), ("SD030", 14, 7),
     "aliases are not supported"),  # at the anchored value, as in front matter
    ("spec: " + "[" * 100 + "]" * 100 + "\n", ("SD030", 1, 71), "nested deeper than 64"),
    ("- just\n- a list\n", ("SD030", 1, 1), "an SLO file must be a mapping"),
    ("", ("SD031", 1, 1), "the file is empty"),
    ("# nothing but a comment\n---\n", ("SD031", 1, 1), "the file is empty"),
])
def test_each_file_problem_is_one_finding_at_its_place(tmp_path, content, expected, words):
    slo, [finding] = read(tmp_path, content)
    assert slo is None and (finding.code, finding.line, finding.column) == expected
    assert words in finding.message, finding.message


def test_a_byte_order_mark_and_crlf_endings_are_read_past(tmp_path):
    slo, findings = read(tmp_path, b"\xef\xbb\xbf" + SLO.replace("\n", "\r\n").encode())
    assert findings == [] and slo is not None and slo.objectives[0].value == 99.5


def test_a_missing_file_and_a_folder(tmp_path):
    _, [missing] = read_slo(tmp_path / "slos" / "none.yaml", "slos/none.yaml", tmp_path)
    (tmp_path / "folder.yaml").mkdir()
    _, [folder] = read_slo(tmp_path / "folder.yaml", "folder.yaml", tmp_path)
    assert (missing.code, missing.path, missing.line, missing.column) == ("SD030", "slos/none.yaml", 1, 1)
    assert "no such file" in missing.message
    assert folder.code == "SD030" and "a folder, not a file; not read" in folder.message


def test_over_one_mebibyte_is_not_read_and_one_mebibyte_is(tmp_path):
    padded = SLO + "#" * ((1 << 20) - len(SLO) - 1) + "\n"
    assert len(padded) == 1 << 20 and located(tmp_path, padded) == []
    slo, [finding] = read(tmp_path, padded + "\n")
    assert slo is None and (finding.code, finding.line) == ("SD030", 1) and "larger than 1 MiB" in finding.message


def test_a_path_outside_the_project_is_refused_by_dotdot_and_by_link(tmp_path):
    project = tmp_path / "project"
    (project / "slos").mkdir(parents=True)
    (tmp_path / "elsewhere.yaml").write_text(SLO)
    (project / "slos" / "inside.yaml").write_text(SLO)
    os.symlink(tmp_path / "elsewhere.yaml", project / "slos" / "out.yaml")
    os.symlink("inside.yaml", project / "slos" / "in.yaml")
    for path in (project / "slos" / ".." / ".." / "elsewhere.yaml", project / "slos" / "out.yaml"):
        slo, [finding] = read_slo(path, "slos/x.yaml", project)
        assert slo is None and (finding.code, finding.line, finding.column) == ("SD030", 1, 1)
        assert "outside the project folder" in finding.message
    assert read_slo(project / "slos" / "in.yaml", "slos/in.yaml", project)[1] == []  # a link that stays inside


def test_the_slo_is_read_from_a_file_of_several_documents(tmp_path):
    slo, findings = read(tmp_path, SERVICE + "---\n" + SLO + "---\n" + SERVICE.replace("Service", "SLI"))
    assert findings == [] and slo is not None and slo.name == "claim-form-availability"
    assert located(tmp_path, "---\n" + SERVICE + "--- # the SLO\n" + SLO.replace("0.995", "1.5")) == [
        ("SD031", 23, 15)]  # lines count from the top of the file


def test_two_slos_in_one_file_are_refused_at_the_second(tmp_path):
    slo, [finding] = read(tmp_path, SLO + "---\n" + SLO)
    assert slo is None and (finding.code, finding.line, finding.column) == ("SD031", 18, 7)
    assert "a second SLO in this file (the first starts at line 1)" in finding.message


def test_several_documents_and_none_an_slo(tmp_path):
    slo, [finding] = read(tmp_path, SERVICE + "---\n" + SERVICE.replace("Service", "SLI"))
    assert slo is None and (finding.code, finding.line, finding.column) == ("SD031", 2, 7)
    assert "no document in this file is kind: SLO (found Service, SLI)" in finding.message


def test_a_broken_document_beside_the_slo_is_reported(tmp_path):
    assert located(tmp_path, SLO + "---\nkind: [Service\n") == [("SD030", 17, 7)]
