"""Every kind: schema, template that lints clean, format reference page, example."""

import pytest
from conftest import REPO, run_cli

from stratdocs.kinds import KINDS
from stratdocs.resources import PACKAGE_DIR, schemas_dir


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_has_schema_template_and_format_page(kind):
    assert (schemas_dir() / KINDS[kind].schema_file).is_file()
    assert (PACKAGE_DIR / "templates" / KINDS[kind].template_file).is_file()
    page = PACKAGE_DIR / "docs" / "formats" / f"{kind}.md"
    assert page.is_file(), f"no format reference page for {kind}"
    assert f"kind: {kind}" in page.read_text()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_template_lints_clean_and_is_not_overwritten(kind, tmp_path):
    result = run_cli("new", kind, "fresh-doc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lint = run_cli("lint", "--strict", "strategy", cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout
    again = run_cli("new", kind, "fresh-doc", cwd=tmp_path)
    assert again.returncode == 1


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_example_strategy_has_each_kind(kind):
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "strategy").rglob("*.md")]
    assert any(f"\nkind: {kind}\n" in t for t in texts), f"no example of {kind} in strategy/"
