"""The structure holds: lint loads no renderer, rules never import render, stages below the rules never
import the rule registry, a kind is one record, a relation is described once, and a new kind is a few files."""

import ast
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stratdocs.kinds import KINDS
from stratdocs.relations import RELATIONS
from stratdocs.resources import PACKAGE_DIR, schemas_dir

from conftest import REPO, env

# The stages below the rule registry and what they stand on: folders (every module in them) and modules.
BELOW_THE_RULES = ["load", "history", "validate", "graph", "kinds", "check.selection", "codes", "config", "dates",
                   "document", "findings", "relations", "resources"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, runtime: bool = False) -> set[str]:
    """Every stratdocs module a file imports, at any depth in it (a late import still counts);
    with runtime, leaving out imports for type checkers only (`if TYPE_CHECKING:`), which never load."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and getattr(block.test, "id", None) == "TYPE_CHECKING" for n in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if runtime and id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("stratdocs") or m == "markdown_it" or m.startswith("markdown_it.")}


MODULES = [p for p in PACKAGE_DIR.rglob("*.py") if "assets" not in p.parts]
GRAPH = {module_name(p): imports_of(p) for p in MODULES}
RUNTIME = {module_name(p): imports_of(p, runtime=True) for p in MODULES}


def closure(start: str, graph=GRAPH) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(m for m in graph.get(name, ()) if m in graph)
    return seen


def test_the_lint_path_imports_no_renderer_and_no_markdown_it():
    reached = closure("stratdocs.pipeline", RUNTIME)
    assert not [m for m in reached if m.startswith("stratdocs.render")], sorted(reached)
    assert not [m for name in reached for m in RUNTIME[name] if m.startswith("markdown_it")]


def test_linting_loads_no_renderer_when_it_runs():
    code = ("import sys; from pathlib import Path; from stratdocs.pipeline import discover, run; "
            "from stratdocs.config import Config; run(discover(Path('strategy')), Config()); "
            "print([m for m in sys.modules if m.startswith(('stratdocs.render', 'markdown_it'))])")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env(), capture_output=True, text=True,
                            check=False)
    assert result.stdout.strip() == "[]", result.stderr


def test_no_rule_imports_a_renderer():
    for name, imported in GRAPH.items():
        if name.startswith("stratdocs.check.rules"):
            assert not [m for m in imported if m.startswith("stratdocs.render")], name


@pytest.mark.parametrize("stage", BELOW_THE_RULES)
def test_stages_below_the_rules_do_not_import_the_registry(stage):
    prefix = f"stratdocs.{stage}"
    modules = [name for name in GRAPH if name == prefix or name.startswith(prefix + ".")]
    assert modules, f"no module {prefix}"
    for name in modules:
        reached = {m for m in closure(name) if m != name}
        assert not [m for m in reached | GRAPH[name] if m.startswith("stratdocs.check.rules")], (name, sorted(reached))


def test_every_folder_says_what_it_owns():
    """A folder of the package is a stage or an adapter: its __init__ is one docstring line and nothing else."""
    for init in PACKAGE_DIR.glob("*/__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree)
        assert doc and doc.splitlines()[0].strip(), init
        if init.parent.name != "kinds":  # the kind records' home defines Kind itself
            assert len(tree.body) == 1 and "\n" not in doc.strip(), f"{init}: a face holds one docstring line only"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_record_is_complete(kind):
    record = KINDS[kind]
    assert (schemas_dir() / record.schema_file).is_file() and f"kind: {kind}\n" in record.template
    assert (PACKAGE_DIR / "docs" / "formats" / f"{kind}.md").is_file()
    assert (PACKAGE_DIR / "render" / f"{record.view}.py").is_file()
    assert record.title and record.summary and record.style.startswith("fill:")
    from stratdocs.render.generated import GENERATED_PAGES

    assert all(f"{page}/index.md" in GENERATED_PAGES for page in record.pages), record.pages
    assert "{}" in record.anchor and record.relations == [r for r in RELATIONS.values()
                                                          if not r.only_in or kind in r.only_in]


def test_relations_the_export_schema_and_the_kinds_agree():
    schema = json.loads((schemas_dir() / "export.schema.json").read_text(encoding="utf-8"))
    assert _find_relation_enum(schema) == list(RELATIONS)
    for relation in RELATIONS.values():
        assert relation.targets <= set(KINDS) and relation.only_in <= set(KINDS)
        assert relation.outgoing and relation.incoming and relation.outgoing != relation.incoming


def _find_relation_enum(value):
    """The enum of the edges' `relation` property, wherever the export schema keeps it."""
    if isinstance(value, dict):
        if "relation" in value.get("properties", {}):
            return value["properties"]["relation"]["enum"]
        for child in value.values():
            found = _find_relation_enum(child)
            if found:
                return found
    elif isinstance(value, list):
        for child in value:
            found = _find_relation_enum(child)
            if found:
                return found
    return None


NEW_KIND = {
    "kinds/experiment.py": '''
        """The experiment kind: its record."""

        from . import Kind

        KIND = Kind("experiment", "Experiment", "A test of a bet, serving an aim.", style="fill:#fff,stroke:#000")
    ''',
    "render/experiment.py": '''
        """The experiment page."""

        from .common import header, refs_html


        def render(doc, context):
            return header(doc, "Experiment", [("Serves", refs_html(doc.get("serves"), context))])
    ''',
    "schemas/experiment.schema.json": json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
        "required": ["kind", "id", "title"], "additionalProperties": False,
        "properties": {"kind": {"const": "experiment"}, "id": {"$ref": "defs.schema.json#/$defs/id"},
                       "title": {"$ref": "defs.schema.json#/$defs/title"},
                       "status": {"$ref": "defs.schema.json#/$defs/status"},
                       "serves": {"$ref": "defs.schema.json#/$defs/references"}}}),
}


def test_a_new_kind_is_three_files(tmp_path):
    """A throwaway kind in a copy of the package: its record, its page, its schema. Nothing else changes."""
    package = tmp_path / "stratdocs"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    shutil.copytree(schemas_dir(), package / "schemas")  # as the wheel ships them
    for name, text in NEW_KIND.items():
        (package / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "sheet.md").write_text((REPO / "strategy" / "aims" / "online-claim-completion.md").read_text())
    (docs / "exp.md").write_text("---\nkind: experiment\nid: try-sms\ntitle: Try texts\n"
                                 "serves: [online-claim-completion]\n---\n")
    (docs / "bad.md").write_text("---\nkind: experiment\nid: bad-one\ntitle: Bad\nowner: nobody\n---\n")
    code = textwrap.dedent("""
        import json, sys
        from pathlib import Path
        from stratdocs.config import Config
        from stratdocs.pipeline import discover, run
        from stratdocs.render.context import RenderContext
        from stratdocs.render.page import render_page
        result = run(discover(Path(sys.argv[1])), Config())
        exp = result.index.get("try-sms")
        page = render_page(exp, [], RenderContext(today=Config().today, graph=result.graph, page_src_uri="exp.md"))
        print(json.dumps({"findings": [[f.path.rsplit("/", 1)[-1], f.code, f.message] for f in result.findings],
                          "edges": [[r.source.id, r.relation, r.target_id] for r in result.graph.edges()],
                          "page": page.structure}))
    """)
    result = subprocess.run([sys.executable, "-c", code, str(docs)], cwd=tmp_path, capture_output=True, text=True,
                            env=env(PYTHONPATH=str(tmp_path)), check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert ["bad.md", "SD006", "unknown key 'owner' in front matter (allowed: kind, id, title, status, serves)"] \
        in out["findings"]  # validated
    assert ["try-sms", "serves", "online-claim-completion"] in out["edges"]  # linked
    assert "Experiment" in out["page"] and "Claimants finish their claim online" in out["page"]  # rendered


def test_a_rule_module_is_named_by_its_code_and_public_name():
    import importlib
    import pkgutil

    import stratdocs.check.rules

    for module in pkgutil.iter_modules(stratdocs.check.rules.__path__):
        if module.name.startswith("sd"):
            rule = importlib.import_module(f"stratdocs.check.rules.{module.name}").RULE
            assert module.name == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"
