"""Loader edge cases: each a located finding, never a traceback."""

import pytest

from stratdocs.load.load import load_bytes

from samples import SHEET, line_of, sheet


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "doc.md", "doc.md")


def codes(doc):
    return [f.code for f in doc.findings]


def test_valid_sheet_loads_with_no_findings():
    doc = load(SHEET)
    assert doc.findings == []
    assert doc.kind == "alignment-sheet" and doc.id == "online-claim-completion"
    assert doc.body.strip() == "Body text."


def test_no_front_matter_is_an_ordinary_page():
    doc = load("# Just a page\n\nText.\n")
    assert not doc.is_strategy and doc.findings == []


def test_front_matter_without_kind_is_an_ordinary_page():
    doc = load("---\ntitle: Hello\n---\n# Hi\n")
    assert not doc.is_strategy and doc.findings == []


def test_duplicate_key_is_an_error_at_the_second_key():
    text = sheet(**{"owner: Priya Shah\n": "owner: Priya Shah\nowner: Tom Okafor\n"})
    doc = load(text)
    [finding] = doc.findings
    assert finding.code == "SD002" and finding.severity.value == "error"
    assert finding.line == line_of(text, "owner: Tom") and finding.column == 1
    assert f"first at line {line_of(text, 'owner: Priya')}" in finding.message


def test_nested_duplicate_key_column():
    text = sheet(**{"  lever: a": "  lever: x\n  lever: a"})
    [finding] = load(text).findings
    assert (finding.code, finding.line, finding.column) == ("SD002", line_of(text, "  lever: a"), 3)


def test_yes_no_stay_text_and_dates_stay_strings():
    doc = load("---\nkind: x\nanswer: no\nother: yes\non: off\nwhen: 2026-12-07\nn: 3\nf: 1.5\nt: true\ne:\n---\n")
    assert doc.data["answer"] == "no" and doc.data["other"] == "yes" and doc.data["on"] == "off"
    assert doc.data["when"] == "2026-12-07"
    assert doc.data["n"] == 3 and doc.data["f"] == 1.5 and doc.data["t"] is True and doc.data["e"] is None


def test_quoted_numbers_stay_text():
    doc = load('---\nkind: x\na: "3"\nb: \'true\'\n---\n')
    assert doc.data == {"kind": "x", "a": "3", "b": "true"}


def test_syntax_error_has_line_and_column():
    doc = load("---\nkind: alignment-sheet\ntitle: [unclosed\nowner: me\n---\n")
    [finding] = doc.findings
    assert finding.code == "SD001" and finding.line >= 3 and finding.column >= 1
    assert doc.data is None and doc.load_failed


def test_tab_indentation_is_a_syntax_error():
    doc = load("---\nkind: x\naim:\n\tstatement: x\n---\n")
    assert codes(doc) == ["SD001"]


def test_non_utf8_file_is_located_at_the_bad_byte():
    doc = load(b"---\nkind: alignment-sheet\ntitle: caf\xe9\n---\n")
    [finding] = doc.findings
    assert (finding.code, finding.line, finding.column) == ("SD003", 3, 11)
    assert "0xe9" in finding.message


def test_utf16_file_is_not_utf8():
    doc = load("---\nkind: x\n---\n".encode("utf-16"))
    assert codes(doc) == ["SD003"]


def test_bom_is_stripped_and_reported_as_info():
    doc = load(b"\xef\xbb\xbf" + SHEET.encode())
    assert codes(doc) == ["SD010"] and doc.findings[0].severity.value == "info"
    assert doc.kind == "alignment-sheet"


def test_crlf_is_read_and_lines_stay_right():
    text = sheet(**{"owner: Priya Shah\n": "owner: Priya Shah\nowner: Tom\n"})
    doc = load(text.replace("\n", "\r\n"))
    assert codes(doc) == ["SD011", "SD002"]
    assert doc.findings[1].line == line_of(text, "owner: Tom")
    assert "\r" not in doc.body


def test_unterminated_front_matter():
    doc = load("---\nkind: alignment-sheet\nid: x\n\nSome text\n")
    assert codes(doc) == ["SD004"] and doc.findings[0].line == 1


def test_horizontal_rule_page_is_not_front_matter():
    doc = load("---\n\nJust a rule above.\n")
    assert doc.findings == [] and not doc.is_strategy


def test_aliases_are_refused_and_do_not_expand():
    lines = ["---", "kind: x", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 30)]
    doc = load("\n".join(lines) + "\n---\n")  # 9**30 values if expanded
    assert set(codes(doc)) == {"SD008"}
    assert doc.data["l29"] == [None] * 9


def test_recursive_alias_does_not_hang():
    doc = load("---\nkind: x\na: &a [*a]\n---\n")
    assert codes(doc) == ["SD008"]


DEEP = {  # each nests 65 levels or far more; some trip libyaml's own limit (1,000) first
    "flow, 100,000 levels": "[" * 100_000 + "]" * 100_000,
    "flow, 1,500 levels in a short text": "[" * 1_500 + "]" * 1_500,
    "flow mappings": "{a: " * 2_000 + "}" * 2_000,
    "flow, just too deep": "[" * 65 + "]" * 65,
    "flow, unclosed": "[" * 5_000,
    "block mappings": "\n" + "".join(" " * i + "k:\n" for i in range(1, 200)),
    "block sequences": "\n" + "".join(" " * (2 * i) + "-\n" for i in range(1, 100)),
}


@pytest.mark.parametrize("value", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_our_finding_whichever_parser_limit_trips_first(value):
    doc = load(f"---\nkind: x\na: {value}\n---\n")
    [finding] = doc.findings
    assert (finding.code, finding.message) == ("SD001", "YAML nested deeper than 64 levels")
    assert finding.line >= 3 and finding.column >= 1  # where the 65th level opens
    assert doc.data is None


def test_nesting_at_the_limit_is_fine():
    doc = load(f"---\nkind: x\na: {'[' * 63}{']' * 63}\n---\n")
    assert codes(doc) == []


def test_syntax_errors_in_long_texts_keep_the_parser_message():
    doc = load("---\nkind: x\n" + "k: v\n" * 2_000 + "a: [unclosed\nb: c\n---\n")
    [finding] = doc.findings
    assert finding.code == "SD001" and "deeper" not in finding.message


def test_python_tags_are_refused():
    doc = load("---\nkind: !!python/object/apply:os.system ['echo hi']\n---\n")
    assert "SD008" in codes(doc)


def test_merge_keys_and_complex_keys_are_refused():
    doc = load("---\nkind: x\n<<: {a: 1}\n? [a, b]\n: c\n---\n")
    assert codes(doc) == ["SD008", "SD008"]


def test_front_matter_that_is_a_list():
    doc = load("---\n- kind: alignment-sheet\n---\n")
    assert codes(doc) == ["SD009"]


def test_control_characters_are_located():
    doc = load("---\nkind: x\ntitle: café\x07\n---\n".encode())
    [finding] = doc.findings
    assert (finding.code, finding.line, finding.column) == ("SD001", 3, 12)


def test_unicode_columns_count_characters():
    text = "---\nkind: x\ntitre: «été» 🎯\ntitre: b\n---\n"
    [finding] = load(text).findings
    assert (finding.line, finding.column) == (4, 1)
    doc = load("---\nkind: x\nt: {é: 1, é: 2}\n---\n")
    assert [(f.line, f.column) for f in doc.findings] == [(3, 11)]


def test_empty_front_matter():
    doc = load("---\n---\nbody\n")
    assert doc.findings == [] and not doc.is_strategy


# Real-world YAML mistakes: (front matter after "kind: metric\nid: m\n", the expected plain words,
# the 1-based line and column in the file where the fix goes).
YAML_MISTAKES = {
    "tab indent": ("aim:\n\tstatement: x\n", "a tab in the indentation", 5, 1),
    "colon in a value": ("title: Goal: more claims online\n", "put the whole value in quotes", 4, 12),
    "unclosed double quote": ('title: "More claims\nowner: me\n', "this quote is never closed", 4, 8),
    "unclosed single quote": ("title: 'More claims\nowner: me\n", "this quote is never closed", 4, 8),
    "unclosed bracket": ("tags: [a, b\nowner: me\n", "this '[' list is never closed", 4, 7),
    "unclosed brace": ("x: {a: 1\nowner: me\n", "this '{' is never closed", 4, 4),
    "list item at the wrong indent": ("tags:\n  - a\n - b\nowner: me\n", "a list item at the wrong indent", 6, 2),
    "item key out of line": ("feedback:\n  - type: proxy\n   metric: x\n", "does not line up with the list item above",
                             6, 4),
    "key indented": ("  owner: me\n", "indented more than the key above", 4, 3),
    "no colon": ("owner me\ntitle: x\n", "a line with no 'key: value'", 4, 1),
    "text after the quote": ('title: "Hello" world\n', "text after the closing quote", 4, 16),
    "value starting with @": ("title: @priya\n", "cannot start with '@'", 4, 8),
    "value starting with a backtick": ("title: `x`\n", "cannot start with '`'", 4, 8),
    "value starting with *": ("title: *bold*\n", "read as a YAML alias", 4, 13),
    "value starting with [": ("title: [draft] plan\n", "read as a list or mapping", 4, 16),
    "block text not indented": ("definition: |\ntext\n", "indent it under its key", 5, 1),
}


@pytest.mark.parametrize("front, words, line, column", YAML_MISTAKES.values(), ids=YAML_MISTAKES.keys())
def test_parser_errors_are_plain_words_with_the_fix(front, words, line, column):
    doc = load(f"---\nkind: metric\nid: m\n{front}---\n")
    [finding] = doc.findings
    assert finding.code == "SD001" and words in finding.message, finding.message
    assert (finding.line, finding.column) == (line, column)
    assert "while scanning" not in finding.message and "while parsing" not in finding.message
