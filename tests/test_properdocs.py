"""The site also builds with ProperDocs, the maintained fork of MkDocs 1.6: same findings, same pages."""

import re
import shutil
import subprocess

from conftest import BIN, REPO, copy_strategy, env, run_cli
from samples import sheet, with_metrics


def build(tool: str, root, strict: bool = True) -> subprocess.CompletedProcess:
    args = ([str(BIN / tool), "build", "-f", "mkdocs.yml", "--site-dir", f"site-{tool}"]
            + (["--strict"] if strict else []))
    return subprocess.run(args, cwd=root, env=env(), capture_output=True, text=True, timeout=600, check=False)


def pages(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_example_site_builds_with_both_hosts_to_the_same_pages(tmp_path):
    copy_strategy(tmp_path / "strategy")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for tool in ("mkdocs", "properdocs"):
        result = build(tool, tmp_path)
        assert result.returncode == 0, result.stderr
    assert pages(tmp_path / "site-mkdocs") == pages(tmp_path / "site-properdocs")
    assert "map/index.html" in pages(tmp_path / "site-properdocs")


def test_properdocs_strict_fails_on_the_same_findings(tmp_path):
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    docs = with_metrics({"a.md": sheet(**{"owner: Priya Shah\n": ""}), "index.md": "# Home\n"})
    for name, text in docs.items():
        (tmp_path / "strategy" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "strategy" / name).write_text(text)
    strict = build("properdocs", tmp_path)
    assert strict.returncode != 0
    relaxed = build("properdocs", tmp_path, strict=False)
    logged = sorted(set(re.findall(r"(strategy/\S+:\d+:\d+: (?:error|warning) SD\d+ .*)", relaxed.stderr)))
    cli = run_cli("lint", "strategy", cwd=tmp_path)
    assert logged == cli.stdout.splitlines() and any(" SD107 " in line for line in logged)
