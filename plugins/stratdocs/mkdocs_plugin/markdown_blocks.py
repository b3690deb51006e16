"""A Python-Markdown extension that places our rendered blocks without parsing them again.

The plugin replaces each of its blocks with a placeholder paragraph. Here a
heading becomes a real heading element, so Markdown's `toc` gives it an id
(unique beside the author's headings), a permalink if configured and a TOC
entry; its text, and every other block, goes to Markdown's raw-HTML stash as
it stands, so no Markdown extension ever reads user text we place.
Parsing our own HTML again made strategy pages several times slower to build.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

_IDS = re.compile(r'\sid="([^"]*)"')


class PlacedBlocks(Extension):
    """Holds the current page's blocks; the plugin fills it before each page renders."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token  # random per build: no author text starts with it
        self.blocks: list[tuple[int, str, str]] = []  # (level, text, id): see render.page.page_blocks

    def placeholders(self, blocks: list[tuple[int, str, str]]) -> str:
        """Markdown paragraphs standing for these blocks, which are added to the page's list."""
        start = len(self.blocks)
        self.blocks.extend(blocks)
        return "\n\n".join(f"{self.token}{start + n}" for n in range(len(blocks)))

    def anchor_ids(self) -> set[str]:
        """Ids inside our HTML blocks (tree nodes, risks), for MkDocs' anchor validation."""
        return {html.unescape(i) for level, text, _ in self.blocks if level == 0 for i in _IDS.findall(text)}

    def extendMarkdown(self, md) -> None:
        # Before every built-in block processor, so nothing else reads our placeholders.
        md.parser.blockprocessors.register(_PlaceBlock(md.parser, self), "stratdocs_blocks", 200)


class _PlaceBlock(BlockProcessor):
    def __init__(self, parser, extension: PlacedBlocks) -> None:
        super().__init__(parser)
        self.extension = extension
        self.pattern = re.compile(re.escape(extension.token) + r"(\d+)")

    def test(self, parent, block: str) -> bool:
        return block.startswith(self.extension.token)

    def run(self, parent, blocks: list[str]) -> bool:
        match = self.pattern.fullmatch(blocks[0].strip())
        if match is None or int(match.group(1)) >= len(self.extension.blocks):
            return False  # not one of ours after all: let Markdown read it
        blocks.pop(0)
        level, text, anchor = self.extension.blocks[int(match.group(1))]
        if level:
            # The text goes to the raw-HTML stash too: tree processors (attr_list reads
            # `{: onfocus=... }`, abbr, emoji...) see only a placeholder, never user text,
            # while toc still takes the heading's id and TOC entry from the stashed text.
            heading = etree.SubElement(parent, f"h{level}")
            if anchor:
                heading.set("id", anchor)  # toc keeps an id it finds, and gives no other heading the same
            heading.text = AtomicString(self.parser.md.htmlStash.store(text))
        else:
            paragraph = etree.SubElement(parent, "p")  # Markdown drops the <p> around block HTML
            paragraph.text = AtomicString(self.parser.md.htmlStash.store(text))
        return True
