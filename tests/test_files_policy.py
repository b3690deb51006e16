"""What may be read from the docs folder (sources.py): links that leave it, special files, huge files.

Each class of input is generated, put in one project, and driven for real: `mkdocs build`,
`stratdocs lint` and `stratdocs export`, the built site searched for what must not be there.
"""

import json
import os
import re
import socket
from pathlib import Path

import pytest

from stratdocs.config import Config
from stratdocs.load.sources import MAX_MARKDOWN_BYTES, Policy, Unreadable, read_limited
from stratdocs.pipeline import Source, discover, run

from conftest import build_site, run_cli, write
from samples import SHEET, with_metrics

SECRET = "SECRET-7f3a9c"  # in every file outside the docs folder, and in the build's environment
LOGGED = re.compile(r"(strategy/\S+:\d+:\d+: (?:error|warning) SD\d+ .*)")


def logged(stderr: str) -> list[str]:
    return sorted(set(LOGGED.findall(stderr)))


def cli_lines(stdout: str) -> list[str]:
    return sorted(line for line in stdout.splitlines() if " info " not in line)


def everything_in(site: Path) -> str:
    """Every byte the site publishes, as text (search index, sitemap, pages, copied files)."""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file())


def outside_world(root: Path) -> Path:
    """A folder beside the project, full of things that must not be published."""
    out = root.parent / f"{root.name}-outside"
    write(out, {"doc.md": f"---\nkind: metric\nid: stolen\ntitle: {SECRET}\n---\n{SECRET}\n",
                "image.png": f"PNG {SECRET}".encode(), "folder/page.md": f"# {SECRET}\n",
                "folder/style.css": f"/* {SECRET} */"})
    return out


def outside_cases(docs: Path, out: Path) -> dict[str, str]:
    """Links leaving the docs folder, every combination of target, link style, depth and chaining.

    Returns {refused path relative to the docs folder: expected code}.
    """
    expected = {}
    targets = {"doc.md": out / "doc.md", "image.png": out / "image.png", "folder": out / "folder"}
    for name, target in targets.items():
        for style in ("absolute", "relative"):
            for depth in ("", "deep/er/"):
                for chained in (False, True):
                    stem = f"{depth}{style}-{'chain-' if chained else ''}{name}"
                    link = docs / stem
                    link.parent.mkdir(parents=True, exist_ok=True)
                    pointer = str(target) if style == "absolute" else os.path.relpath(target, link.parent)
                    if chained:  # an inside link to an outside link: the first link passes, the second does not
                        hop = docs / "hops" / stem.replace("/", "-")
                        hop.parent.mkdir(parents=True, exist_ok=True)
                        hop.symlink_to(pointer if style == "absolute" else os.path.relpath(target, hop.parent))
                        link.symlink_to(os.path.relpath(hop, link.parent))
                        expected[f"hops/{stem.replace('/', '-')}"] = "SD013"
                    else:
                        link.symlink_to(pointer)
                    expected[stem] = "SD013"
    for name, target in {"env.md": "/proc/self/environ", "zero.md": "/dev/zero", "shadow.png": "/etc/shadow",
                         "dangling.md": str(out / "gone.md"), "config.md": "../mkdocs.yml"}.items():
        (docs / name).symlink_to(target)
        expected[name] = "SD013"
    return expected


def special_cases(docs: Path) -> dict[str, str]:
    """Things in the docs folder that are not regular files, and links to them that stay inside."""
    expected = {}
    for name in ("pipe.md", "pipe.png", "sub/pipe.markdown"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(docs / name)
        expected[name] = "SD015"
    (docs / "to-pipe.md").symlink_to("pipe.md")
    expected["to-pipe.md"] = "SD015"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(docs / "sock.md"))
    expected["sock.md"] = "SD015"
    if os.geteuid() == 0:  # only root may make device nodes: /dev/zero's own numbers, inside the folder
        os.mknod(docs / "zero-device.md", 0o644 | 0o020000, os.makedev(1, 5))
        expected["zero-device.md"] = "SD015"
    # One loop per folder: MkDocs' own walk (before any plugin runs) follows loops until the
    # system says ELOOP, 40 links deep; two loops in one folder would make it branch 2**40 times.
    (docs / "loop-a/deeper").mkdir(parents=True)
    (docs / "loop-a/deeper/back").symlink_to("..")
    (docs / "loop-b").mkdir()
    (docs / "loop-b/self").symlink_to(".")
    expected.update({"loop-a/deeper/back": "SD015", "loop-b/self": "SD015"})
    return expected


def size_cases(docs: Path) -> dict[str, str]:
    expected = {}
    for name, size in {"limit-plus-one.md": MAX_MARKDOWN_BYTES + 1, "double.md": 2 * MAX_MARKDOWN_BYTES,
                       "sparse-64g.md": 64 << 30}.items():
        with open(docs / name, "wb") as handle:
            handle.write(b"# Big\n")
            handle.truncate(size)  # sparse: costs no disk, and reading it all would exhaust memory
        expected[name] = "SD014"
    (docs / "to-big.md").symlink_to("double.md")
    expected["to-big.md"] = "SD014"
    (docs / "big-image.png").write_bytes(b"\0" * (MAX_MARKDOWN_BYTES + 1))  # only Markdown has a limit
    (docs / "at-limit.md").write_bytes(b"# At the limit\n" + b"x" * (MAX_MARKDOWN_BYTES - 15))
    return expected


def inside_links(docs: Path) -> list[str]:
    """Links that stay inside the docs folder: followed and published like any file."""
    write(docs, {"real/page.md": "# Real page\n\nINSIDE-OK\n", "real/logo.png": b"PNG inside"})
    (docs / "alias").symlink_to("real")
    (docs / "link-page.md").symlink_to("real/page.md")
    (docs / "deep/er/logo.png").parent.mkdir(parents=True, exist_ok=True)
    (docs / "deep/er/logo.png").symlink_to("../../real/logo.png")
    return ["real/page/index.html", "alias/page/index.html", "link-page/index.html", "real/logo.png",
            "alias/logo.png", "deep/er/logo.png", "at-limit/index.html", "big-image.png"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("policy")
    docs = root / "strategy"
    docs.mkdir()
    out = outside_world(root)
    expected = outside_cases(docs, out) | special_cases(docs) | size_cases(docs)
    published = inside_links(docs)
    files = with_metrics({"index.md": "# Home\n", "aim.md": SHEET})
    relaxed = build_site(root, files, STRATDOCS_SECRET=SECRET)
    strict = build_site(root, files, strict=True, STRATDOCS_SECRET=SECRET)
    return root, expected, published, relaxed, strict


def test_every_refusal_is_a_located_finding_in_build_and_lint_alike(project):
    root, expected, _, relaxed, strict = project
    assert relaxed.returncode == 0, relaxed.stderr
    assert strict.returncode != 0
    for result in (relaxed, strict):
        assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    found = {line.split(":")[0].removeprefix("strategy/"): line.split()[2] for line in logged(relaxed.stderr)}
    assert {path: code for path, code in found.items() if path in expected} == expected
    assert set(found) - set(expected) == set()  # nothing else: inside links are fine
    lint = run_cli("lint", cwd=root, STRATDOCS_SECRET=SECRET)
    assert lint.returncode == 1 and "Traceback" not in lint.stderr
    assert cli_lines(lint.stdout) == logged(relaxed.stderr)
    assert all(re.match(r"strategy/\S+:1:1: error SD01[345] ", line) for line in cli_lines(lint.stdout))


def test_nothing_outside_is_published_and_inside_links_are(project):
    root, expected, published, _relaxed, _ = project
    site = root / "site"
    assert SECRET not in everything_in(site)
    for path in published:
        assert (site / path).is_file(), path
    assert "INSIDE-OK" in (site / "alias/page/index.html").read_text(encoding="utf-8")
    for rel in expected:  # no page, no copy, nothing under a refused folder
        stem = rel.rsplit(".", 1)[0] if rel.endswith((".md", ".markdown")) else rel
        assert not (site / stem).exists() and not (site / rel).exists(), rel
    search = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in search["docs"] if SECRET in doc["text"] or "stolen" in doc["location"]]


def test_export_holds_nothing_from_outside(project):
    root, expected, _, _, _ = project
    export = run_cli("export", cwd=root, STRATDOCS_SECRET=SECRET)
    assert export.returncode == 0, export.stderr
    assert SECRET not in export.stdout
    data = json.loads(export.stdout)
    assert "stolen" not in {doc["id"] for doc in data["documents"]}
    refused = {f["path"].removeprefix("strategy/"): f["code"] for f in data["findings"] if f["code"] in
               ("SD013", "SD014", "SD015")}
    assert refused == expected


def test_a_file_named_alone_is_judged_within_its_own_folder(project):
    root, _, _, _, _ = project
    for name, code in [("env.md", "SD013"), ("absolute-doc.md", "SD013"), ("pipe.md", "SD015"),
                       ("sparse-64g.md", "SD014")]:
        result = run_cli("lint", f"strategy/{name}", cwd=root, STRATDOCS_SECRET=SECRET)
        assert result.returncode == 1 and SECRET not in result.stdout + result.stderr
        assert cli_lines(result.stdout)[0].startswith(f"strategy/{name}:1:1: error {code} ")


def test_a_folder_outside_any_project_is_judged_against_itself(tmp_path):
    out = outside_world(tmp_path / "p")
    write(tmp_path / "lintme", {"a.md": "# A\n"})
    (tmp_path / "lintme/leak.md").symlink_to(out / "doc.md")
    result = run_cli("lint", str(tmp_path / "lintme"), cwd=tmp_path)
    assert [line.split()[2] for line in cli_lines(result.stdout)] == ["SD013"]


def test_reading_stops_at_the_limit_whatever_the_file_claims(tmp_path):
    """The policy looks first; the reader checks again on the open file, for files that change in between."""
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(64 << 30)
    with pytest.raises(Unreadable) as err:
        read_limited(big)
    assert err.value.code == "SD014"
    os.mkfifo(tmp_path / "pipe.md")  # no writer: a blocking open or read would never return
    with pytest.raises(Unreadable) as err:
        read_limited(tmp_path / "pipe.md")
    assert err.value.code == "SD015"
    sources = [Source(big, "big.md"), Source(tmp_path / "pipe.md", "pipe.md")]  # as if the policy had passed them
    findings = run(sources, Config()).findings
    assert [(f.path.rsplit("/", 1)[-1], f.code) for f in findings] == [("big.md", "SD014"), ("pipe.md", "SD015")]


def test_policy_verdicts_for_generated_link_shapes(tmp_path):
    """Any chain of links is judged by where it ends, and by every folder on the way."""
    docs = tmp_path / "docs"
    write(docs, {"a/b/page.md": "# Page\n"})
    (tmp_path / "elsewhere").mkdir()
    policy = Policy(docs)
    for hops in range(1, 6):
        inside = docs / f"in-{hops}.md"
        leaving = docs / f"out-{hops}.md"
        previous_in, previous_out = Path("a/b/page.md"), tmp_path / "elsewhere"
        for hop in range(hops):  # in-N.md -> in-N-1.md ... -> a/b/page.md
            link_in, link_out = docs / f"in-{hops}-{hop}.md", docs / f"out-{hops}-{hop}"
            link_in.symlink_to(previous_in)
            link_out.symlink_to(previous_out)
            previous_in, previous_out = Path(link_in.name), Path(link_out.name)
        inside.symlink_to(previous_in)
        leaving.symlink_to(previous_out)
        assert policy.check(inside.name, markdown=True) is None
        refusal = policy.check(f"{leaving.name}/x.md", markdown=True)
        assert refusal is not None and (refusal.rel, refusal.code) == (leaving.name, "SD013")
    found = {s.src_uri: s.refusal.code for s in discover(docs) if s.refusal}
    assert found == {f"out-{n}.md": "SD013" for n in range(1, 6)} | {
        f"out-{n}-{h}": "SD013" for n in range(1, 6) for h in range(n)}
