"""The strategy graph: references checked, loops named, pages generated, export stable."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from stratdocs.render.mermaid import Flowchart, label

import conftest
from conftest import REPO, build_site, env, run_cli, write
from samples import SHEET, line_of, metric, sheet, with_metrics


def copy_strategy(root):
    conftest.copy_strategy(root / "strategy")
    return root


def test_wrong_serves_reference_is_an_error_at_its_line_with_a_suggestion(tmp_path):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "aims" / "online-claim-completion.md"
    text = path.read_text().replace("claims-online-tree#finish-online", "claims-online-tre#finish-online")
    path.write_text(text)
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert result.returncode == 1
    [line] = [out for out in result.stdout.splitlines() if " SD401 " in out]
    assert line.startswith(f"strategy/aims/online-claim-completion.md:{line_of(text, 'serves:')}:")
    assert "did you mean 'claims-online-tree'?" in line


def test_unknown_node_suggests_the_closest_node(tmp_path):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "aims" / "online-claim-completion.md"
    path.write_text(path.read_text().replace("#finish-online", "#finish-onlin"))
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert "has no node 'finish-onlin'; did you mean 'finish-online'?" in result.stdout


def test_wrong_target_kind(tmp_path):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "risks" / "save-and-resume-premortem.md"
    path.write_text(path.read_text().replace("threatens: online-claim-completion", "threatens: resume-link-usage"))
    result = run_cli("lint", "strategy", cwd=tmp_path)
    assert (" SD402 threatens: 'resume-link-usage' is a metric; "
            "threatens must point at an alignment sheet") in result.stdout


def test_supersedes_loop_is_named_once(tmp_path):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "decisions" / "2026-11-02-continue-save-and-resume.md"
    path.write_text(path.read_text().replace("about: online-claim-completion",
                                             "about: online-claim-completion\nsupersedes: change-resume-email"))
    result = run_cli("lint", "strategy", cwd=tmp_path)
    loops = [line for line in result.stdout.splitlines() if " SD403 " in line]
    assert len(loops) == 1
    assert "supersedes loop: change-resume-email -> continue-save-and-resume -> change-resume-email" in loops[0]


def test_gate_overdue_unless_a_decision_is_about_it(tmp_path):
    overdue = sheet(**{"decision_date: 2026-12-07": "decision_date: 2026-11-10"})
    decision = ("---\nkind: decision\nid: keep-going\ntitle: Keep going\nstatus: active\nowner: Priya Shah\n"
                "date: 2026-11-12\ndecision: continue\nabout: online-claim-completion#stage-gate\n"
                "rationale: on track\ndeciders: [Priya Shah]\n---\n")
    write(tmp_path / "a", with_metrics({"sheet.md": overdue}))
    assert " SD105 " in run_cli("lint", ".", cwd=tmp_path / "a").stdout
    write(tmp_path / "b", with_metrics({"sheet.md": overdue, "decision.md": decision}))
    assert " SD105 " not in run_cli("lint", ".", cwd=tmp_path / "b").stdout
    stale = decision.replace("date: 2026-11-12", "date: 2026-10-01")  # before the gate's window
    write(tmp_path / "c", with_metrics({"sheet.md": overdue, "decision.md": stale}))
    assert " SD105 " in run_cli("lint", ".", cwd=tmp_path / "c").stdout


def test_linting_one_file_of_a_project_resolves_its_references(tmp_path):
    copy_strategy(tmp_path)
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n"})
    result = run_cli("lint", "--strict", "strategy/aims/online-claim-completion.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    broken = tmp_path / "strategy" / "decisions" / "2026-11-02-continue-save-and-resume.md"
    broken.write_text(broken.read_text().replace("about: online-claim-completion", "about: nowhere"))
    only_sheet = run_cli("lint", "strategy/aims/online-claim-completion.md", cwd=tmp_path)
    assert only_sheet.returncode == 0 and only_sheet.stdout == ""
    folder = run_cli("lint", "strategy/decisions", cwd=tmp_path)
    assert folder.returncode == 1 and "about: no document has id 'nowhere'" in folder.stdout


def test_export_json_validates_and_is_stable(tmp_path):
    copy_strategy(tmp_path)
    write(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: strategy\n"})
    first = run_cli("export", cwd=tmp_path, PYTHONHASHSEED="1")
    second = run_cli("export", cwd=tmp_path, PYTHONHASHSEED="2")
    assert first.returncode == 0 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    schema = json.loads((REPO / "schemas" / "export.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    ids = {d["id"] for d in data["documents"]}
    assert {"online-claim-completion", "claims-online-tree", "resume-link-usage"} <= ids
    edge = next(e for e in data["edges"] if e["source"] == "online-claim-completion" and e["relation"] == "serves")
    assert (edge["target"], edge["target_node"], edge["resolved"]) == ("claims-online-tree", "finish-online", True)
    assert any(n["document"] == "claims-online-tree" and n["id"] == "decision-date" for n in data["nodes"])


@pytest.mark.parametrize("fmt,start", [("mermaid", "flowchart LR\n"), ("dot", "digraph strategy {\n")])
def test_export_map_formats_are_stable(tmp_path, fmt, start):
    copy_strategy(tmp_path)
    outputs = {run_cli("export", "--format", fmt, "strategy", cwd=tmp_path, PYTHONHASHSEED=seed).stdout
               for seed in ("0", "7", "random")}
    [text] = outputs
    assert text.startswith(start) and "Claimants finish their claim online" in text


def test_export_never_overwrites(tmp_path):
    copy_strategy(tmp_path)
    (tmp_path / "graph.json").write_text("keep me")
    result = run_cli("export", "-o", "graph.json", "strategy", cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "graph.json").read_text() == "keep me"


def test_mermaid_labels_are_entities_and_ids_are_our_own():
    chart = Flowchart()
    chart.node("End", 'x"]; click n0 call alert(1) %%', "a/b/", "k")
    chart.node("end", "<b>#1</b>\nline")
    chart.edge("End", "end", "serves")
    script = chart.script()
    assert 'n0["x#34;#93;#59; click n0 call alert(1) #37;#37;"]' in script
    assert 'n1["#60;b#62;#35;1#60;/b#62; line"]' in script
    assert 'click n0 href "a/b/" _self' in script and "end[" not in script
    assert label("`md`") == '"#96;md#96;"'


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    root = copy_strategy(tmp_path_factory.mktemp("graph-site"))
    result = build_site(root, {}, strict=True, mkdocs_yml=(REPO / "mkdocs.yml").read_text())
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(site, uri):
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_generated_pages_exist_in_the_nav(example_site):
    home = soup(example_site, "")
    nav = {a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")}
    for uri, title in [("map", "Strategy map"), ("decisions", "Decision log"), ("risks", "Risks"),
                       ("metrics", "Metric catalog"), ("dashboard", "Dashboard")]:
        assert soup(example_site, uri).find("h1").get_text(strip=True).rstrip("¶") == title
    assert {"Dashboard", "Map"} <= nav


def test_decision_log_is_newest_first_with_supersede_chain(example_site):
    page = soup(example_site, "decisions")
    timelines = page.select(".sd-timeline")  # one per sheet the decisions are about
    assert len(timelines) == 2
    for timeline in timelines:
        dates = [d.get_text() for d in timeline.select(".sd-date")]
        assert dates == sorted(dates, reverse=True)
    text = next(t for t in timelines if len(t.select(".sd-date")) >= 2).get_text(" ", strip=True)
    assert "supersedes" in text and "superseded by" in text


def test_risk_matrix_places_each_risk(example_site):
    page = soup(example_site, "risks")
    cell = page.select_one(".sd-cell--high-high")
    assert "bank details" in cell.get_text()
    assert len(page.select(".sd-matrix td li")) == 4


def test_metric_catalog_lists_users(example_site):
    page = soup(example_site, "metrics")
    row = next(tr for tr in page.select("table tr") if "Resume link usage" in tr.get_text())
    assert "Claimants finish their claim online" in row.get_text() and "Claims Online 2027" in row.get_text()


def test_dashboard_shows_active_aims_and_evidence(example_site):
    page = soup(example_site, "dashboard")
    rows = {tr.find("td").get_text(strip=True): tr for tr in page.select("tbody tr")}
    assert set(rows) == {"Claimants finish their claim online", "Claimants send their evidence the same day"}
    finish = rows["Claimants finish their claim online"].get_text(" ", strip=True)
    assert "change" in finish and "security" in finish.lower() and "days left" in finish
    assert "Saved claims grow the database" in finish  # the one risk without mitigation


def test_backlinks_grouped_by_relation(example_site):
    page = soup(example_site, "aims/online-claim-completion")
    groups = {h.get_text(): h.find_next("ul").get_text(" ", strip=True) for h in page.select(".sd-backlinks h3")}
    assert "Send the resume link at once" in groups["Decisions about it"]
    assert "Pre-mortem for save-and-resume" in groups["Pre-mortems that threaten it"]


def test_diagram_links_are_relative_and_same_tab(example_site):
    code = soup(example_site, "trees/claims-online-tree").select_one("pre.mermaid code").get_text()
    assert re.search(r'click n\d+ href "\.\./\.\./aims/same-day-evidence/" _self', code)
    assert "_blank" not in code


def test_site_is_byte_identical_across_hash_seeds(tmp_path):
    pages = ["map/index.html", "trees/claims-online-tree/index.html", "metrics/index.html",
             "models/claims-online-logic-model/index.html", "aims/online-claim-completion/index.html"]
    built = []
    for seed in ("0", "12345"):
        root = copy_strategy(tmp_path / seed)
        (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
        import subprocess

        from conftest import BIN
        subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=root, env=env(PYTHONHASHSEED=seed), check=True)
        built.append({p: (root / "site" / p).read_bytes() for p in pages})
    assert built[0] == built[1]


@pytest.mark.parametrize("doc, old, new", [
    ("aims/online-claim-completion.md", "claims-online-tree#finish-online", "online-claim-completion#stage-gate"),
    ("trees/claims-online-tree.md", "id: claims-online-tree\n",
     "id: claims-online-tree\nserves: [claims-online-tree#finish-online]\n"),
])
def test_a_document_serving_its_own_node_is_sd406(tmp_path, doc, old, new):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / doc
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    result = run_cli("lint", "--format", "json", "strategy", cwd=tmp_path)
    [finding] = [f for f in json.loads(result.stdout) if f["code"] == "SD406"]
    assert finding["path"].endswith(doc) and "is a node of this document itself" in finding["message"]


def test_a_loop_through_a_duplicated_id_is_reported_once_without_crashing(tmp_path):
    decision = ("---\nkind: decision\nid: {id}\ntitle: t\nstatus: active\nowner: o\ndate: 2026-11-02\n"
                "decision: continue\nrationale: r\ndeciders: [o]\nsupersedes: [{target}]\n---\n")
    write(tmp_path, {"strategy/a.md": decision.format(id="x", target="y"),
                     "strategy/b.md": decision.format(id="y", target="x"),
                     "strategy/c.md": decision.format(id="x", target="z")})
    result = run_cli("lint", "--format", "json", "strategy", cwd=tmp_path)
    codes = [f["code"] for f in json.loads(result.stdout)]
    assert "SD000" not in codes and codes.count("SD403") == 1 and codes.count("SD007") == 2


BREAKAGES = {  # ways authors break a document that others refer to
    "tab": ("aim:\n  statement:", "aim:\n\tstatement:"),
    "colon": ("title: Claimants finish their claim online", "title: Claimants: finish their claim online"),
    "unclosed quote": ("title: Claimants finish their claim online", 'title: "Claimants finish their claim online'),
    "kind typo": ("kind: alignment-sheet", "kind: alignment_sheet"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_document_is_reported_once_and_its_referrers_get_a_note(tmp_path, breakage):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "aims" / "online-claim-completion.md"
    old, new = BREAKAGES[breakage]
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    findings = json.loads(run_cli("lint", "--format", "json", "strategy", cwd=tmp_path).stdout)
    errors = [f for f in findings if f["severity"] != "info"]
    assert [f["path"] for f in errors] == ["strategy/aims/online-claim-completion.md"], errors
    notes = [f for f in findings if f["code"] == "SD407"]
    assert len({f["path"] for f in notes}) >= 6  # every document that refers to the sheet
    assert all("strategy/aims/online-claim-completion.md" in f["message"] for f in notes)


def test_wrong_kind_is_named_as_a_sentence_names_it(tmp_path):
    copy_strategy(tmp_path)
    path = tmp_path / "strategy" / "assumptions" / "claimants-want-texts.md"
    text = path.read_text()
    underpins = next(line for line in text.splitlines() if line.startswith("underpins:"))
    path.write_text(text.replace(underpins, "underpins: [change-resume-email]"))
    [finding] = [f for f in json.loads(run_cli("lint", "--format", "json", "strategy", cwd=tmp_path).stdout)
                 if f["code"] == "SD402"]
    assert finding["message"] == ("underpins: 'change-resume-email' is a decision; underpins must point at "
                                  "an alignment sheet or a Strategy & Tactics tree")


def test_a_wrong_kind_reference_is_shown_as_the_finding_says_not_linked(tmp_path):
    """The page reads the graph's resolution of a reference: a target of the wrong kind gets no link."""
    metric_text = metric("resume-link-usage", "online-claim-completion")  # a metric's parent: a sheet, wrongly
    decision = ("---\nkind: decision\nid: keep-going\ntitle: Keep going\ndate: 2026-11-20\ndecision: continue\n"
                "about: online-completion-rate\nrationale: fine\ndecided_by: Priya Shah\n---\n")  # about a metric
    files = {**with_metrics({"aims/sheet.md": SHEET}), "metrics/resume-link-usage.md": metric_text,
             "decisions/keep-going.md": decision}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.stderr
    findings = json.loads(run_cli("lint", "--format", "json", "strategy", cwd=tmp_path).stdout)
    assert {(f["path"].split("/")[-1], f["code"]) for f in findings if f["code"] == "SD402"} == {
        ("resume-link-usage.md", "SD402"), ("keep-going.md", "SD402")}
    site = tmp_path / "site"
    pages = {"metrics/resume-link-usage/": "online-claim-completion", "metrics/": "online-claim-completion",
             "decisions/keep-going/": "online-completion-rate", "decisions/": "online-completion-rate"}
    for uri, written in pages.items():
        soup = BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select(f'a.sd-ref[title="{written}"]') == [], uri
        if uri == "decisions/":  # the group of decisions about it is named, not linked
            assert not [a for a in soup.select("a[href]") if "metrics/online-completion-rate" in a["href"]]
            continue
        broken = soup.select("code.sd-ref-broken")
        assert [c.get_text() for c in broken] == [written], uri
        assert re.search("is an? (metric|alignment sheet)", broken[0]["title"]), broken[0]["title"]
