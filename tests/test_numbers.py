"""Numbers that readings are compared with: a number, or {value, date, note}; text is kept and reported (SD500)."""

import datetime as dt

import pytest
from test_rules import lint

from stratdocs.evaluate.numbers import Quantity, numbers, quantity, suggested_number
from stratdocs.load.load import load_bytes

from samples import SHEET, line_of, sheet


@pytest.mark.parametrize("written,expected", [
    (34, Quantity(34.0)), (0.8, Quantity(0.8)), (True, None), ("34%", None), ([34], None),
    ({"value": 34}, Quantity(34.0)), ({"value": "34"}, None), ({"value": False}, None),
    ({"value": 70, "date": "2027-09-30", "note": "n"}, Quantity(70.0, dt.date(2027, 9, 30), "n")),
])
def test_quantity(written, expected):
    assert quantity(written) == expected


@pytest.mark.parametrize("text,number", [(">= 25%", "25"), ("1,400 calls", "1.400"), ("about 0.8", "0.8"),
                                         ("lots", None)])
def test_suggested_number(text, number):
    assert suggested_number(text) == number


def test_a_sheet_lists_its_numbers_with_their_metrics():
    doc = load_bytes(SHEET.encode(), "a.md", "a.md")
    found = [(n.path, n.role, n.metric, n.quantity.value if n.quantity else None) for n in numbers(doc)]
    assert found == [(("feedback", 0, "baseline"), "baseline", "resume-link-usage", 0.0),
                     (("feedback", 0, "target"), "target", "resume-link-usage", 25.0),
                     (("feedback", 1, "baseline"), "baseline", "online-completion-rate", 34.0),
                     (("feedback", 1, "target"), "target", "online-completion-rate", 70.0)]


def test_text_is_reported_where_it_is_with_the_number_to_write(tmp_path):
    text = sheet(**{"    target: 70\n": '    target: "70% of claims"\n'})
    [finding] = lint(tmp_path, {"a.md": text})
    assert (finding.code, finding.severity.value, finding.line) == ("SD500", "warning", line_of(text, '"70% of'))
    assert "`target: 70`" in finding.message and "{value: 70, date: YYYY-MM-DD" in finding.message


def test_a_mapping_keeps_date_and_words_and_is_clean(tmp_path):
    text = sheet(**{"    target: 70\n": '    target: {value: 70, date: 2027-03-31, note: "of claims started"}\n'})
    assert lint(tmp_path, {"a.md": text}) == []


def test_a_mapping_without_a_value_is_one_schema_finding(tmp_path):
    text = sheet(**{"    target: 70\n": "    target: {date: 2027-03-31}\n"})
    found = [(f.code, f.message) for f in lint(tmp_path, {"a.md": text})]
    assert len(found) == 1 and found[0][0] == "SD006" and "value" in found[0][1], found


def test_kata_conditions_are_read_too(tmp_path):
    from stratdocs.check.ruledocs import rule_doc
    good = rule_doc("SD300").example("Good")
    assert good is not None and "value:" in good
    doc = load_bytes(good.encode(), "k.md", "k.md")
    assert {n.path[0] for n in numbers(doc)} >= {"target_condition"}


def test_pages_show_a_mapping_as_its_number_and_date():
    from stratdocs.check.ruledocs import rule_doc
    from stratdocs.kinds import KINDS
    from stratdocs.render.context import RenderContext
    from stratdocs.render.page import view

    ogsm = rule_doc("SD500").example("Good")
    kata = rule_doc("SD300").example("Good").replace("value: ", "value: {value: 42, date: 2027-01-31, note: n} #", 1)
    for text, shown in ((ogsm, "<td>70 <span class=\"sd-date\">(2099-09-30)</span>"), (kata, "42")):
        doc = load_bytes(text.encode(), "d.md", "d.md")
        html = view(KINDS[doc.kind]).render(doc, RenderContext(dt.date(2026, 11, 23)))
        assert shown in html and "{" not in html.replace("{{", ""), html
