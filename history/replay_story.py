"""Make the example strategy's git history from its story: `python history/replay_story.py OUT_DIR`.

The story (history/story.yaml) says, step by step and with dates, how the example under strategy/,
readings/ and slos/ came to be what it is today. This script plays it into a fresh git repository in
OUT_DIR, one commit per step (and one per day of readings) at noon UTC, so that the Alignment Index has
a strategy's life to replay: the project's own history of strategy/ is a few days of development.

Deterministic: the same story and files give the same commit ids on any machine (fixed names, emails and
dates; no user or system git configuration is read). OUT_DIR is built beside itself and swapped in whole,
so a half-made repository never stays. Needs git and PyYAML; no network, nothing beside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
TOP = HERE.parent
STORY = HERE / "story.yaml"
FOLDERS = ("strategy", "readings", "slos")  # what the history holds, at the same paths as in the project
READINGS = "readings"
MARKER = "made-by-replay-story"  # in OUT_DIR/.git: only a folder this script made is ever replaced
_DATE_LINE = re.compile(rb"(\d{4}-\d{2}-\d{2})(?=[,\r\n]|$)")


class StoryError(Exception):
    """The story cannot be played: the message says where and why."""


# --- the story -------------------------------------------------------------------------------------------

@dataclass
class Step:
    number: int
    date: dt.date
    author: str  # "Name <email>"
    message: str
    add: list[str] = field(default_factory=list)
    set: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"step {self.number} ({self.date.isoformat()})"


@dataclass
class Story:
    as_of: dt.date
    readings_author: str
    steps: list[Step]


def read_story(path: Path, files: dict[str, bytes]) -> Story:
    """The story, checked against today's files: every path it names exists, dates go forward."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise StoryError(f"{path}: cannot be read: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        raise StoryError(f"{path}: needs `steps:`, a list of steps")
    as_of = _day(data.get("as_of"), f"{path}: as_of")
    people = data.get("people") or {}
    if not isinstance(people, dict):
        raise StoryError(f"{path}: `people` must map names to emails")
    readings_author = data.get("readings_author")
    if not isinstance(readings_author, str) or not re.fullmatch(r"[^<>]+ <[^<>\s]+>", readings_author):
        raise StoryError(f"{path}: `readings_author` must be 'Name <email>'")
    steps: list[Step] = []
    for number, raw in enumerate(data["steps"], 1):
        if not isinstance(raw, dict):
            raise StoryError(f"{path}: step {number} must be a mapping")
        unknown = set(raw) - {"date", "author", "message", "add", "set"}
        if unknown:
            raise StoryError(f"{path}: step {number}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        day = _day(raw.get("date"), f"{path}: step {number}: date")
        name = raw.get("author")
        if not isinstance(name, str) or not isinstance(people.get(name), str):
            raise StoryError(f"{path}: step {number}: author {name!r} is not one of `people`")
        message = raw.get("message")
        if not isinstance(message, str) or not message.strip():
            raise StoryError(f"{path}: step {number}: needs a message")
        step = Step(number, day, f"{name} <{people[name]}>", message.strip(), raw.get("add") or [],
                    raw.get("set") or {})
        if not isinstance(step.add, list) or not all(isinstance(p, str) for p in step.add):
            raise StoryError(f"{path}: {step.where}: `add` must be a list of paths")
        if not isinstance(step.set, dict) or not all(
                isinstance(p, str) and isinstance(f, dict) and all(isinstance(k, str) for k in f)
                for p, f in step.set.items()):
            raise StoryError(f"{path}: {step.where}: `set` must map paths to fields")
        for named in [*step.add, *step.set]:
            if named not in files:
                raise StoryError(f"{path}: {step.where}: {named} is not a file under {', '.join(FOLDERS)}")
            if named.startswith(READINGS + "/") and named.endswith(".csv"):
                raise StoryError(f"{path}: {step.where}: {named}: readings arrive by their dates, not by a step")
        if set(step.add) & set(step.set):
            raise StoryError(f"{path}: {step.where}: a file is both added as today and set")
        if steps and day < steps[-1].date:
            raise StoryError(f"{path}: {step.where} comes before the step above it")
        steps.append(step)
    last = steps[-1]
    if last.set:
        raise StoryError(f"{path}: the last step is today's strategy: it sets no field")
    if last.date != as_of:
        raise StoryError(f"{path}: the last step is dated {last.date}, not as_of ({as_of})")
    return Story(as_of, readings_author, steps)


def _day(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise StoryError(f"{where} must be a date (YYYY-MM-DD), not {value!r}") from None


# --- today's files, and the versions derived from them ---------------------------------------------------

def today_files(top: Path) -> dict[str, bytes]:
    """Every regular file under the story's folders (hidden names left out), by path relative to top."""
    files = {}
    for folder in FOLDERS:
        base = top / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            rel = path.relative_to(top)
            if any(part.startswith(".") for part in rel.parts) or path.is_symlink() or not path.is_file():
                continue
            files[rel.as_posix()] = path.read_bytes()
    return files


def readings_by(text: bytes, day: dt.date) -> bytes | None:
    """A readings file as it was at the end of day: the header and the rows dated on or before it (a line
    that starts no dated row stays with the row above it); None when no row was dated by then."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return None
    kept = [lines[0]]
    keep = False
    for line in lines[1:]:
        match = _DATE_LINE.match(line)
        if match:
            try:
                keep = dt.date.fromisoformat(match.group(1).decode()) <= day
            except ValueError:
                keep = False  # not a date: only the file as it is today has it
        if keep:
            kept.append(line)
    return b"".join(kept) if len(kept) > 1 else None


def reading_days(text: bytes) -> set[dt.date]:
    days = set()
    for line in text.splitlines()[1:]:
        match = _DATE_LINE.match(line)
        if match:
            try:
                days.add(dt.date.fromisoformat(match.group(1).decode()))
            except ValueError:
                pass
    return days


def with_fields(text: bytes, fields: dict[str, Any], where: str) -> bytes:
    """The file with front-matter fields set (None: left out), edited in place: the rest of the file,
    comments included, stays as it is."""
    source = text.decode("utf-8")
    match = re.match(r"---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(\r?\n|$)", source, re.DOTALL)
    if not match:
        raise StoryError(f"{where}: has no YAML front matter to set fields in")
    front = match.group(1)
    for dotted, value in fields.items():
        front = _set_field(front, dotted.split("."), value, f"{where}: {dotted}")
        try:
            found = _lookup(yaml.safe_load(front), dotted.split("."))
        except yaml.YAMLError as err:
            raise StoryError(f"{where}: {dotted}: the front matter no longer reads as YAML: {err}") from err
        if _plain(found) != _plain(value):
            raise StoryError(f"{where}: {dotted}: set to {value!r} but reads as {found!r}")
    return (source[:match.start(1)] + front + source[match.end(1):]).encode("utf-8")


_MISSING = object()


def _lookup(data: Any, keys: list[str]) -> Any:
    for key in keys:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return None
    return data


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _set_field(front: str, keys: list[str], value: Any, where: str) -> str:
    """One field set, by the positions YAML's composer gives (no value is re-written but this one)."""
    lines = front.splitlines(keepends=True)
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text))
    node = yaml.compose(front)
    parent, key_node = None, None
    for depth, key in enumerate(keys):
        if not isinstance(node, yaml.MappingNode):
            raise StoryError(f"{where}: only fields of mappings can be set ({'.'.join(keys[:depth])} is not one)")
        pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if pair is None:
            if depth < len(keys) - 1:
                raise StoryError(f"{where}: {'.'.join(keys[:depth + 1])} is not there to set a field in")
            return front if value is None else _insert(front, lines, starts, node, key, value, where)
        parent, (key_node, node) = node, pair
    assert key_node is not None and parent is not None
    line = key_node.start_mark.line
    if lines[line][:key_node.start_mark.column].strip():
        raise StoryError(f"{where}: the first field of a list item cannot be set")
    if value is not None and isinstance(node, yaml.ScalarNode) and node.end_mark.line == line \
            and not isinstance(value, (dict, list)):
        return front[:node.start_mark.index] + _render(value) + front[node.end_mark.index:]
    end = _block_end(lines, line, key_node.start_mark.column, isinstance(node, yaml.SequenceNode))
    indent = " " * key_node.start_mark.column
    new = "" if value is None else f"{indent}{key_node.value}: {_render(value)}\n"
    return front[:starts[line]] + new + front[starts[end]:]


def _insert(front: str, lines: list[str], starts: list[int], mapping: yaml.MappingNode, key: str, value: Any,
            where: str) -> str:
    if mapping.flow_style or not mapping.value:
        raise StoryError(f"{where}: cannot add a field to a flow or empty mapping")
    first = mapping.value[0][0]
    column = first.start_mark.column
    last_key, last_value = mapping.value[-1]
    end = _block_end(lines, last_key.start_mark.line, column, isinstance(last_value, yaml.SequenceNode))
    return front[:starts[end]] + f"{' ' * column}{key}: {_render(value)}\n" + front[starts[end]:]


def _block_end(lines: list[str], line: int, column: int, sequence: bool) -> int:
    """The line after a field's block: the next one indented no deeper than its key (blank lines and
    comments inside the block go with it; so do a sequence's items written at the key's own indent)."""
    end = line + 1
    while end < len(lines):
        text = lines[end]
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        item = sequence and indent == column and (stripped.startswith("- ") or stripped.rstrip() == "-")
        if stripped.strip() and indent <= column and not stripped.startswith("#") and not item:
            break
        end += 1
    while end > line + 1 and not lines[end - 1].strip():
        end -= 1  # a blank line before the next field stays where it is
    return end


def _render(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            plain = "\n" not in value and yaml.safe_load(f"k: {value}") == {"k": value}
        except yaml.YAMLError:
            plain = False
        return value if plain else json.dumps(value, ensure_ascii=False)
    return json.dumps(_plain_tree(value), ensure_ascii=False)


def _plain_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_tree(v) for v in value]
    return _plain(value)


# --- playing it ------------------------------------------------------------------------------------------

@dataclass
class Commit:
    date: dt.date
    author: str
    message: str
    tree: dict[str, bytes]


def commits(story: Story, files: dict[str, bytes], story_path: Path) -> list[Commit]:
    """The commits, oldest first: on each day, that day's readings, then the day's steps."""
    readings = {p: t for p, t in files.items() if p.startswith(READINGS + "/") and p.count("/") == 1
                and p.endswith(".csv")}
    days = {d for text in readings.values() for d in reading_days(text)}
    late = sorted(d for d in days if d > story.as_of)
    if late:
        raise StoryError(f"{story_path}: readings are dated after as_of ({late[0]}): the story must reach them")
    steps_by_day: dict[dt.date, list[Step]] = {}
    for step in story.steps:
        steps_by_day.setdefault(step.date, []).append(step)
    docs: dict[str, dict[str, Any]] = {}  # path -> the fields set, for every document in the history so far
    versions: dict[str, bytes] = {}  # path -> its content now, readings included
    out: list[Commit] = []
    for day in sorted(days | set(steps_by_day)):
        sheets = {p: v for p, t in readings.items() if (v := readings_by(t, day)) is not None}
        if any(versions.get(p) != v for p, v in sheets.items()):
            versions.update(sheets)
            names = ", ".join(Path(p).stem for p in sorted(sheets) if day in reading_days(readings[p]))
            out.append(Commit(day, story.readings_author, f"Readings of {day.isoformat()}: {names}",
                              dict(versions)))
        for step in steps_by_day.get(day, []):
            if step is story.steps[-1]:
                versions = dict(files)
            else:
                for path in step.add:
                    docs[path] = {}
                for path, fields in step.set.items():
                    docs[path] = {**docs.get(path, {}), **fields}
                for path in [*step.add, *step.set]:
                    where = f"{story_path}: {step.where}: {path}"
                    versions[path] = with_fields(files[path], docs[path], where) if docs[path] else files[path]
            if out and versions == out[-1].tree and step is not story.steps[-1]:
                raise StoryError(f"{story_path}: {step.where} changes nothing")
            out.append(Commit(day, step.author, step.message, dict(versions)))
    for commit in out:
        _check_metrics(commit, story_path)
    return out


def _check_metrics(commit: Commit, story_path: Path) -> None:
    """Each readings file in a commit has its metric there too (else the history reads readings for no metric)."""
    metrics = {_front(text).get("id") for path, text in commit.tree.items()
               if path.startswith("strategy/") and path.endswith(".md") and _front(text).get("kind") == "metric"}
    for path in sorted(commit.tree):
        if path.startswith(READINGS + "/") and path.endswith(".csv") and Path(path).stem not in metrics:
            raise StoryError(f"{story_path}: {commit.date}: {path} has readings before its metric is in the "
                             "strategy: add the metric in an earlier step")


_FRONT: dict[bytes, dict[str, Any]] = {}


def _front(text: bytes) -> dict[str, Any]:
    if text not in _FRONT:
        match = re.match(rb"---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(\r?\n|$)", text, re.DOTALL)
        try:
            data = yaml.safe_load(match.group(1)) if match else None
        except yaml.YAMLError:
            data = None
        _FRONT[text] = data if isinstance(data, dict) else {}
    return _FRONT[text]


def _env(commit: Commit) -> dict[str, str]:
    name, _, email = commit.author.partition(" <")
    stamp = f"{commit.date.isoformat()}T12:00:00+00:00"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, LC_ALL="C", TZ="UTC",
               GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email.rstrip(">"), GIT_AUTHOR_DATE=stamp,
               GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email.rstrip(">"), GIT_COMMITTER_DATE=stamp)
    return env


GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
       "-c", "core.fileMode=true", "-c", "core.hooksPath=/dev/null")


def _git(repo: Path, *args: str, env: dict[str, str], stdin: bytes | None = None) -> None:
    done = subprocess.run([*GIT, *args], cwd=repo, env=env, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        raise StoryError(f"git {args[0]} failed: {done.stderr.decode('utf-8', 'replace').strip()}")


def build(repo: Path, history: list[Commit]) -> None:
    """The commits into a new repository in repo (an empty folder), its work tree left at the last one."""
    env = _env(history[0])
    _git(repo, "init", "--quiet", env=env)
    (repo / ".git" / MARKER).write_text("made by history/replay_story.py from history/story.yaml; "
                                        "replaced whole each time it runs\n", encoding="utf-8")
    written: dict[str, bytes] = {}
    for commit in history:
        env = _env(commit)
        for path in sorted(set(written) - set(commit.tree)):
            (repo / path).unlink()
        for path, content in sorted(commit.tree.items()):
            if written.get(path) != content:
                target = repo / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                target.chmod(0o644)
        written = commit.tree
        _git(repo, "add", "--all", env=env)
        _git(repo, "commit", "--quiet", "--allow-empty", "--no-verify", "--file=-", env=env,
             stdin=commit.message.encode("utf-8") + b"\n")


def replace_atomically(out: Path, make: Any) -> None:
    """make(folder) fills a new folder beside out, which then takes out's place in one rename (an old out
    is renamed away first, and only if this script made it)."""
    out = Path(os.path.abspath(out))
    if out.exists() and not (out / ".git" / MARKER).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise StoryError(f"{out} exists and was not made by this script: not replacing it")
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    mask = os.umask(0)
    os.umask(mask)
    new.chmod(0o777 & ~mask)  # mkdtemp's is 0700: the folder gets what mkdir would give it
    old = None
    try:
        make(new)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.rename(out, old / "tree")
        os.rename(new, out)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        if old is not None and (old / "tree").exists() and not out.exists():
            os.rename(old / "tree", out)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the repository to make (replaced whole if this script made it)")
    parser.add_argument("--story", type=Path, default=STORY, help="the story (default: history/story.yaml)")
    parser.add_argument("--top", type=Path, default=TOP,
                        help="the project whose strategy/, readings/ and slos/ the story ends in")
    args = parser.parse_args(argv)
    try:
        files = today_files(args.top)
        story = read_story(args.story, files)
        history = commits(story, files, args.story)
        replace_atomically(args.out, lambda repo: build(repo, history))
    except StoryError as err:
        print(f"replay_story: {err}", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(history)} commits, {history[0].date} to {history[-1].date}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
