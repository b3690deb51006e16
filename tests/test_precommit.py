"""The pre-commit hook, run by the real `pre-commit try-repo` against a temp repository."""

import shutil
import subprocess
import sysconfig

import pytest
import yaml

from conftest import BIN, REPO, env, write
from samples import sheet, with_metrics

PRE_COMMIT = BIN / "pre-commit"


def hook_repo(tmp_path):
    """The working tree as a committed repository: try-repo would leave out untracked files."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    target = tmp_path / "hook-repo"
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    vendored = ["plugins/stratdocs/assets/vendor/mermaid.min.js",  # fetched by `make`, git-ignored
                "plugins/stratdocs/assets/vendor/cytoscape.min.js"]
    for name in vendored:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)
    subprocess.run([*git, "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "add", "-f", *vendored], cwd=target, check=True)  # so the wheel build needs no npm
    subprocess.run([*git, "commit", "-qm", "hook repo"], cwd=target, check=True)
    return target


def offline_env(tmp_path) -> dict:
    """pre-commit installs the hook with pip; here pip takes nothing from the network.

    The hook's dependencies (and the build backend) come from this test environment
    through PYTHONPATH, so the test passes offline and on any date (a faked clock
    fails every TLS handshake); `make` has already installed them from the lock.
    """
    return env(PRE_COMMIT_HOME=str(tmp_path / "cache"), PIP_NO_INDEX="1", PIP_NO_DEPS="1",
               PIP_NO_BUILD_ISOLATION="0",  # pip reads this as "build isolation: off"
               PYTHONPATH=sysconfig.get_paths()["purelib"], VIRTUALENV_NO_PERIODIC_UPDATE="1")


def test_hook_manifest():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "stratdocs-lint" and hook["language"] == "python" and hook["entry"].startswith("stratdocs ")


@pytest.mark.skipif(not PRE_COMMIT.exists() or not shutil.which("git"), reason="needs pre-commit (test extras) and git")
def test_try_repo_fails_on_a_bad_doc(tmp_path):
    project = tmp_path / "project"
    bad = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""})
    write(project, with_metrics({"strategy/a.md": bad}, "strategy/"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    run_env = offline_env(tmp_path)
    hooks = hook_repo(tmp_path)
    result = subprocess.run([str(PRE_COMMIT), "try-repo", str(hooks), "stratdocs-lint", "--all-files"], cwd=project,
                            env=run_env, capture_output=True, text=True, timeout=900, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "stratdocs lint" in output and "Failed" in output
    assert "strategy/a.md:2:1: error SD106" in output
    # fixed, it passes
    write(project, {"strategy/a.md": sheet()})
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    again = subprocess.run([str(PRE_COMMIT), "try-repo", str(hooks), "stratdocs-lint", "--all-files"], cwd=project,
                           env=run_env, capture_output=True, text=True, timeout=900, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
