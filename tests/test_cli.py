"""The CLI as a user runs it: a subprocess, exit codes, text and JSON."""

import json
import re

import pytest

from conftest import run_cli, write
from samples import SHEET, line_of, sheet, with_metrics

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<code>SD\d{3}) .+$")


def test_clean_docs_exit_0(tmp_path):
    write(tmp_path, with_metrics({"strategy/a.md": SHEET, "strategy/index.md": "# Home\n"}, "strategy/"))
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_missing_guardrail_exit_1_with_location(tmp_path):
    text = sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""})
    write(tmp_path, with_metrics({"strategy/aims/a.md": text}, "strategy/"))
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    match = LINE.match(line)
    assert match and match["path"] == "strategy/aims/a.md" and match["sev"] == "error"
    assert match["code"] == "SD106" and "guardrail" in line


def test_duplicated_owner_line(tmp_path):
    text = sheet(**{"owner: Priya Shah\n": "owner: Priya Shah\nowner: Tom\n"})
    write(tmp_path, {"strategy/a.md": text})
    result = run_cli("lint", cwd=tmp_path / "strategy")
    assert result.returncode == 2  # no mkdocs.yml and no strategy/ there: usage error
    result = run_cli("lint", "a.md", cwd=tmp_path / "strategy")
    assert result.returncode == 1
    assert result.stdout.startswith(f"a.md:{line_of(text, 'owner: Tom')}:1: error SD002 ")


def test_json_format(tmp_path):
    b = SHEET.replace("id: online", "id: other").replace("owner: Priya",
                                                         "serves: [online-claim-completion]\nowner: Priya")
    write(tmp_path, with_metrics({"s/a.md": sheet(**{"status: active": "status: actve"}), "s/b.md": b}, "s/"))
    result = run_cli("lint", "--format", "json", "s", cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [d["code"] for d in data] == ["SD006"]
    assert set(data[0]) >= {"path", "line", "column", "severity", "code", "message"}
    assert data[0]["path"] == "s/a.md" and data[0]["line"] == 5


def test_warnings_pass_unless_strict(tmp_path):
    write(tmp_path, with_metrics({"a.md": sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-01-01"})}))
    assert run_cli("lint", ".", cwd=tmp_path).returncode == 0
    strict = run_cli("lint", "--strict", ".", cwd=tmp_path)
    assert strict.returncode == 1 and " warning SD105 " in strict.stdout


def test_bad_usage_exit_2(tmp_path):
    assert run_cli("lint", "does-not-exist", cwd=tmp_path).returncode == 2
    assert run_cli("lint", "--format", "xml", cwd=tmp_path).returncode == 2


def test_bad_config_exit_2_names_the_key(tmp_path):
    write(tmp_path, {"pyproject.toml": "[tool.stratdocs]\noutput_wrds = ['ship']\n", "strategy/a.md": SHEET})
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert result.returncode == 2 and "output_wrds" in result.stderr


def test_default_path_is_mkdocs_docs_dir(tmp_path):
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: docs-here\nplugins:\n"
                                   "  - stratdocs:\n      output_words: [digitise]\n"
                                   "markdown_extensions:\n  - pymdownx.emoji:\n"
                                   "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                     "docs-here/a.md": sheet(**{"statement: More first-time": "statement: Digitise first-time"}),
                     **with_metrics({}, "docs-here/")})
    result = run_cli("lint", cwd=tmp_path)
    assert result.returncode == 0 and " warning SD108 " in result.stdout  # options from mkdocs.yml apply


def test_hostile_text_is_not_rich_markup(tmp_path):
    write(tmp_path, {"a.md": "---\nkind: '[bold red]x[/]'\n---\n"})
    result = run_cli("lint", "a.md", cwd=tmp_path)
    assert "[bold red]x[/]" in result.stdout


def test_new_writes_a_template_that_says_what_to_write_and_never_overwrites(tmp_path):
    result = run_cli("new", "alignment-sheet", "faster-payments", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "strategy" / "faster-payments.md"
    assert "We believe" in path.read_text() and "id: faster-payments" in path.read_text()
    lint = run_cli("lint", "--strict", "strategy", cwd=tmp_path)
    # The only problems: the signals name metrics that are not defined yet, and the
    # template's example sentences are still to be written over.
    assert lint.returncode == 1 and {line.split()[2] for line in lint.stdout.splitlines()} == {"SD401", "SD016"}
    assert "'owner' still holds the template's text" in lint.stdout
    for metric_id in ("first-proxy-metric", "outcome-metric"):
        assert f"no document has id '{metric_id}'" in lint.stdout
        assert run_cli("new", "metric", metric_id, cwd=tmp_path).returncode == 0
    lint = run_cli("lint", "--strict", "--format", "json", "strategy", cwd=tmp_path)
    assert {f["code"] for f in json.loads(lint.stdout)} == {"SD016"}, lint.stdout
    path.write_text("my edits")
    again = run_cli("new", "alignment-sheet", "faster-payments", cwd=tmp_path)
    assert again.returncode == 1 and "exists" in again.stderr
    assert path.read_text() == "my edits"


def test_new_refuses_a_taken_id_and_a_bad_id(tmp_path):
    write(tmp_path, {"strategy/other-name.md": SHEET})
    taken = run_cli("new", "alignment-sheet", "online-claim-completion", cwd=tmp_path)
    assert taken.returncode == 1 and "already used" in taken.stderr
    assert run_cli("new", "alignment-sheet", "Bad_Id", cwd=tmp_path).returncode == 2
    assert run_cli("new", "no-such-kind", "x", cwd=tmp_path).returncode == 2


def test_non_utf8_and_binary_files_do_not_crash(tmp_path):
    write(tmp_path, {"a.md": b"---\nkind: alignment-sheet\ntitle: \xff\xfe\n---\n", "b.md": bytes(range(256))})
    result = run_cli("lint", ".", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "a.md:3:8: error SD003" in result.stdout and "b.md:" in result.stdout


@pytest.mark.parametrize("doc_id", ["a" * 101, "a" * 300, "x-" * 60 + "y", "ok\n", "ok\nx", "Bad", "a--b", "-a", "a-",
                                    "../escape", "a/b", "a.b", "é", ""])
def test_new_checks_ids_exactly_as_the_schema_does(tmp_path, doc_id):
    result = run_cli("new", "decision", "--", doc_id, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "at most 100 characters" in result.stderr
    assert not (tmp_path / "strategy").exists()


def test_new_takes_the_longest_id_the_schema_allows(tmp_path):
    result = run_cli("new", "decision", "a" * 100, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lint = run_cli("lint", "strategy", cwd=tmp_path)
    assert "SD006" not in lint.stdout


def test_linting_one_file_says_how_many_were_reported_and_how_many_read(tmp_path):
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n",
                     **with_metrics({"strategy/a.md": SHEET, "strategy/b.md": "# page\n"}, "strategy/")})
    one = run_cli("lint", "strategy/a.md", cwd=tmp_path)
    total = len(list((tmp_path / "strategy").rglob("*.md")))
    assert f"1 file(s) checked ({total} read for their references)" in one.stderr
    assert run_cli("lint", cwd=tmp_path).stderr.startswith(f"{total} file(s) checked:")


def test_a_linked_folder_named_on_the_command_line_is_judged_by_the_docs_folder(tmp_path):
    outside = tmp_path / "outside"
    write(outside, {"secret.md": "---\nkind: metric\nid: secret\n---\nSECRET\n"})
    write(tmp_path / "project", {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n", "strategy/index.md": "# Home\n"})
    (tmp_path / "project" / "strategy" / "linked").symlink_to(outside, target_is_directory=True)
    result = run_cli("lint", "--format", "json", "strategy/linked", cwd=tmp_path / "project")
    codes = {f["code"] for f in json.loads(result.stdout)}
    assert codes == {"SD013"} and "secret" not in result.stdout
