"""YAML parser errors authors actually hit, said in plain words with the fix, at the place to fix."""

from __future__ import annotations

import re

import yaml

_QUOTED_THEN_TEXT = re.compile(r"""\s*(- )?[^:#]*:\s*(["']).*?\2\s*\S""")
_KEY_VALUE_WITH_COLON = re.compile(r"\s*(- )?[^:#'\"]+:\s+[^'\"\s][^#]*:\s")


def explain(err: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """(message, line, column), 0-based in text, for a parser error."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.split("\n")
    here = lines[line] if line < len(lines) else ""
    char = here[column] if column < len(here) else ""
    opened = err.context_mark
    if "cannot start any token" in problem and char == "\t":
        return "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces", line, column
    if "cannot start any token" in problem and char:
        return ((f"a value cannot start with '{char}' in YAML: put the whole value in quotes "
                 f"(e.g. title: \"{char}...\")"), line, column)
    if "while scanning an alias" in context:
        return "a value starting with '*' is read as a YAML alias: put the whole value in quotes", line, column
    if "while scanning a quoted scalar" in context and opened is not None:
        return (("this quote is never closed: end the value with the same quote, or put a quote inside "
                 "as '' (single quotes) or \\\" (double quotes)"), opened.line, opened.column)
    if "flow sequence" in context and opened is not None:
        return (("this '[' list is never closed with ']' (or two items lack a comma between them); "
                 "if the value is text that starts with '[', put it in quotes"), opened.line, opened.column)
    if "flow mapping" in context and opened is not None:
        return (("this '{' is never closed with '}'; if the value is text that starts with '{', "
                 "put it in quotes"), opened.line, opened.column)
    if "mapping values are not allowed" in problem:
        if _KEY_VALUE_WITH_COLON.match(here):
            return (("this value contains ': ', which YAML reads as the start of another key: "
                     "put the whole value in quotes (e.g. title: \"Goal: more claims\")"), line, column)
        return (("this line is indented more than the key above it: keys of one mapping line up "
                 "in the same column"), line, _indent(here))
    if "did not find expected key" in problem and "block mapping" in context:
        if _QUOTED_THEN_TEXT.match(here):
            return "text after the closing quote: put the whole value in quotes", line, column
        if here.lstrip().startswith("- "):
            return "a list item at the wrong indent: line it up with the other items of its list", line, _indent(here)
        if re.match(r"\s*[^:]+:\s*[\[{]", here):
            return (("a value starting with '[' or '{' is read as a list or mapping: if it is text, "
                     "put the whole value in quotes"), line, column)
        return (("this line does not line up with the keys above it: keys of one mapping start in "
                 "the same column"), line, _indent(here))
    if "expected '-' indicator" in problem:
        return (("this line does not line up with the list item above it: a list item's keys start in the "
                 "same column, two spaces after its '- '"), line, _indent(here))
    if "could not find expected ':'" in problem:
        start = err.context_mark or mark
        return (("a line with no 'key: value': add the ':' after the key, or, if this text continues the "
                 "value above, indent it under its key"), start.line if start else line, 0)
    return f"YAML syntax error: {problem}{f' {context}' if context else ''}", line, column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# A token runs to the next space or quote: '#' starts a comment only after a space.
_TOP_SCALAR = re.compile(r"""^(id|kind):[ \t]*["']?([^"'\s]+)["']?[ \t]*(#.*)?$""")
_SERVES_FLOW = re.compile(r"^serves:\s*\[([^\]]*)\]")
_SERVES_SCALAR = re.compile(r"""^serves:[ \t]*["']?([^"'\s\[]+)""")
_ITEM = re.compile(r"""^\s+-\s*["']?([^"'\s]+)""")


def salvage(text: str) -> dict:
    """What front matter that does not parse still says plainly at its top level: id, kind, serves.

    Used only so that a broken file is reported once, not again at everything that refers to it.
    """
    found: dict = {"serves": []}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if match := _TOP_SCALAR.match(line):
            found.setdefault(match.group(1), match.group(2))
        elif match := _SERVES_FLOW.match(line):
            found["serves"] += [item.strip().strip("'\"") for item in match.group(1).split(",") if item.strip()]
        elif match := _SERVES_SCALAR.match(line):
            found["serves"].append(match.group(1))
        elif line.rstrip() == "serves:":
            for item in lines[i + 1:]:
                if not (match := _ITEM.match(item)):
                    break
                found["serves"].append(match.group(1))
    return found
