"""The MkDocs (and ProperDocs) plugin: a thin adapter over the pipeline.

It runs the pipeline once per build over every Markdown file (on_files, before
any page renders), reports findings through MkDocs' logger so `--strict`
counts them, and swaps each strategy page's Markdown for its rendered form.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from ..alignment.model import AlignmentIndex
from ..check.rules import all_rules
from ..config import SETTINGS, ConfigError, load_config
from ..document import Document
from ..findings import Severity
from ..load.sources import Policy, Unreadable, read_limited
from ..pipeline import DocumentCache, Result, Source, run
from ..render.alignment import ALIGNMENT_PAGE, alignment_page
from ..render.common import findings_box
from ..render.context import RenderContext
from ..render.generated import GENERATED_PAGES, WIDE_PAGES, render_generated
from ..render.html import esc
from ..render.map_graph import graph_json
from ..render.page import page_blocks, render_page
from ..render.reference import reference_pages
from ..render.sanitize import sanitize
from ..render.vendor import VendorError, cytoscape_js, mermaid_js
from ..resources import PACKAGE_DIR, schemas_dir
from ..validate.validate import SchemaSet
from .markdown_blocks import PlacedBlocks
from .nav import SECTION_TITLES, arrange

# "mkdocs.plugins.stratdocs" under MkDocs, "properdocs.plugins.stratdocs" under ProperDocs
# (which aliases mkdocs.* imports): the host's --strict counts only its own logger's warnings.
log = logging.getLogger(f"{BasePlugin.__module__}.stratdocs")
CSS_URI = "assets/stratdocs/stratdocs.css"
MERMAID_URI = "assets/stratdocs/mermaid.min.js"
MERMAID_INIT_URI = "assets/stratdocs/stratdocs-mermaid.js"
# The interactive map: its script (on every page, idle without the map's <div>), Cytoscape.js and the
# graph, all three in one folder: the script finds the other two beside itself, never from the page.
MAP_JS_URI = "assets/stratdocs/stratdocs-map.js"
CYTOSCAPE_URI = "assets/stratdocs/cytoscape.min.js"
GRAPH_URI = "assets/stratdocs/graph.json"
MAP_PAGE = "map/index.md"
_MERMAID_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="[^"]*' + re.escape(MERMAID_URI) + r'"[^>]*>\s*</script>')
_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


class StratdocsOptions(base.Config):
    # The same settings as [tool.stratdocs] in pyproject.toml, declared loosely here:
    # stratdocs.config checks them, so both places give the same result and messages.
    output_words = c.Optional(c.Type(list))
    select = c.Optional(c.Type(list))
    ignore = c.Optional(c.Type(list))
    severity = c.Optional(c.Type(dict))
    per_path_ignores = c.Optional(c.Type(dict))
    docs_url = c.Optional(c.Type(str))
    as_of = c.Optional(c.Type((str, dt.date)))  # YAML reads an unquoted 2026-11-23 as a date
    readings = c.Optional(c.Type(str))
    sources = c.Optional(c.Type(dict))  # for `readings pull`; checked here so a bad one fails the build too
    alignment = c.Optional(c.Type(dict))
    reference = c.Type(bool, default=True)  # add the rules reference pages to the site
    sanitize = c.Type(bool, default=True)  # allow-list every page's HTML (false: raw HTML as written)
    nav_order = c.Type(bool, default=True)  # without a nav: in mkdocs.yml, views first and reference last
    section_titles = c.Type(dict, default={})  # folder -> section title, over the built-in ones


class StratdocsPlugin(BasePlugin[StratdocsOptions]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.placed = PlacedBlocks(f"SDBLOCK{secrets.token_hex(8).upper()}N")
        self.cache = DocumentCache()
        self.result: Result | None = None  # set by on_files, before any page is rendered
        self.docs: dict[str, Document] = {}
        self.generated: list[str] = []
        self.alignment: AlignmentIndex | None = None  # computed by the first page that needs it, once a build

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds,
        # so the document cache re-parses only files whose content changed.
        self.cache = DocumentCache()

    def on_config(self, config):
        project_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            self.settings = load_config(project_dir, {k: v for k, v in self.config.items() if k in SETTINGS},
                                        all_rules())
        except ConfigError as err:
            raise PluginError(str(err)) from None
        try:
            self.mermaid_js = mermaid_js()
            self.cytoscape_js = cytoscape_js()
        except VendorError as err:
            raise PluginError(str(err)) from None
        config.markdown_extensions.append(self.placed)
        config.extra_css.append(CSS_URI)
        # Material loads mermaid from a CDN unless window.mermaid exists: serve our own copy.
        config.extra_javascript.append(MERMAID_URI)
        if config.theme.name != "material":
            config.extra_javascript.append(MERMAID_INIT_URI)  # only Material draws pre.mermaid itself
        config.extra_javascript.append(MAP_JS_URI)
        if config.theme.get("highlightjs"):
            config.theme["highlightjs"] = False  # MkDocs' own themes load it from a CDN
            log.info("stratdocs: turned off the theme's highlight.js, which loads from a CDN "
                     "(the site works offline); code blocks stay plain")
        return config

    def on_files(self, files, *, config):
        refused = _refuse(files, config.docs_dir)
        sources = [Source(Path(f.abs_src_path), f.src_uri)
                   for f in files.documentation_pages() if f.abs_src_path]
        self.result = run(sources + refused, self.settings, schemas=SchemaSet(schemas_dir()), cache=self.cache)
        self.docs = {doc.src_uri: doc for doc in self.result.docs}
        for finding in self.result.findings:
            log.log(_LEVELS[finding.severity], finding.as_text())
        files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_DIR / "assets" / "stratdocs.css")))
        files.append(File.generated(config, MERMAID_URI, abs_src_path=str(self.mermaid_js)))
        if config.theme.name != "material":
            files.append(File.generated(config, MERMAID_INIT_URI,
                                        abs_src_path=str(PACKAGE_DIR / "assets" / "stratdocs-mermaid.js")))
        self.alignment = None  # a new build reads the history again (alignment_index's cache makes it cheap)
        self.generated = [uri for uri in (*GENERATED_PAGES, ALIGNMENT_PAGE) if files.get_file_from_path(uri) is None]
        for uri in self.generated:
            files.append(File.generated(config, uri, content="\n"))  # rendered in on_page_markdown
        files.append(File.generated(config, MAP_JS_URI, abs_src_path=str(PACKAGE_DIR / "assets" / "stratdocs-map.js")))
        if MAP_PAGE in self.generated:
            files.append(File.generated(config, CYTOSCAPE_URI, abs_src_path=str(self.cytoscape_js)))
            files.append(File.generated(config, GRAPH_URI, content=graph_json(
                self.result.graph, self.result.evidence, config.use_directory_urls)))
        if self.config.reference:
            for uri, content in reference_pages().items():
                files.append(File.generated(config, uri, content=content))
        return files

    def on_nav(self, nav, *, config, files):
        if config.nav is None and self.config.nav_order:  # a hand-written nav is the site's own
            nav = arrange(nav, {**SECTION_TITLES, **self.config.section_titles})
        return nav

    def on_page_read_source(self, *, page, config):
        doc = self.docs.get(page.file.src_uri)
        if doc is None:
            return None
        if _not_utf8(doc):
            # MkDocs would abort on a non-UTF-8 file, and would read its front matter
            # (unescaped title and all) with replacement characters: on_page_markdown shows it.
            return ""
        if doc.is_strategy:
            # We parsed the front matter already: hand MkDocs the body alone, so it does
            # not parse the YAML again with the pure-Python loader (a third of a plain build).
            return doc.body
        return None

    def on_page_markdown(self, markdown, *, page, config, files):
        src_uri = page.file.src_uri
        result = self.result
        assert result is not None, "on_files runs before any page"
        if src_uri == ALIGNMENT_PAGE and src_uri in self.generated:
            context = RenderContext(today=self.settings.today, graph=result.graph, page_src_uri=src_uri,
                                    directory_urls=config.use_directory_urls, as_of=self.settings.as_of)
            generated = alignment_page(self._alignment_index(config), context)
            _log_notices(src_uri, context.notices)
            return self._place(generated)
        if src_uri in self.generated:
            notices: list[str] = []
            generated = render_generated(src_uri, result.graph, self.settings.today, config.use_directory_urls,
                                         as_of=self.settings.as_of, notices=notices, evidence=result.evidence)
            _log_notices(src_uri, notices)
            if src_uri in WIDE_PAGES:
                page.meta.setdefault("hide", ["toc"])  # Material: room for the table
            return self._place(generated)
        doc = self.docs.get(src_uri)
        if doc is None:
            return markdown
        findings = result.by_doc.get(doc.src_uri, [])
        if _not_utf8(doc):
            page.meta = {"title": esc(doc.title)}
            box = self._place(findings_box(findings))  # starts the page's blocks: the text's comes after
            return box + self._as_text(page.file.abs_src_path)
        if not (doc.is_strategy or doc.load_failed):
            # An ordinary page: as written, under its findings (a duplicate key, say) if it has any.
            if self.config.sanitize:
                _escape_meta(page.meta)
            box = findings_box(findings)
            return self._place(box) + "\n" + markdown if box else markdown
        page.meta = {"title": esc(doc.title)}  # MkDocs' templates do not escape the title
        context = RenderContext(today=self.settings.today, graph=result.graph, page_src_uri=src_uri,
                                directory_urls=config.use_directory_urls, as_of=self.settings.as_of,
                                evidence=result.evidence)
        rendered = render_page(doc, findings, context)
        _log_notices(src_uri, context.notices)
        return self._place(rendered.structure, rendered.body, rendered.footer)

    def _alignment_index(self, config) -> AlignmentIndex:
        """The Alignment Index of this build, computed once; what is missing from the history is said, not failed."""
        if self.alignment is None:
            project_dir = self.settings.project_dir or Path(config.config_file_path or ".").resolve().parent
            from ..alignment.compute import alignment_index  # late: only a site showing the page reads history

            self.alignment = alignment_index(Path(config.docs_dir), self.settings,
                                             cache_dir=project_dir / ".cache" / "stratdocs")
            history = self.alignment.history
            if not history.available or history.shallow:
                what = "no git history" if not history.available else "a shallow clone"
                log.info(f"{ALIGNMENT_PAGE}: {what}, the Alignment Index says so: {history.reason}")
        return self.alignment

    def _place(self, ours: str, body: str = "", footer: str = "") -> str:
        """Markdown for the page: placeholders for our blocks around the author's body."""
        self.placed.blocks = []
        parts = [self.placed.placeholders(page_blocks(ours)), body, self.placed.placeholders(page_blocks(footer))]
        return "\n\n".join(p for p in parts if p) + "\n"

    def _as_text(self, abs_src_path: str) -> str:
        """A file that is not UTF-8, shown as its text in a code block: bad bytes as U+FFFD."""
        try:
            text = read_limited(Path(abs_src_path)).decode("utf-8", errors="replace")
        except (OSError, Unreadable):  # changed since the pipeline read it
            return ""
        block = (0, f'<pre class="sd-source"><code>{esc(text)}</code></pre>', "")
        return "\n" + self.placed.placeholders([block]) + "\n"

    def on_page_content(self, html, *, page, config, files):
        if self.placed.blocks:
            if getattr(page, "present_anchor_ids", None) is not None:
                page.present_anchor_ids |= self.placed.anchor_ids()
            self.placed.blocks = []
        if not self.config.sanitize:
            return html
        # Pages are edited by many people through pull requests: raw HTML in a body (a script,
        # an onerror, a javascript: link) must not run for every reader. Ours is escaped already.
        _pin_title(page)
        return sanitize(html)

    def on_post_page(self, output, *, page, config):
        # The generated map has no mermaid diagram: it does without mermaid's 3.5 MB, which took most of its
        # time to interactive. Not with Material's instant navigation, which would not load it for the next page.
        if (page.file.src_uri == MAP_PAGE and MAP_PAGE in self.generated
                and "navigation.instant" not in (config.theme.get("features") or [])):
            return _MERMAID_SCRIPT.sub("", output, count=1)
        return output

    def on_serve(self, server, *, config, builder):
        server.watch(str(schemas_dir()))
        readings = self.settings.readings_dir
        if readings is not None and readings.is_dir():
            server.watch(str(readings))  # a new reading redraws charts and the review
        return server


def _not_utf8(doc) -> bool:
    return any(f.code == "SD003" for f in doc.findings)


def _escape_meta(meta: dict) -> None:
    """Front matter the theme prints unescaped (<title>, nav, meta description), as text."""
    for key in ("title", "description", "subtitle"):
        if isinstance(meta.get(key), str):
            meta[key] = esc(meta[key])


def _pin_title(page) -> None:
    """Give a page without a front matter title its title as escaped HTML in meta.

    Material prints page.title through `striptags`, which unescapes what Markdown escaped:
    a heading `&lt;/title&gt;&lt;script&gt;` would close <title> and run. A meta title is
    printed as it stands, so the same escaped text is safe there, and reads the same.
    """
    if "title" in page.meta or page.is_homepage:
        return
    title = page.title  # from the nav of mkdocs.yml, the first h1 or the file name
    from_h1 = title == getattr(page, "_title_from_render", None)  # then already escaped HTML
    page.meta["title"] = title if from_h1 else esc(title)


def _refuse(files, docs_dir: str) -> list[Source]:
    """Remove what sources.Policy refuses from the site: every kind of file, not only pages.

    Returns one Source per refused file or folder, for the pipeline to report. Only files
    MkDocs found in the docs folder are judged: theme files and plugins' files are not ours.
    """
    policy = Policy(Path(docs_dir))
    inside = os.path.join(os.path.abspath(docs_dir), "")
    refused: dict[str, Source] = {}
    for file in list(files):
        if (file.generated_by or not file.abs_src_path or not file.abs_src_path.startswith(inside)
                or not file.inclusion.is_in_serve()):
            continue
        refusal = policy.check(file.src_uri, markdown=file.is_documentation_page())
        if refusal is not None:
            files.remove(file)
            refused.setdefault(refusal.rel, Source(Path(docs_dir, *refusal.rel.split("/")), refusal.rel, refusal))
    return list(refused.values())


def _log_notices(src_uri: str, notices: list[str]) -> None:
    """What a page left out (a diagram too big to draw): said in the build log, not a finding."""
    for notice in notices:
        log.info(f"{src_uri}: {notice}")
