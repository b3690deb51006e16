"""What the plugin keeps across `mkdocs serve` rebuilds stays bounded by the files of the current build."""

import random

from stratdocs.config import Config
from stratdocs.pipeline import DocumentCache, discover, run

from conftest import MKDOCS_YML, TODAY, write
from samples import SHEET, metric, with_metrics


def edit_step(docs, rng: random.Random, step: int) -> None:
    """One editing session's change: edit, rename, move, delete or add a Markdown file."""
    pages = sorted(p for p in docs.rglob("*.md") if p.name.startswith("page-"))
    action = rng.choice(["edit", "rename", "move", "delete", "add"]) if pages else "add"
    if action == "add":
        write(docs, {f"page-{step}.md": f"# Page {step}\n"})
    elif action == "edit":
        rng.choice(pages).write_text(f"# Edited at {step}\n", encoding="utf-8")
    elif action == "rename":
        rng.choice(pages).rename(docs / f"page-{step}.md")
    elif action == "move":
        (docs / f"dir-{step % 3}").mkdir(exist_ok=True)
        rng.choice(pages).rename(docs / f"dir-{step % 3}" / f"page-{step}.md")
    else:
        rng.choice(pages).unlink()


def test_the_cache_holds_only_the_current_files_run_after_run(tmp_path):
    docs = write(tmp_path / "docs", with_metrics({"aim.md": SHEET}))
    rng = random.Random(7)
    cache = DocumentCache()
    config = Config()
    run(discover(docs), config, cache=cache)
    sheet = next(doc for doc in run(discover(docs), config, cache=cache).docs if doc.id == "online-claim-completion")
    for step in range(300):
        edit_step(docs, rng, step)
        sources = discover(docs)
        result = run(sources, config, cache=cache)
        assert len(cache) == len(sources) == len(result.docs)
    # Still a cache: an untouched document is the very same object, not parsed again.
    assert any(doc is sheet for doc in run(discover(docs), config, cache=cache).docs)


def test_serve_rebuilds_keep_nothing_of_renamed_or_deleted_files(tmp_path, monkeypatch):
    """The plugin's own hooks, as `mkdocs serve` drives them: one instance, config reloaded each build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("STRATDOCS_TODAY", TODAY)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    write(tmp_path, {"mkdocs.yml": MKDOCS_YML})
    docs = write(tmp_path / "strategy", {"index.md": "# Home\n", "aim.md": SHEET,
                                         **{f"metrics/{m}.md": metric(m) for m in
                                            ("resume-link-usage", "online-completion-rate")}})
    site = tmp_path / "site"

    def config():
        return load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(site))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["stratdocs"]
    build(first, serve_url="http://127.0.0.1:8000/")
    rng = random.Random(11)
    for step in range(12):
        edit_step(docs, rng, step)
        current = config()
        assert current.plugins["stratdocs"] is plugin  # what serve relies on: the same instance
        build(current, serve_url="http://127.0.0.1:8000/")
        markdown = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
        assert len(plugin.cache) == len(markdown)
        assert set(plugin.docs) == markdown
        assert {doc.src_uri for doc in plugin.result.docs} == markdown
    assert (site / "index.html").is_file()
