"""The documented CI examples are valid YAML and use only what stratdocs offers."""

import re

import pytest
import yaml

from conftest import REPO

CI = REPO / "docs" / "ci"


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_example_is_valid_yaml(name):
    text = (CI / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and data
    for fmt in re.findall(r"stratdocs (?:lint|diff)[^\n]*?--format (\w+)", text):
        assert fmt in {"text", "json", "github", "sarif", "gitlab", "markdown"}


def test_github_workflow_shape():
    data = yaml.safe_load((CI / "github-actions.yml").read_text())
    assert set(data["jobs"]) == {"lint", "diff", "site"}
    steps = [s.get("run", "") + s.get("uses", "") for s in data["jobs"]["lint"]["steps"]]
    assert any("--format github" in s for s in steps) and any("upload-sarif" in s for s in steps)


def test_gitlab_pipeline_shape():
    data = yaml.safe_load((CI / "gitlab-ci.yml").read_text())
    assert data["strategy-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert data["pages"]["artifacts"]["paths"] == ["public"]
