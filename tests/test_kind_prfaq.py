"""The prfaq kind: rules SD200-SD203, the page, hostile input."""

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

GOOD = good("SD200").replace("\n### ", "\n## ")
DATA = front(GOOD)
BODY = GOOD.split("---\n", 2)[2]


def line_of(text, needle):
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(needle))


def test_good_doc_is_clean(tmp_path):
    assert lint_beside_examples(tmp_path, GOOD) == []


def test_missing_section_is_reported_where_it_belongs(tmp_path):
    text = GOOD.replace("## Quote\n", "## Testimonial\n")
    [finding] = lint_beside_examples(tmp_path, text)
    assert finding.code == "SD200" and "Quote" in finding.message
    assert finding.line == line_of(text, "## Call to action")  # where the quote belongs


def test_missing_last_section_is_reported_at_the_end_of_the_body(tmp_path):
    text = GOOD[:GOOD.index("## Internal FAQ")]
    [finding] = lint_beside_examples(tmp_path, text)
    assert finding.code == "SD201" and "Internal FAQ" in finding.message
    assert finding.line == len(text.rstrip("\n").split("\n"))


def test_body_lines_count_comments_and_blank_lines_in_front_matter(tmp_path):
    text = GOOD.replace("kind: prfaq\n", "# a comment\n\nkind: prfaq\n# another\n").replace(
        "## Problem\n", "## Trouble\n")
    [finding] = lint_beside_examples(tmp_path, text)
    assert finding.code == "SD200" and finding.line == line_of(text, "## Solution")


def test_empty_body_reports_every_section(tmp_path):
    text = doc_text(DATA)
    found = codes(lint_beside_examples(tmp_path, text))
    assert found.count("SD200") == 4 and found.count("SD201") == 2


@pytest.mark.parametrize("heading", ["### Problem", "# problem:", "## The *Problem*", "Problem\n-------"])
def test_heading_variants_are_accepted(tmp_path, heading):
    assert lint_beside_examples(tmp_path, GOOD.replace("## Problem", heading)) == []


def test_heading_inside_code_block_does_not_count(tmp_path):
    text = GOOD.replace("## Problem\n", "```\n## Problem\n```\n")
    assert "SD200" in codes(lint_beside_examples(tmp_path, text))


def test_customer_and_serves(tmp_path):
    no_customer = doc_text({k: v for k, v in DATA.items() if k != "customer"}, BODY)
    assert codes(lint_beside_examples(tmp_path, no_customer)) == ["SD202"]
    blank = doc_text(dict(DATA, customer="  "), BODY)
    assert codes(lint_beside_examples(tmp_path, blank)) == ["SD202"]
    no_serves = doc_text(dict(DATA, serves=[]), BODY)
    found = lint_beside_examples(tmp_path, no_serves)
    assert codes(found) == ["SD203"] and found[0].severity.value == "warning"
    draft = doc_text(dict({k: v for k, v in DATA.items() if k != "serves"}, status="draft"), BODY)
    assert lint_beside_examples(tmp_path, draft) == []


@pytest.mark.parametrize("key", ["customer", "serves", "subheading", "date", "title", "status", "owner", "tags"])
@pytest.mark.parametrize("value", WRONG_VALUES, ids=range(len(WRONG_VALUES)))
def test_wrong_types_give_findings_not_crashes(tmp_path, key, value):
    found = assert_no_crash_and_findings(tmp_path, DATA, (key,), value, BODY)
    limits = {"customer": 20000, "subheading": 20000, "title": 300, "owner": 200}
    valid_text = isinstance(value, str) and value and len(value) <= limits.get(key, -1)
    valid_text = valid_text or (key == "tags" and value == [])
    if not valid_text:
        assert found, f"{key}={repr(value)[:80]} gave no finding"


def test_page_structure_and_hostile_text(tmp_path):
    hostile = dict(DATA, title=HOSTILE, customer=HOSTILE, subheading=HOSTILE, owner=HOSTILE)
    files = {"good.md": GOOD, "hostile.md": doc_text(hostile, BODY), "index.md": "# Home\n"}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "good" / "index.html").read_text(), "html.parser")
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert headings == ["Press release", "Problem", "Solution", "Quote", "Call to action", "External FAQ",
                        "Internal FAQ"]
    assert "first-time claimant" in soup.select_one(".sd-prfaq-customer").get_text()
    assert "online-claim-completion" in soup.select_one(".sd-prfaq-serves").get_text()
    html = (tmp_path / "site" / "hostile" / "index.html").read_text()
    hostile_soup = assert_inert_html(html, hostile_texts=3)
    assert HOSTILE in hostile_soup.select_one(".sd-prfaq-customer").get_text()


def test_render_survives_no_body_and_no_front_matter_values():
    html = render(doc_text({"kind": "prfaq", "id": "x", "title": "t", "serves": "not-a-list", "customer": 5}))
    assert "sd-prfaq" in html


# How "## Quote" may be written; each is a heading on the page or not, and the rule must agree.
QUOTE_VARIANTS = {
    "no-space": "#Quote\n", "closed": "## Quote ##\n", "setext": "Quote\n-----\n", "emphasis": "## *Quote*\n",
    "indented-3": "   ## Quote\n", "indented-4": "    ## Quote\n", "in-fence": "```\n## Quote\n```\n",
    "in-html": "<div>\n## Quote\n</div>\n", "quoted": "> ## Quote\n", "escaped": "\\## Quote\n",
}


def test_the_rules_see_the_headings_the_reader_sees(tmp_path):
    files = {f"{name}.md": GOOD.replace("id: ", f"id: v-{name}-x\nx-was: ", 1).replace("## Quote\n", variant)
             for name, variant in QUOTE_VARIANTS.items()}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    for name in QUOTE_VARIANTS:
        soup = BeautifulSoup((tmp_path / "site" / name / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        shown = any(h.get_text(strip=True).strip("*¶ ").lower() == "quote"
                    for h in article.find_all(["h1", "h2", "h3"]))
        reported = f"strategy/{name}.md" in result.stderr and "no '## Quote' section" in "\n".join(
            line for line in result.stderr.splitlines() if f"strategy/{name}.md" in line)
        assert shown is not reported, f"{name}: heading shown={shown}, SD200 reported={reported}"
