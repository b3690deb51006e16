"""Every kind: schema, template that lints clean, format reference page, example."""

import pytest

from stratdocs.kinds import KINDS
from stratdocs.resources import PACKAGE_DIR, schemas_dir

from conftest import REPO, run_cli


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_has_schema_template_and_format_page(kind):
    assert (schemas_dir() / KINDS[kind].schema_file).is_file()
    assert f"kind: {kind}\n" in KINDS[kind].template
    page = PACKAGE_DIR / "docs" / "formats" / f"{kind}.md"
    assert page.is_file(), f"no format reference page for {kind}"
    assert f"kind: {kind}" in page.read_text()


# A fresh document may name documents that do not exist yet (SD401) and have
# tree leaves nothing serves yet (SD404): those are the next things to write.
# Its example sentences are still to be written over (SD016).
NOT_YET_WRITTEN = {"SD401", "SD404", "SD016"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_template_is_valid_says_what_to_write_and_is_not_overwritten(kind, tmp_path):
    result = run_cli("new", kind, "fresh-doc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lint = run_cli("lint", "--strict", "strategy", cwd=tmp_path)
    codes = {line.split()[2] for line in lint.stdout.splitlines()}
    assert codes <= NOT_YET_WRITTEN, lint.stdout
    assert "SD016" in codes, "an untouched template must not pass as written strategy"
    assert lint.returncode == 1
    again = run_cli("new", kind, "fresh-doc", cwd=tmp_path)
    assert again.returncode == 1


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_example_strategy_has_each_kind(kind):
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "strategy").rglob("*.md")]
    assert any(f"\nkind: {kind}\n" in t for t in texts), f"no example of {kind} in strategy/"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_allowed_statuses_are_in_the_template_and_the_format_page(kind):
    import json

    statuses = json.loads((schemas_dir() / "defs.schema.json").read_text())["$defs"]["status"]["enum"]
    template = KINDS[kind].template
    status_line = next(line for line in template.splitlines() if line.startswith("status:"))
    assert all(s in status_line for s in statuses), status_line
    page = (PACKAGE_DIR / "docs" / "formats" / f"{kind}.md").read_text()
    assert all(f"`{s}`" in page for s in statuses)
