"""The site's navigation when mkdocs.yml has no `nav:`: home, the computed views, the strategy, then the reference."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# Folder names MkDocs would title-case badly ("Ogsm", "Prfaqs"), by the kind they hold.
SECTION_TITLES = {
    "ogsm": "OGSM", "prfaq": "PR/FAQs", "prfaqs": "PR/FAQs", "kata": "Improvement katas", "katas": "Improvement katas",
    "go-no-go": "Go/no-go reviews", "st-tree": "S&T trees", "st-trees": "S&T trees", "premortem": "Pre-mortems",
    "premortems": "Pre-mortems", "logic-model": "Logic models", "logic-models": "Logic models",
}
# The folders of GENERATED_PAGES, and the Alignment Index's (render.alignment.ALIGNMENT_PAGE).
VIEW_ORDER = ["dashboard", "map", "decisions", "risks", "metrics", "review", "alignment"]
REFERENCE = "reference"


def arrange(nav: Navigation, titles: dict[str, str]) -> Navigation:
    """Reorder the top level and name the sections; previous/next links follow the new order."""
    for item in nav.items:
        if isinstance(item, Section):
            folder = _folder(item)
            if folder in titles:
                item.title = titles[folder]
    nav.items.sort(key=_place)
    nav.pages = [page for item in nav.items for page in _pages(item)]
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=False):
        page.previous_page, page.next_page = before, after
    return nav


def _place(item) -> tuple[int, int]:
    """Home first, the views in a fixed order, the strategy as MkDocs sorted it, the reference last."""
    folder = _folder(item)
    if isinstance(item, Page) and item.file.src_uri in ("index.md", "README.md"):
        return (0, 0)
    if folder in VIEW_ORDER:
        return (1, VIEW_ORDER.index(folder))
    if folder == REFERENCE:
        return (3, 0)
    return (2, 0)  # sort is stable: the strategy keeps MkDocs' order


def _folder(item) -> str | None:
    """The top-level folder an item stands for, from the first page in it."""
    pages = list(_pages(item))
    return pages[0].file.src_uri.split("/")[0] if pages and "/" in pages[0].file.src_uri else None


def _pages(item):
    if isinstance(item, Page):
        yield item
    elif isinstance(item, Section):
        for child in item.children:
            yield from _pages(child)
