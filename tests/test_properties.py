"""Property-based: whatever the front matter holds, lint, render, export and a real build never raise.

Documents are drawn with Hypothesis from the schemas' own keys and a small pool of ids (so some
references resolve and pages link), with values of every type at any depth. Derandomized: the
same examples on every run and every machine.
"""

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stratdocs.cli.export import export_text
from stratdocs.config import Config
from stratdocs.kinds import KINDS
from stratdocs.pipeline import Source, run
from stratdocs.render.context import RenderContext
from stratdocs.render.generated import GENERATED_PAGES, render_generated
from stratdocs.render.page import render_page
from stratdocs.resources import schemas_dir

from conftest import build_site
from hostile import template_data

IDS = ["a", "b", "c", "d-e"]
REFERENCES = IDS + ["a#goal", "b#stage-gate", "c#x", "nowhere"]


def schema_keys() -> list[str]:
    keys: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(k for k in value.get("properties", {}) if isinstance(value.get("properties"), dict))
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for path in schemas_dir().glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(keys - {"kind"})


KEYS = schema_keys()
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(REFERENCES + ["2026-12-07", "20261207", "continue", "no-go", "high", "active"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5)),
    max_leaves=25)
ABSENT = object()
KIND = st.sampled_from(sorted(KINDS)) | st.sampled_from(["", "x y", "metric\n", ABSENT]) | st.none() | st.integers()


def document(rest: dict, kind, doc_id) -> dict:
    head = {"kind": kind, "id": doc_id}
    return {k: v for k, v in {**head, **rest}.items() if v is not ABSENT}


DOCUMENT = st.builds(document, st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8), KIND,
                     st.sampled_from(IDS) | VALUES)


def paths(value, path=()):
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from paths(child, path + (key,))


def replaced(data, path: tuple, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(copy[path[0]], path[1:], value)
    return copy


@st.composite
def mutated_template(draw):
    """A template of a real kind (the structure a team starts from) with one to three parts replaced."""
    kind = draw(st.sampled_from(sorted(KINDS)))
    data = template_data(kind, draw(st.sampled_from(IDS)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(data))[1:]))
        data = replaced(data, path, draw(VALUES))
    return data


CORPUS = st.lists(DOCUMENT | mutated_template(), min_size=1, max_size=6)
SETTINGS = {"derandomize": True, "database": None, "deadline": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                      HealthCheck.data_too_large]}


def as_files(corpus: list[dict]) -> dict[str, str]:
    return {f"doc{i}.md": "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\nBody.\n"
            for i, data in enumerate(corpus)}


@settings(max_examples=300, **SETTINGS)
@given(CORPUS)
def test_lint_render_and_export_never_raise(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("prop")
    sources = []
    for name, text in as_files(corpus).items():
        (root / name).write_text(text, encoding="utf-8")
        sources.append(Source(root / name, name))
    config = Config()
    result = run(sources, config)
    assert not [f for f in result.findings if f.code == "SD000"], result.findings
    for doc in result.docs:
        render_page(doc, result.by_doc.get(doc.src_uri, []),
                    RenderContext(today=config.today, graph=result.graph, page_src_uri=doc.src_uri))
    for uri in GENERATED_PAGES:
        render_generated(uri, result.graph, config.today)
    for fmt in ("json", "mermaid", "dot"):
        export_text(result, fmt, config.today)


@settings(max_examples=8, **SETTINGS)
@given(CORPUS)
def test_a_site_of_any_documents_builds(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("propsite")
    result = build_site(root, as_files(corpus))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "Error reading page" not in result.stderr
