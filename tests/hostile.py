"""Hostile documents for every kind, generated from the schemas: every string field gets every payload.

Two shapes per kind and payload:
- "text": every free-text field holds the payload; kind, ids, references, dates and enums stay
  valid and point at the other documents of the same payload, so the document sits in the graph
  and reaches every generated page and diagram;
- "all": every string field holds it, ids and references included: an invalid document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import yaml

from stratdocs.cli.main import render_template
from stratdocs.kinds import KINDS
from stratdocs.resources import schemas_dir

MARK = "1337"  # every payload that could run script says alert(1337): easy to look for
PAYLOADS = [
    '<script>alert(1337)</script>',
    '<img src=x onerror=alert(1337)>',
    '"><svg onload=alert(1337)>',
    "'onmouseover='alert(1337)",
    'Claimants {: tabindex="1" autofocus onfocus="alert(1337)" }',
    '{: #x .y onclick="alert(1337)" }',
    'javascript:alert(1337)',
    ' JaVaScRiPt:alert(1337)',
    'data:text/html,<script>alert(1337)</script>',
    '[link](javascript:alert(1337)) ![i](http://evil.example/i.png)',
    '"]\nclick n0 href "javascript:alert(1337)"\n%%{init: {"themeCSS": "body{background:url(http://evil.example/x)}"}}%%',
    "<img src='http://evil.example/x.png'> #quot; #60;b#62; end --> x",
    '*[HTML]: Hyper Text alert(1337) [^1] :smile: --8<-- "/etc/passwd"',
    '!!! danger "alert(1337)"\n    body',
    '{{ config.site_name }} {% raw %} ${x} &amp; &lt;',
    '<a href="javascript:alert(1337)">x</a><iframe src="http://evil.example"></iframe>',
    '<style>body{background:url(http://evil.example/x)}</style>',
    '@everyone @priya #1 ```',
    'x' * 3000,
    '\u202eevil\u202c \u200b \ufeff',
]

# Which document each relation points at in the "text" shape (the rest stay as the template wrote them).
TARGETS = {"serves": "st-tree", "metric": "metric", "about": "alignment-sheet", "threatens": "alignment-sheet",
           "underpins": "alignment-sheet", "decided_by": "decision"}
TODAY = dt.date(2026, 11, 23)


def schemas() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schemas_dir().glob("*.schema.json")}


def resolve(schema: dict, file: str, all_schemas: dict) -> tuple[dict, str]:
    """Follow $ref (within a file, or to defs.schema.json) until a schema without one."""
    while "$ref" in schema:
        target, _, pointer = schema["$ref"].partition("#")
        file = target or file
        schema = all_schemas[file]
        for part in filter(None, pointer.split("/")):
            schema = schema[part]
    return schema, file


def string_fields(schema: dict, file: str, all_schemas: dict, path: tuple = ()):
    """(path, is_free_text) for every string a document of this schema can hold; list items as index 0.

    A recursive schema (S&T children) is followed two levels deep.
    """
    if len(path) > 8:
        return
    schema, file = resolve(schema, file, all_schemas)
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types} if types else set()
    if "object" in types or "properties" in schema:
        for key, sub in schema.get("properties", {}).items():
            yield from string_fields(sub, file, all_schemas, path + (key,))
    if "array" in types and isinstance(schema.get("items"), dict):
        yield from string_fields(schema["items"], file, all_schemas, path + (0,))
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        yield from string_fields(option, file, all_schemas, path)
    if "string" in types:
        free = not ({"pattern", "format", "enum", "const"} & set(schema))
        yield path, free


def template_data(kind: str, doc_id: str) -> dict:
    text = render_template(kind, doc_id, "Template title", TODAY)
    return yaml.safe_load(text.split("---\n")[1])


def put(data, path: tuple, value) -> None:
    """Set value at path, creating mappings and one-item lists on the way."""
    for step, nxt in itertools.pairwise(path):
        if isinstance(step, int):
            if not isinstance(data, list) or not data:
                return
            if not isinstance(data[0], (dict, list)):
                data[0] = [] if isinstance(nxt, int) else {}
            data = data[0]
        else:
            if not isinstance(data.get(step), (dict, list)):
                data[step] = [{}] if isinstance(nxt, int) else {}
            data = data[step]
    last = path[-1]
    if isinstance(last, int):
        if isinstance(data, list):
            data[:1] = [value]
    else:
        data[last] = value


def doc_id(kind: str, n: int) -> str:
    return f"{kind}-p{n}"


def hostile_doc(kind: str, n: int, payload: str, shape: str, all_schemas: dict) -> str:
    data = template_data(kind, doc_id(kind, n))
    for path, free in string_fields(all_schemas[KINDS[kind].schema_file], KINDS[kind].schema_file, all_schemas):
        if path == ("kind",):
            continue
        if shape == "all" or free:
            put(data, path, payload)
        elif _relation(path) in TARGETS:  # a reference: to the sibling of the same payload
            target = TARGETS[_relation(path)]
            put(data, path, doc_id(target, n) + ("#goal" if target == "st-tree" else ""))
    if shape == "text":
        data["status"] = "active"  # on the dashboard too
    body = f"\n{payload}\n" if shape == "text" else "\nBody.\n"
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body


def _relation(path: tuple) -> str | None:
    keys = [step for step in path if isinstance(step, str)]
    return keys[-1] if keys else None


def hostile_docs(payloads=PAYLOADS, shapes=("text", "all")) -> dict[str, str]:
    all_schemas = schemas()
    docs = {}
    for n, payload in enumerate(payloads):
        for shape in shapes:
            for kind in KINDS:
                docs[f"{shape}/p{n}/{kind}.md"] = hostile_doc(kind, n, payload, shape, all_schemas)
    return docs


def write_docs(root: Path, docs: dict[str, str]) -> None:
    for name, text in docs.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
