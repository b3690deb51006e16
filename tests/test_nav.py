"""Navigation without a nav: in mkdocs.yml: home, the computed views, the strategy (proper names), the reference."""


from bs4 import BeautifulSoup

from stratdocs.mkdocs_plugin.nav import VIEW_ORDER
from stratdocs.render.alignment import ALIGNMENT_PAGE
from stratdocs.render.generated import GENERATED_PAGES

from conftest import MKDOCS_YML, build_site, copy_strategy


def top_level(site, uri=""):
    soup = BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = soup.select_one("nav.md-nav--primary > ul").find_all("li", recursive=False)
    return [item.find(["a", "label"]).get_text(" ", strip=True) for item in items]


def example(tmp_path, yml=MKDOCS_YML):
    copy_strategy(tmp_path / "strategy")
    result = build_site(tmp_path, {}, strict=True,
                        mkdocs_yml=yml.replace("  - stratdocs\n", "  - stratdocs:\n      as_of: 2026-11-23\n"))
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_views_first_strategy_named_properly_reference_last(tmp_path):
    names = top_level(example(tmp_path))
    assert names[1:6] == ["Dashboard", "Map", "Decisions", "Risks", "Metrics"]
    assert names[-1] == "Reference"
    assert "OGSM" in names and "PR/FAQs" in names and "Improvement katas" in names
    assert not {"Ogsm", "Prfaqs", "Katas"} & set(names)


def test_previous_and_next_follow_the_new_order(tmp_path):
    site = example(tmp_path, MKDOCS_YML.replace("features: [navigation.prune]",
                                                "features: [navigation.prune, navigation.footer]"))
    soup = BeautifulSoup((site / "dashboard" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("a.md-footer__link--next")["href"].rstrip("/").endswith("map")


def test_a_site_can_rename_sections_or_keep_mkdocs_order(tmp_path):
    yml = MKDOCS_YML.replace("  - stratdocs\n",
                             "  - stratdocs:\n      section_titles: {trees: Strategy trees, ogsm: Goals}\n")
    names = top_level(example(tmp_path / "a", yml))
    assert "Strategy trees" in names and "Goals" in names
    plain = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      nav_order: false\n")
    names = top_level(example(tmp_path / "b", plain))
    assert names.index("Reference") < names.index("Risks")  # MkDocs' alphabetical order, untouched


def test_a_hand_written_nav_is_left_as_written(tmp_path):
    yml = MKDOCS_YML + "nav:\n  - Trees: trees/claims-online-tree.md\n  - Home: index.md\n  - Map: map/index.md\n"
    site = example(tmp_path, yml)
    assert top_level(site) == ["Trees", "Home", "Map"]


def test_every_computed_view_has_its_place():
    assert {uri.split("/")[0] for uri in [*GENERATED_PAGES, ALIGNMENT_PAGE]} == set(VIEW_ORDER)
