"""Real mkdocs builds, checked by parsing the HTML."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_site, copy_strategy, env, run_cli
from samples import SHEET, sheet, with_metrics

HOSTILE = '<script>alert("x")</script>'


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The repository's own example site, built as `make site` does (strict)."""
    root = tmp_path_factory.mktemp("example")
    copy_strategy(root / "strategy")
    # The example's history, as `make site` makes it before building (mkdocs.yml's alignment.history).
    replay = REPO / "history" / "replay_story.py"
    subprocess.run([sys.executable, str(replay), str(root / ".cache" / "example-history")], check=True,
                   capture_output=True)
    result = build_site(root, {}, strict=True, mkdocs_yml=(REPO / "mkdocs.yml").read_text())
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_sheet_fields_are_rendered(example_site):
    soup = page(example_site, "aims/online-claim-completion")
    text = soup.get_text(" ", strip=True)
    assert soup.find("h1").get_text(strip=True) == "Claimants finish their claim online"
    assert "More first-time claimants complete their claim online" in soup.select_one(".sd-statement").get_text()
    mechanism = soup.select_one(".sd-mechanism").get_text(" ", strip=True)
    assert (mechanism.startswith("We believe a save-and-resume link")
            and " will move " in mechanism and " because " in mechanism)
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select(".sd-signals tbody tr")]
    assert rows[0][:4] == ["proxy", "Resume link usage", "0% of started claims", "25% of started claims"]
    assert rows[0][4:6] == ["18.9% of started claims 2026-11-23", "▲ +2.6 better"]  # from readings/
    assert soup.select_one(".sd-signals tbody a.sd-ref")["title"] == "resume-link-usage"
    assert len(rows) == 3
    assert "We will continue if" in text and "2027-01-18" in text and "days left" in text
    assert "claim form availability" in soup.select_one(".sd-guardrail").get_text()
    assert "Priya Shah" in soup.select_one(".sd-header").get_text()
    assert "weekly 15-minute review on Tuesday" in text
    assert soup.find(id="context") is not None  # the body as written, after the structure
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc[:6] == ["Health", "Aim", "Mechanism", "Feedback", "Stage gate", "Guardrail"]


def test_site_loads_nothing_from_outside(example_site):
    for html in example_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr) or ""
                assert not re.match(r"^(https?:)?//", url), f"{html}: external {tag} {url}"
        for style in soup.find_all("style"):
            assert "@import" not in style.text and "//fonts." not in style.text
    for css in example_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def test_rules_reference_pages(example_site):
    soup = page(example_site, "reference/rules/SD106")
    assert soup.find("h1").get_text(strip=True).startswith("SD106 guardrail")
    assert "Bad" in soup.get_text() and "Good" in soup.get_text()


def test_hostile_text_is_escaped_everywhere(tmp_path):
    text = sheet(**{
        "title: Claimants finish their claim online": f"title: '{HOSTILE}'",
        "statement: More first-time claimants complete their claim online without calling the helpline":
            f"statement: '{HOSTILE} <img src=x onerror=alert(1)>'",
        "owner: Priya Shah": 'owner: "\\" onmouseover=\\"alert(1)"',
        "  lever: a save-and-resume link emailed when a claimant leaves the form":
            "  lever: '[click](javascript:alert(1)) **bold** a save'",
        "    metric: resume-link-usage": "    metric: resume-link-usage\n    unit: '</td><script>x</script>'",
        "  sli: claim form availability": "  sli: '{{ config.site_name }} <b>x</b>'",
    })
    result = build_site(tmp_path, with_metrics({"a.md": text}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert not article.find_all("script") and not article.find_all("img") and not article.find_all("b")
    assert article.find("a", href=re.compile("javascript", re.IGNORECASE)) is None
    assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    assert HOSTILE in soup.select_one(".sd-statement").get_text()
    assert soup.find("h1").get_text() == HOSTILE
    assert HOSTILE in soup.find("title").get_text()
    assert "[click](javascript:alert(1)) **bold** a save" in soup.select_one(".sd-mechanism").get_text()


def test_findings_fail_a_strict_build_and_match_the_cli(tmp_path):
    files = {
        "a.md": sheet(**{'guardrail:\n  sli: claim form availability\n  slo: ">= 99.5% over 28 days"\n': ""}),
        "b.md": sheet(**{"id: online-claim-completion": "id: second\nserves: [online-claim-completion]",
                         "decision_date: 2026-12-07": "decision_date: 2026-01-02"}),
        "c.md": b"---\nkind: alignment-sheet\ntitle: caf\xe9\n---\nbody\n",
        "d.md": "---\nkind: alignment-sheet\nid: [unclosed\n---\n",
        "index.md": "# Home\n",
    }
    files = with_metrics(files)
    strict = build_site(tmp_path, files, strict=True)
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    relaxed = build_site(tmp_path, files)
    assert relaxed.returncode == 0, relaxed.stderr
    logged = sorted(set(re.findall(r"(strategy/\S+:\d+:\d+: (?:error|warning) SD\d+ .*)", relaxed.stderr)))
    cli = run_cli("lint", "strategy", cwd=tmp_path)
    assert cli.returncode == 1
    assert logged == sorted(line for line in cli.stdout.splitlines() if " info " not in line)
    # b.md's gate has passed with no readings: overdue (SD105) and judged on nothing (SD602)
    assert {line.split()[2] for line in logged} == {"SD106", "SD105", "SD602", "SD003", "SD001"}
    broken = page(tmp_path / "site", "a")
    assert "SD106" in broken.select_one(".sd-findings").get_text()
    assert (tmp_path / "site" / "c" / "index.html").exists()


def test_ordinary_pages_are_left_alone(tmp_path):
    files = with_metrics({"index.md": "---\ntitle: Welcome\n---\n# Welcome\n\nPlain *page*.\n", "a.md": SHEET})
    result = build_site(tmp_path, files, strict=True)
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site", "")
    assert soup.find("em").get_text() == "page" and not soup.select(".sd-header")


def test_make_site_command_builds_the_example(tmp_path):
    """`mkdocs build --strict` from the repo root, as `make site` runs it."""
    import subprocess

    from conftest import BIN

    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=REPO, env=env(), capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "aims" / "same-day-evidence" / "index.html").exists()


@pytest.mark.parametrize("clock", ["2027-01-19", "2030-06-01", "2099-12-31"])
def test_example_builds_clean_on_any_day_and_says_its_date(tmp_path, clock):
    """The example is as of its mkdocs.yml's as_of: gates past on the clock's day change nothing."""
    copy_strategy(tmp_path / "strategy")
    result = build_site(tmp_path, {}, strict=True, mkdocs_yml=(REPO / "mkdocs.yml").read_text(), STRATDOCS_TODAY=clock)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert ("56 days left, as of 2026-11-23"
            in page(site, "aims/online-claim-completion").select_one(".sd-gate-date").text)
    assert page(site, "dashboard").select_one(".sd-as-of").get_text() == "2026-11-23"
    assert "computed as of 2026-11-23" in " ".join(page(site, "").get_text(" ").split())
    lint = run_cli("lint", "--strict", cwd=REPO, STRATDOCS_TODAY=clock)
    assert lint.returncode == 0, lint.stdout


def test_every_reference_is_a_working_link(example_site):
    """Each resolved reference in the example's front matter is a link on its page, to a page and anchor that exist."""
    from urllib.parse import urldefrag, urljoin

    from stratdocs.cli.project import Project
    from stratdocs.pipeline import discover, run

    result = run(discover(REPO / "strategy"), Project(REPO).config())
    checked = 0
    for ref in result.graph.edges():
        uri = ref.source.src_uri.removesuffix(".md")
        soup = page(example_site, uri)
        links = [a for a in soup.select("article a.sd-ref") if a.get("title") == ref.text]
        assert links, f"{uri}: no link for {ref.relation} {ref.text}"
        for link in links:
            target, anchor = urldefrag(urljoin(f"http://site/{uri}/", link["href"]))
            path = example_site / target.removeprefix("http://site/") / "index.html"
            assert path.is_file(), f"{uri}: {link['href']} leads nowhere"
            if anchor:
                assert BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(id=anchor), link["href"]
        checked += 1
    assert checked >= 20


def test_the_example_shows_a_gate_verdict_a_breach_and_a_thermocline(example_site):
    """Issue 11's example: a verdict from readings, a breached guardrail, declared on-track but computed at-risk."""
    evidence = page(example_site, "aims/same-day-evidence").select_one(".sd-health-panel").get_text(" ", strip=True)
    assert "continue" in evidence and "2026-11-16" in evidence
    assert "breached since 2026-11-23" in evidence and "Upload success rate 94.2% of uploads" in evidence
    gate = page(example_site, "aims/same-day-evidence").select_one(".sd-gate-date")
    assert "decided on 2026-11-23: change" in gate.get_text() and "sd-overdue" not in gate["class"]

    online = page(example_site, "aims/online-claim-completion").select_one(".sd-health-panel")
    assert online.select_one(".sd-thermocline") is not None
    reasons = online.get_text(" ", strip=True)
    assert "off course for the stage gate due 2027-01-18" in reasons and "no-go from security" in reasons
    assert "slos/claim-form-availability.yaml" in reasons and "holds" in reasons

    dashboard = page(example_site, "dashboard")
    rows = [tr.get_text(" ", strip=True) for tr in dashboard.select(".sd-attention-table tbody tr")]
    assert rows[0].startswith("Claimants finish their claim online") and "on track" in rows[0]
    assert "at risk" in rows[0] and "declared more optimistic" in rows[0]
    active = [tr.get_text(" ", strip=True) for tr in dashboard.select("table")[-1].select("tbody tr")]
    assert any("2026-11-16 decided 2026-11-23" in row for row in active)


def test_the_alignment_page_shows_five_dimensions_with_their_evidence(example_site):
    """Done when: alignment/ shows all five dimensions with their evidence rows, from the example's history."""
    soup = page(example_site, "alignment")
    assert soup.find("h1").get_text(strip=True).rstrip("¶") == "Alignment Index"
    text = soup.get_text(" ", strip=True)
    assert "34 commits from 2026-08-03 to 2026-11-23" in text
    for key, figure in (("course-correction", "median 7 days"), ("information-flow", "median 13 days"),
                        ("surprise", "1 of 1 fall"), ("pivots", "2 pivots (2 change, 0 stop)"),
                        ("safety", "5.3 points out of 7")):
        heading = soup.find(id=key)
        assert heading is not None, key
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling)
        words = " ".join(s.get_text(" ", strip=True) for s in section)
        assert figure in words, (key, words[:300])
        rows = [tr for s in section for tr in s.select("table.sd-alignment-rows tbody tr")] or \
            [tr for s in section for tr in s.select("table tbody tr")]
        assert rows, key
        assert any(s.select("svg") for s in section), f"{key}: no chart"
    links = {a["href"] for a in soup.select("table a[href]")}
    assert "../aims/online-claim-completion/" in links
