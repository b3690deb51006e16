"""Validate: each strategy doc against its kind's JSON Schema (draft 2020-12).

Two validators, one verdict. jsonschema-rs (compiled, abi3 wheel) answers "valid?" for every
document; jsonschema explains the documents it refuses, so the wording and order of findings
are jsonschema's as ever. Both assert the `date` format alone, with the same test, and read
`pattern` as ECMA-262 (`$` ends the text). Where jsonschema-rs cannot be imported (no wheel
for the platform), or cannot take a value (a lone surrogate), jsonschema alone decides.
jsonschema itself is imported only when a document needs explaining.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codes import code_finding
from ..document import Document
from ..findings import Finding
from ..kinds import KINDS
from ..resources import schemas_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_JSON_TYPES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
               float: "a number", type(None): "empty"}
ASSERTED_FORMATS = ("date",)  # every other format is an annotation, as jsonschema's default
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_BASE_URI = "file:///stratdocs/schemas/"  # where jsonschema-rs places the schema files, so relative $refs resolve


def is_date(value: object) -> bool:
    """jsonschema's `date` format check (RFC 3339 full-date, a real day), for both validators."""
    if not isinstance(value, str) or _DATE.fullmatch(value) is None:
        return not isinstance(value, str)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _annotation(value: object) -> bool:
    return True


@cache
def validator_class() -> type[Draft202012Validator]:
    """Draft 2020-12 with ECMA-262 patterns, as editors and other tools read the schemas."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    from .schema_regex import matches

    def _pattern(validator, pattern, instance, schema):
        if validator.is_type(instance, "string") and not matches(pattern, instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    return validators.extend(Draft202012Validator, {"pattern": _pattern})


def jsonschema_validator(schema: dict, **kwargs: Any) -> Draft202012Validator:
    """A jsonschema validator of the class above (registry=, format_checker= as jsonschema takes them)."""
    return validator_class()(schema, **kwargs)


def _jsonschema_rs():
    """The jsonschema_rs module, or None where its binary wheel is missing."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs


class SchemaSet:
    """All schema files of a directory, registered by file name so relative $refs resolve."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.schemas: dict[str, dict] = {}
        for path in sorted(directory.glob("*.schema.json")):
            self.schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
        self._validators: dict[str, Draft202012Validator] = {}
        self._fast: dict[str, Any] = {}  # kind -> a jsonschema_rs validator, or None
        self._rs_registry: Any = None

    @property
    def registry(self):
        """The schema files as a `referencing` Registry, for jsonschema."""
        if "_registry" not in self.__dict__:
            from referencing import Registry, Resource

            self.__dict__["_registry"] = Registry().with_resources(
                (name, Resource.from_contents(schema)) for name, schema in self.schemas.items())
        return self.__dict__["_registry"]

    def certainly_valid(self, kind: str, data) -> bool:
        """jsonschema-rs's verdict where it can give one; False means 'ask jsonschema'."""
        fast = self.fast_validator(kind)
        if fast is None:
            return False
        try:
            return bool(fast.is_valid(data))
        except Exception:  # noqa: BLE001  (a value it cannot take: a lone surrogate, say) jsonschema decides
            return False

    def fast_validator(self, kind: str):
        """The jsonschema-rs validator for KIND's schema, built once; None without jsonschema-rs or the schema."""
        if kind not in self._fast:
            self._fast[kind] = None
            file = KINDS[kind].schema_file
            rs = _jsonschema_rs()
            if rs is not None and file in self.schemas:
                if self._rs_registry is None:
                    self._rs_registry = rs.Registry(
                        [(_BASE_URI + name, schema) for name, schema in self.schemas.items()])
                self._fast[kind] = rs.Draft202012Validator(
                    self.schemas[file], registry=self._rs_registry, base_uri=_BASE_URI + file,
                    validate_formats=True, formats=self._rs_formats())
        return self._fast[kind]

    def _rs_formats(self) -> dict:
        """`date` checked as jsonschema checks it; every other format named in the schemas passes (an annotation)."""
        named = set(re.findall(r'"format":\s*"([^"]*)"', json.dumps(list(self.schemas.values()))))
        formats: dict = dict.fromkeys(named, _annotation)
        formats.update(dict.fromkeys(ASSERTED_FORMATS, is_date))
        return formats

    def validator(self, kind: str) -> Draft202012Validator | None:
        if kind not in self._validators:
            schema = self.schemas.get(KINDS[kind].schema_file)
            if schema is None:
                return None
            from jsonschema import FormatChecker

            self._validators[kind] = jsonschema_validator(
                schema, registry=self.registry, format_checker=FormatChecker(formats=ASSERTED_FORMATS))
        return self._validators[kind]


@cache
def default_schemas() -> SchemaSet:
    return SchemaSet(schemas_dir())


def validate(doc: Document, schemas: SchemaSet) -> list[Finding]:
    kind = doc.kind  # None unless it is text
    if kind not in KINDS:
        return [unknown_kind(doc, doc.data.get("kind") if doc.data else None)]
    if schemas.certainly_valid(kind, doc.data):
        return []
    validator = schemas.validator(kind)
    if validator is None:
        return [_finding(doc, "SD000", f"no schema file {KINDS[kind].schema_file} in {schemas.directory}", ())]
    findings = []
    for error in one_per_value(validator.iter_errors(doc.data)):
        findings.extend(error_findings(doc, error))
    return findings


# When several keywords fail for one value (a date breaks both its pattern and its format),
# the author has one problem: report the keyword that says most, once.
_PRIORITY = ("type", "const", "enum", "anyOf", "oneOf", "format", "pattern", "minLength", "maxLength")
_KEYS = ("required", "additionalProperties")  # these name keys, not the value: each is its own problem


def one_per_value(errors) -> list[ValidationError]:
    kept: dict[tuple, ValidationError] = {}
    others = []
    for error in errors:
        if error.validator in _KEYS:
            others.append(error)
            continue
        path = tuple(error.absolute_path)
        if path not in kept or _rank(error) < _rank(kept[path]):
            kept[path] = error
    return others + list(kept.values())


def _rank(error: ValidationError) -> int:
    return _PRIORITY.index(error.validator) if error.validator in _PRIORITY else len(_PRIORITY)


def unknown_kind(doc: Document, kind) -> Finding:
    shown = kind if isinstance(kind, str) else json.dumps(kind)
    message = f"unknown kind '{shown}'"
    close = difflib.get_close_matches(str(kind), list(KINDS), n=1)
    message += f"; did you mean '{close[0]}'?" if close else f" (known kinds: {', '.join(KINDS)})"
    return code_finding(doc.path, "SD005", message, doc.locate("kind"))


def error_findings(doc: Document, error: ValidationError) -> list[Finding]:
    path = tuple(error.absolute_path)
    where = _dotted(path)
    validator = error.validator
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}  # a bool schema has no words
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        instance = error.instance if isinstance(error.instance, dict) else {}
        extras = [k for k in instance if k not in allowed and not _pattern_allowed(schema, k)]
        return [_finding(doc, "SD006", f"unknown key '{k}' in {where or 'front matter'}{_suggest(k, allowed)}",
                         path + (k,), key=True) for k in extras]
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [_finding(doc, "SD006", f"missing required key '{missing}' in {where or 'front matter'}", path)]
    if validator in ("anyOf", "oneOf") and error.context:
        branch = _fitting_branch(error)
        if branch is not None:
            return [f for sub in one_per_value(branch) for f in error_findings(doc, sub)]
    if validator == "type":
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        message = f"{where} must be {' or '.join(expected)}, not {_JSON_TYPES.get(type(error.instance), 'this')}"
    elif validator in ("enum", "const"):
        options = schema.get("enum") or [schema.get("const")]
        message = f"{where} is {_show(error.instance)}; expected one of: {', '.join(map(str, options))}"
    elif validator == "format" and schema.get("format") == "date" and _looks_like_a_date(error.instance):
        message = f"{where} is {_show(error.instance)}, which is not a real date{_why_not_a_date(str(error.instance))}"
    elif validator in ("pattern", "format") and "title" in schema:
        message = f"{where} is {_show(error.instance)}; expected {schema['title']}"
    elif validator == "minLength" and error.instance == "":
        message = f"{where} is empty"
    else:
        message = f"{where}: {error.message}"
    return [_finding(doc, "SD006", message, path)]


def _finding(doc: Document, code: str, message: str, path: tuple, key: bool = False) -> Finding:
    return code_finding(doc.path, code, message, doc.locate_key(*path) if key else doc.locate(*path))


def _dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _fitting_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the one anyOf/oneOf branch whose type fits the value, if exactly one fits."""
    branches: dict[str | int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    fitting = [errs for errs in branches.values()
               if not any(e.validator in ("type", "const") and not e.relative_path for e in errs)]
    return fitting[0] if len(fitting) == 1 else None


def _looks_like_a_date(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None


def _why_not_a_date(text: str) -> str:
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f" (there is no month {month})"
    days = calendar.monthrange(year, month)[1] if year else 31
    if day > days:
        return f" ({calendar.month_name[month]} {year} has {days} days)"
    return ""


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    return f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"


def _pattern_allowed(schema: dict, key: str) -> bool:
    return any(re.search(p, key) for p in schema.get("patternProperties", {}))
