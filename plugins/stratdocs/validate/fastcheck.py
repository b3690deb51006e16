"""A fast pre-check for valid documents; jsonschema stays the authority.

jsonschema walks a schema anew for every document, which costs more than
parsing the YAML. Most documents are valid, so we compile each kind's schema
once into plain Python predicates for the keywords our schemas use. A predicate
answers True only when the document is certainly valid; anything it is unsure
of (unhashable unique items, say) answers False and jsonschema runs to find
and explain the errors. A subschema with a keyword not compiled here (oneOf,
not, if ...) is handed to jsonschema's own is_valid. It never reports an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..dates import parse_date
from .schema_regex import compile_pattern

Predicate = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default",
               "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword the fast path does not know: always use jsonschema."""


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "number":
        return isinstance(value, (int, float))
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    raise Unsupported(f"type {name}")


def _same(a: Any, b: Any) -> bool:
    """JSON equality (True is not 1); containers answer False and leave it to jsonschema."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    return a == b


def _valid_date(value: str) -> bool:
    return parse_date(value) is not None


class Compiler:
    def __init__(self, schemas: dict[str, dict], formats: set[str], exact: Callable[[dict, str], Predicate]) -> None:
        self.schemas = schemas  # file name -> schema
        self.formats = formats  # formats that are asserted
        self.exact = exact  # jsonschema's is_valid for a subschema of a file
        self.compiled: dict[tuple[str, str], Predicate] = {}

    def compile_file(self, name: str) -> Predicate:
        return self._ref(name, "")

    def _ref(self, file: str, pointer: str) -> Predicate:
        key = (file, pointer)
        if key not in self.compiled:
            self.compiled[key] = lambda value: self.compiled[key](value)  # noqa: PLW0108  (late-bound for recursion)
            schema = self.schemas[file]
            for part in [p for p in pointer.split("/") if p]:
                schema = schema[part.replace("~1", "/").replace("~0", "~")]
            self.compiled[key] = self.compile(schema, file)
        return self.compiled[key]

    def compile(self, schema: Any, file: str) -> Predicate:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        keywords = [k for k in schema if k not in ANNOTATIONS]
        if not all(hasattr(self, "_kw_" + k.lstrip("$")) for k in keywords):
            return self.exact(schema, file)
        checks = [getattr(self, "_kw_" + k.lstrip("$"))(schema[k], schema, file) for k in keywords]
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    def _kw_ref(self, ref: str, schema: dict, file: str) -> Predicate:
        target, _, pointer = ref.partition("#")
        target = target or file
        if target not in self.schemas:
            raise Unsupported(f"$ref {ref}")
        return self._ref(target, pointer)

    def _kw_type(self, arg, schema, file) -> Predicate:
        names = arg if isinstance(arg, list) else [arg]
        for name in names:
            _is_type(None, name)  # raises Unsupported for an unknown type name
        return lambda value: any(_is_type(value, name) for name in names)

    def _kw_enum(self, arg, schema, file) -> Predicate:
        return lambda value: any(_same(value, option) for option in arg)

    def _kw_const(self, arg, schema, file) -> Predicate:
        return lambda value: _same(value, arg)

    def _kw_properties(self, arg, schema, file) -> Predicate:
        props = {name: self.compile(sub, file) for name, sub in arg.items()}
        return lambda value: not isinstance(value, dict) or all(
            props[k](v) for k, v in value.items() if k in props)

    def _kw_patternProperties(self, arg, schema, file) -> Predicate:
        pats = [(re.compile(p), self.compile(sub, file)) for p, sub in arg.items()]
        return lambda value: not isinstance(value, dict) or all(
            check(v) for k, v in value.items() for pat, check in pats if pat.search(k))

    def _kw_additionalProperties(self, arg, schema, file) -> Predicate:
        known = set(schema.get("properties", {}))
        pats = [re.compile(p) for p in schema.get("patternProperties", {})]
        check = self.compile(arg, file)
        return lambda value: not isinstance(value, dict) or all(
            check(v) for k, v in value.items() if k not in known and not any(p.search(k) for p in pats))

    def _kw_required(self, arg, schema, file) -> Predicate:
        return lambda value: not isinstance(value, dict) or all(k in value for k in arg)

    def _kw_items(self, arg, schema, file) -> Predicate:
        check = self.compile(arg, file)
        return lambda value: not isinstance(value, list) or all(check(v) for v in value)

    def _kw_minItems(self, arg, schema, file) -> Predicate:
        return lambda value: not isinstance(value, list) or len(value) >= arg

    def _kw_maxItems(self, arg, schema, file) -> Predicate:
        return lambda value: not isinstance(value, list) or len(value) <= arg

    def _kw_uniqueItems(self, arg, schema, file) -> Predicate:
        if not arg:
            return lambda value: True

        def unique(value):
            if not isinstance(value, list):
                return True
            if not all(isinstance(v, str) for v in value):
                return False  # pessimistic for mixed or unhashable items
            return len(set(value)) == len(value)
        return unique

    def _kw_minLength(self, arg, schema, file) -> Predicate:
        return lambda value: not isinstance(value, str) or len(value) >= arg

    def _kw_maxLength(self, arg, schema, file) -> Predicate:
        return lambda value: not isinstance(value, str) or len(value) <= arg

    def _kw_pattern(self, arg, schema, file) -> Predicate:
        pattern = compile_pattern(arg)
        return lambda value: not isinstance(value, str) or pattern.search(value) is not None

    def _kw_format(self, arg, schema, file) -> Predicate:
        if arg not in self.formats:
            return lambda value: True  # an annotation unless asserted
        if arg != "date":
            raise Unsupported(f"format {arg}")
        return lambda value: not isinstance(value, str) or _valid_date(value)

    def _number(self, compare) -> Predicate:
        return lambda value: isinstance(value, bool) or not isinstance(value, (int, float)) or compare(value)

    def _kw_minimum(self, arg, schema, file):
        return self._number(lambda v: v >= arg)

    def _kw_maximum(self, arg, schema, file):
        return self._number(lambda v: v <= arg)

    def _kw_exclusiveMinimum(self, arg, schema, file):
        return self._number(lambda v: v > arg)

    def _kw_exclusiveMaximum(self, arg, schema, file):
        return self._number(lambda v: v < arg)

    def _kw_minProperties(self, arg, schema, file):
        return lambda value: not isinstance(value, dict) or len(value) >= arg

    def _kw_maxProperties(self, arg, schema, file):
        return lambda value: not isinstance(value, dict) or len(value) <= arg

    def _kw_allOf(self, arg, schema, file):
        checks = [self.compile(sub, file) for sub in arg]
        return lambda value: all(c(value) for c in checks)

    def _kw_anyOf(self, arg, schema, file):
        checks = [self.compile(sub, file) for sub in arg]
        return lambda value: any(c(value) for c in checks)

    # oneOf, not, if/then/else would need "certainly invalid" answers too: they are
    # left out, so a schema using them is always checked by jsonschema alone.


def compile_kind(schemas: dict[str, dict], file: str, formats: set[str],
                 exact: Callable[[dict, str], Predicate]) -> Predicate | None:
    """A predicate for the schema in `file`, or None when the fast path cannot serve it."""
    try:
        return Compiler(schemas, formats, exact).compile_file(file)
    except Unsupported:
        return None
