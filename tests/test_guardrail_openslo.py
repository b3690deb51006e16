"""A guardrail that points at an OpenSLO file: judged on its objectives; a file that cannot be read, a finding."""

from stratdocs.config import load_config
from stratdocs.pipeline import discover, run

from conftest import run_cli, write
from samples import SHEET, line_of, metric

SLO = """apiVersion: openslo/v1
kind: SLO
metadata:
  name: form-availability
spec:
  service: claims
  timeWindow:
    - duration: 28d
      isRolling: true
  objectives:
    - displayName: Available
      target: {target}
"""
GUARDED = SHEET.replace(
    'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n',
    'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n'
    "  metric: form-availability\n  openslo: {path}\n")


def project(root, path="../slos/form.yaml", target="0.995", readings="2026-11-16,99.9\n2026-11-23,99.1\n"):
    files = {
        "strategy/sheet.md": GUARDED.replace("{path}", path),
        "strategy/form-availability.md": metric("form-availability"),
        "strategy/resume-link-usage.md": metric("resume-link-usage"),
        "strategy/online-completion-rate.md": metric("online-completion-rate"),
        "readings/form-availability.csv": "date,value\n" + readings,
        "pyproject.toml": "[tool.stratdocs]\nas_of = 2026-11-23\n",
    }
    if target is not None:
        files["slos/form.yaml"] = SLO.format(target=target)
    return write(root, files)


def evaluated(root):
    return run(discover(root / "strategy"), load_config(root, None, ()))


def test_the_objective_is_the_threshold_and_a_reading_below_it_breaches(tmp_path):
    result = evaluated(project(tmp_path))
    guard = result.evidence.guardrails["online-claim-completion"]
    assert (guard.state, str(guard.since)) == ("breached", "2026-11-23")
    assert guard.source.endswith("slos/form.yaml")
    assert [(c.metric, c.low, c.high) for c in guard.conditions] == [("form-availability", 99.5, None)]
    assert "guardrail breached since 2026-11-23" in result.evidence.health["online-claim-completion"].reasons[0].text


def test_a_reading_within_the_objective_holds(tmp_path):
    result = evaluated(project(tmp_path, target="0.99"))
    assert result.evidence.guardrails["online-claim-completion"].state == "holds"


def test_a_missing_file_is_a_finding_at_the_sheets_value(tmp_path):
    project(tmp_path, path="../slos/nowhere.yaml")
    lint = run_cli("lint", "strategy", cwd=tmp_path)
    line = line_of(GUARDED, "openslo:")
    wanted = f"strategy/sheet.md:{line}:12: error SD030 guardrail.openslo '../slos/nowhere.yaml':"
    assert wanted in lint.stdout, lint.stdout


def test_a_file_outside_the_project_is_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    write(outside, {"form.yaml": SLO.format(target="0.995")})
    root = project(tmp_path / "project", path="../../elsewhere/form.yaml")
    lint = run_cli("lint", "strategy", cwd=root)
    assert "SD030" in lint.stdout and "outside the project" in lint.stdout
    result = evaluated(root)
    assert "online-claim-completion" not in result.evidence.guardrails


def test_a_malformed_file_is_a_finding_in_that_file_and_no_verdict(tmp_path):
    root = project(tmp_path, target="1.5")
    lint = run_cli("lint", "strategy", cwd=root)
    assert "slos/form.yaml:" in lint.stdout and "SD031" in lint.stdout, lint.stdout
    assert "online-claim-completion" not in evaluated(root).evidence.guardrails


def test_two_sheets_pointing_at_one_bad_file_report_it_once(tmp_path):
    root = project(tmp_path, target="1.5")
    second = GUARDED.replace("{path}", "../slos/form.yaml").replace("id: online-claim-completion", "id: second")
    write(root, {"strategy/second.md": second})
    lint = run_cli("lint", "strategy", cwd=root)
    assert lint.stdout.count("SD031") == 1, lint.stdout


def test_a_name_the_file_system_refuses_is_a_finding_not_a_crash(tmp_path):
    project(tmp_path, path="../" + "x" * 300 + ".yaml")
    lint = run_cli("lint", "strategy", cwd=tmp_path)
    assert "Traceback" not in lint.stderr and "SD030" in lint.stdout, lint.stdout + lint.stderr
