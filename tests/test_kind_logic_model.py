"""The logic-model kind: rules SD280-SD282, the five-column page, hostile input."""

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from kindtools import (
    HOSTILE,
    WRONG_VALUES,
    assert_inert_html,
    assert_no_crash_and_findings,
    codes,
    doc_text,
    front,
    good,
    lint_beside_examples,
    render,
)

GOOD = good("SD280")
DATA = front(GOOD)
STAGES = ("resources", "activities", "outputs", "outcomes", "impact")


def with_item(stage, index, **changes):
    data = {k: (list(v) if isinstance(v, list) else v) for k, v in DATA.items()}
    data[stage][index] = dict(data[stage][index], **changes)
    return data


def test_good_doc_is_clean(tmp_path):
    assert lint_beside_examples(tmp_path, GOOD) == []


@pytest.mark.parametrize("stage,noun", [("outputs", "output"), ("outcomes", "outcome")])
def test_outputs_and_outcomes_must_lead_somewhere(tmp_path, stage, noun):
    data = with_item(stage, 0, leads_to=[])
    [finding] = lint_beside_examples(tmp_path, doc_text(data))
    assert finding.code == "SD280" and finding.message.startswith(noun)


def test_resources_and_activities_may_stand_alone(tmp_path):
    data = with_item("resources", 0)
    del data["resources"][0]["leads_to"]
    assert lint_beside_examples(tmp_path, doc_text(data)) == []


@pytest.mark.parametrize("stage,target", [
    ("resources", "resume-link"),  # skips a stage
    ("activities", "nowhere"),  # unknown id
    ("outputs", "delivery-team"),  # points backwards
    ("outcomes", "finish-online"),  # to its own stage
])
def test_links_point_to_the_next_stage(tmp_path, stage, target):
    text = doc_text(with_item(stage, 0, leads_to=[target]))
    found = lint_beside_examples(tmp_path, text)
    assert "SD281" in codes(found)
    bad = next(f for f in found if f.code == "SD281")
    assert target in bad.message
    lines = text.split("\n")
    start = lines.index(f"{stage}:")
    assert bad.line == next(i for i, line in enumerate(lines, 1) if i > start and line.strip() == f"- {target}")


def test_impact_leads_nowhere(tmp_path):
    assert codes(lint_beside_examples(
        tmp_path, doc_text(with_item("impact", 0, leads_to=["finish-online"])))) == ["SD281"]


def test_duplicate_item_ids_across_stages(tmp_path):
    data = with_item("impact", 0)
    data["impact"].append({"id": "build-resume", "text": "dup"})
    [finding] = lint_beside_examples(tmp_path, doc_text(data))
    assert finding.code == "SD282" and "activities" in finding.message


def test_big_model(tmp_path):
    n = 500
    data = dict(DATA)
    data["outputs"] = [{"id": f"o{i}", "text": "x", "leads_to": ["finish-online"]} for i in range(n)]
    data["activities"] = [{"id": "build-resume", "text": "x", "leads_to": [f"o{i}" for i in range(n)]}]
    text = doc_text(data)
    assert lint_beside_examples(tmp_path, text) == []
    assert render(text).count('class="sd-lm-item"') == n + 4


@pytest.mark.parametrize("path", [(s,) for s in STAGES] + [("outputs", 0), ("outputs", 0, "leads_to"),
                                                            ("outcomes", 0, "leads_to", 0), ("impact", 0, "id"),
                                                            ("impact", 0, "stakeholders"), ("serves",)])
@pytest.mark.parametrize("value", WRONG_VALUES, ids=range(len(WRONG_VALUES)))
def test_wrong_types_give_findings_not_crashes(tmp_path, path, value):
    found = assert_no_crash_and_findings(tmp_path, DATA, path, value)
    valid = (path[-1] == "stakeholders" and isinstance(value, str) and value and len(value) <= 20000) or \
            (value == [] and path in (("resources",), ("activities",), ("impact",), ("serves",)))
    if not valid:
        assert found, f"{path}={repr(value)[:80]} gave no finding"


def test_five_columns_and_hostile_text(tmp_path):
    hostile = with_item("outputs", 0, text=HOSTILE)
    hostile = dict(hostile, title=HOSTILE, owner=HOSTILE)
    hostile["impact"] = [dict(hostile["impact"][0], text=HOSTILE, stakeholders=HOSTILE)]
    files = {"good.md": GOOD, "hostile.md": doc_text(hostile), "index.md": "# Home\n"}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "good" / "index.html").read_text(), "html.parser")
    heads = [th.get_text() for th in soup.select(".sd-logic-model thead th")]
    assert heads == ["Resources", "Activities", "Outputs", "Outcomes", "Impact"]
    columns = soup.select(".sd-logic-model tbody td")
    assert len(columns) == 5
    assert columns[2].select_one(".sd-lm-item")["id"] == "lm-resume-link"
    assert columns[2].select_one(".sd-lm-leads-to a")["href"] == "#lm-finish-online"
    assert soup.find(id="lm-finish-online") is not None
    assert "Carers" in columns[4].select_one(".sd-lm-stakeholders").get_text()
    assert_inert_html((tmp_path / "site" / "hostile" / "index.html").read_text(), hostile_texts=4)
