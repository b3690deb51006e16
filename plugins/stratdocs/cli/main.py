"""The `stratdocs` command: a thin adapter over the pipeline."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import string
import sys
from pathlib import Path

import click

from .. import __version__
from ..config import ConfigError
from ..findings import Finding, Severity
from ..kinds import KINDS
from ..pipeline import Result, discover, run
from ..resources import schemas_dir
from .project import Project
from .readings import readings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group()
@click.version_option(__version__, prog_name="stratdocs")
def main() -> None:
    """Strategy as code: lint and scaffold strategy documents."""


def _project() -> Project:
    try:
        return Project(Path.cwd())
    except ConfigError as err:
        raise click.UsageError(str(err)) from None


def _config(project: Project):
    try:
        return project.config()
    except ConfigError as err:
        raise click.UsageError(str(err)) from None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github", "sarif", "gitlab"]),
              default="text", show_default=True,
              help="Output format: text, json, github (Actions annotations), sarif (2.1.0), gitlab (Code Quality).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--changed-since", "changed_since", metavar="REV",
              help="Lint everything but report only findings in files changed since git revision REV "
                   "(or in documents that refer to them).")
def lint(paths: tuple[Path, ...], output_format: str, strict: bool, changed_since: str | None) -> None:
    """Check strategy docs under PATHS (default: the docs_dir of ./mkdocs.yml).

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 bad usage or configuration.
    """
    project = _project()
    config = _config(project)
    result = lint_result(project, paths, config)
    if changed_since is not None:
        from .changes import ChangeError, only_changed

        try:
            result = only_changed(result, changed_since)
        except ChangeError as err:
            raise click.UsageError(str(err)) from None
    if output_format == "text":
        print_text(result, config.today if config.as_of else None)
    else:
        from .formats import FORMATS, absolute_url

        docs_url = config.docs_url or project.rule_docs_url()
        if output_format == "sarif" and not absolute_url(docs_url):
            click.echo("warning: SARIF rules carry no links to their pages: set site_url in mkdocs.yml "
                       "or docs_url in [tool.stratdocs]", err=True)
        # The formatters build many small dicts; with every document still in memory each
        # garbage collection would walk the whole heap (SARIF of 10,000 docs: +70% time).
        gc.freeze()
        click.echo(FORMATS[output_format](result.findings, docs_url=docs_url))
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every rule (code, severity, name, summary), or print the docs of rule CODE.

    Severities are as configured for the project in ./pyproject.toml or ./mkdocs.yml.
    """
    from ..check.ruledocs import rule_doc
    from ..check.rules import all_rules, effective_severity

    known = all_rules()
    if code is not None:
        code = code.upper()
        if code not in known:
            raise click.BadParameter(f"no rule {code} (see `stratdocs rules`)", param_hint="CODE")
        doc = rule_doc(code)
        click.echo(doc.text.rstrip("\n") if doc else f"{code} {known[code].name}: {known[code].summary}")
        return
    config = _config(_project())
    for rule in known.values():
        click.echo(f"{rule.code}  {effective_severity(rule.code, config).value:<7}  {rule.name:<26}  {rule.summary}")


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format; markdown suits a pull-request comment.")
@click.option("--site-url", help="Link each document to its page on the site at this URL.")
def diff(base: str, head: str | None, output_format: str, site_url: str | None) -> None:
    """What changed in the strategy between git revisions BASE and HEAD (default: the working tree).

    Documents added, removed and renamed; per document the fields that changed, the findings
    introduced and fixed, and the verdicts of the evidence that moved (stage gate, aim done, guardrail,
    computed health), each side read with its own readings and both as of the same day. Nothing is
    checked out.
    """
    from ..load.gitrev import GitError
    from . import diff as strategy_diff

    project = _project()
    config = _config(project)
    try:
        before = strategy_diff.snapshot(base, project.docs_dir, config)
        after = strategy_diff.snapshot(head, project.docs_dir, config)
        as_of = strategy_diff.AsOf.of(config, project.docs_dir)
    except (GitError, ValueError) as err:
        raise click.UsageError(str(err)) from None
    changes = strategy_diff.compare(before, after)
    head_name = head or "working tree"
    if output_format == "json":
        click.echo(strategy_diff.as_json(changes, base, head_name, site_url, as_of))
    elif output_format == "markdown":
        click.echo(strategy_diff.as_markdown(changes, base, head_name, site_url, as_of))
    else:
        click.echo(strategy_diff.as_text(changes, base, head_name, as_of))


def lint_result(project: Project, paths: tuple[Path, ...], config) -> Result:
    """Lint PATHS. Paths inside the project's docs folder are checked within the whole
    folder, so their references to other documents resolve; only their findings are kept."""
    # Where a path is *named*, links not followed: a link inside the docs folder is judged
    # by the docs folder's policy (SD013), not linted where it points.
    docs_dir = _absolute(project.docs_dir)
    if not paths:
        if not docs_dir.is_dir():
            raise click.UsageError(f"no PATH given and no docs folder at {project.docs_dir}")
        return run(discover(project.docs_dir), config)
    wanted = [_absolute(p) for p in paths]
    readings_dir = _absolute(config.readings_dir) if config.readings_dir else None
    if docs_dir.is_dir() and all(_within(w, docs_dir) or (readings_dir and _within(w, readings_dir)) for w in wanted):
        result = run(discover(project.docs_dir), config)
        whole = docs_dir in wanted  # the whole strategy: its readings too
        keep = {doc.path for doc in result.docs if whole or _within_any(doc.path, wanted)}
        keep |= {f.path for f in result.evidence.findings if whole or _within_any(f.path, wanted)}
        return result.only_paths(keep)
    return run([source for path in paths for source in discover(path)], config)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _within_any(path: str, folders: list[Path]) -> bool:
    """_within for a shown path, by text: absolute and normalised, a path is inside a folder it starts with."""
    text = os.path.abspath(path)
    return any(text == str(f) or text.startswith(str(f).rstrip(os.sep) + os.sep) for f in folders)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["json", "mermaid", "dot"]), default="json",
              show_default=True, help="json: the whole graph (schemas/export.schema.json); mermaid, dot: the map.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this new file instead of standard output (an existing file is never overwritten).")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def export(output_format: str, output: Path | None, path: Path | None) -> None:
    """Export the strategy graph under PATH (default: the docs_dir of ./mkdocs.yml)."""
    from .export import export_text

    project = _project()
    config = _config(project)
    result = lint_result(project, (path,) if path else (), config)
    alignment = _alignment(project, config, path if path and path.is_dir() else None) \
        if output_format == "json" else None
    text = export_text(result, output_format, config.today, alignment)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        click.echo(f"error: {output} already exists; not overwriting it", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(f"wrote {output}", err=True)



@main.command("index")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the five dimensions for a person; json: the figures, trends and rows, for tracking.")
def alignment_index_command(path: Path | None, output_format: str) -> None:
    """The Alignment Index of the strategy under PATH (default: the docs_dir of ./mkdocs.yml), measured from its
    git history as of the project's day: course-correction speed, information flow, surprise frequency, pivot
    history and psychological safety. Without git history it says what is missing (exit 0)."""
    from .alignment import index_text

    project = _project()
    config = _config(project)
    index = _alignment(project, config, path)
    if output_format == "json":
        click.echo(json.dumps(index.as_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(index_text(index), nl=False)


def _alignment(project: Project, config, path: Path | None):
    from ..alignment.compute import alignment_index

    docs_dir = path or project.docs_dir
    if not docs_dir.is_dir():
        raise click.UsageError(f"no PATH given and no docs folder at {project.docs_dir}")
    return alignment_index(docs_dir, config, cache_dir=project.directory / ".cache" / "stratdocs")


@main.command()
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="markdown: a note to paste into a meeting note or pull request; json: data.")
def review(output_format: str) -> None:
    """The weekly review: each active aim's signals against last week and their target, late readings,
    gates due in the next 14 days and decisions of the last 7, as of the project's day (as_of or today)."""
    from ..evaluate.review import weekly_review
    from .review import review_json, review_markdown

    project = _project()
    config = _config(project)
    result = lint_result(project, (), config)
    weekly = weekly_review(result.graph, result.evidence, config.today)
    if output_format == "json":
        click.echo(json.dumps(review_json(weekly), indent=2, ensure_ascii=False))
    else:
        click.echo(review_markdown(weekly), nl=False)


STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_text(result: Result, as_of: dt.date | None = None) -> None:
    console = _console()
    for finding in result.findings:
        if console is None:
            click.echo(finding.as_text())
        else:
            console.print(_styled(finding), soft_wrap=True)
    checked = (f"{len(result.docs)} file(s) checked" if result.reported in (None, len(result.docs)) else
               f"{result.reported} file(s) checked ({len(result.docs)} read for their references)")
    series = len(result.evidence.series)
    checked += f", {series} readings file(s) read" if series else ""
    summary = (f"{checked}: {result.count(Severity.ERROR)} error(s), "
               f"{result.count(Severity.WARNING)} warning(s), {result.count(Severity.INFO)} info")
    if as_of is not None:
        summary += f" (as of {as_of.isoformat()}, the as_of setting)"
    history = result.evidence.history
    if history is not None and (not history.available or history.shallow):
        summary += f"\nlast reviews: {history.reason}"
    click.echo(summary, err=True)


def _console():
    """A rich console only when stdout is a terminal and NO_COLOR (https://no-color.org) is unset or empty.

    With NO_COLOR, no escape codes at all: rich alone would still print bold and dim.
    """
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return None
    from rich.console import Console

    return Console(highlight=False)


def _styled(finding: Finding):
    from rich.text import Text

    text = Text(f"{finding.path}:{finding.line}:{finding.column}: ", style="bold")
    text.append(finding.severity.value, style=STYLES[finding.severity])
    text.append(f" {finding.code} ", style="dim")
    text.append(finding.message)  # plain Text: user text is never read as markup
    return text


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("doc_id")
@click.option("--title", help="Title of the new document (default: from the id).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (default: the docs_dir of ./mkdocs.yml, or strategy/).")
def new(kind: str, doc_id: str, title: str | None, directory: Path | None) -> None:
    """Write a filled-in KIND template as DOC_ID.md. Never overwrites a file."""
    problem = id_problem(doc_id)
    if problem:
        raise click.BadParameter(problem, param_hint="DOC_ID")
    project = _project()
    config = _config(project)
    directory = directory or project.docs_dir
    target = directory / f"{doc_id}.md"
    if directory.is_dir():
        taken = {doc.id: doc.path for doc in run(discover(directory), config).docs if doc.id}
        if doc_id in taken:
            click.echo(f"error: id '{doc_id}' is already used by {taken[doc_id]}", err=True)
            sys.exit(EXIT_FINDINGS)
    text = render_template(kind, doc_id, title or doc_id.replace("-", " ").capitalize(), config.today)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": fail if it exists
            handle.write(text)
    except FileExistsError:
        click.echo(f"error: {target} already exists; not overwriting it", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(f"wrote {target}")


def id_problem(doc_id: str) -> str | None:
    """Why the schemas would refuse DOC_ID as an id (defs.schema.json#/$defs/id), or None."""
    from ..validate.validate import jsonschema_validator

    definition = json.loads((schemas_dir() / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]["id"]
    if jsonschema_validator(definition).is_valid(doc_id):
        return None
    return f"use {definition['title']}, at most {definition['maxLength']} characters"


def render_template(kind: str, doc_id: str, title: str, today: dt.date) -> str:
    """The KIND template filled in, dated from the day the project is evaluated at."""
    template = string.Template(KINDS[kind].template)
    return template.substitute(
        id=doc_id, title=json.dumps(title, ensure_ascii=False), today=today.isoformat(),
        in_two_weeks=(today + dt.timedelta(days=14)).isoformat())


main.add_command(readings)
