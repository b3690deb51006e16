"""The pre-commit hook, run by the real `pre-commit try-repo` against a temp repository."""

import shutil
import subprocess

import pytest
import yaml
from conftest import BIN, REPO, env, write
from samples import sheet

PRE_COMMIT = BIN / "pre-commit"


def test_hook_manifest():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "stratdocs-lint" and hook["language"] == "python" and hook["entry"].startswith("stratdocs ")


@pytest.mark.skipif(not PRE_COMMIT.exists() or not shutil.which("git"), reason="needs pre-commit (test extras) and git")
def test_try_repo_fails_on_a_bad_doc(tmp_path):
    project = tmp_path / "project"
    bad = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""})
    write(project, {"strategy/a.md": bad})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    run_env = env(PRE_COMMIT_HOME=str(tmp_path / "cache"))
    result = subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "stratdocs-lint", "--all-files"], cwd=project,
                            env=run_env, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "stratdocs lint" in output and "Failed" in output
    assert "strategy/a.md:2:1: error SD106" in output
    # fixed, it passes
    write(project, {"strategy/a.md": sheet()})
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    again = subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "stratdocs-lint", "--all-files"], cwd=project,
                           env=run_env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stdout + again.stderr
