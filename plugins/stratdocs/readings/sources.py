"""Data sources for `readings pull`: SQLAlchemy URLs from the settings, credentials from the environment only."""

from __future__ import annotations

import contextlib
import os
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FILE_BACKENDS = ("sqlite", "duckdb")  # a relative database path is relative to the project
CONNECT_TIMEOUT = 10  # seconds: an unreachable server fails the pull, it does not hang it


class SourceError(Exception):
    """A source that cannot be opened, or a query that failed; the message holds no secret."""


@dataclass(frozen=True)
class Secrets:
    """What must never be printed: the URL's password and every value taken from the environment."""

    values: tuple[str, ...] = ()

    def hide(self, text: str) -> str:
        for value in sorted(self.values, key=len, reverse=True):
            for form in {value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value)}:
                text = text.replace(form, "***")
        return text


def expand(text: str, environ: Mapping[str, str], used: list[str], quote: bool = False) -> str:
    """${NAME} replaced by the environment variable NAME (URL-quoted if asked), each value noted in used."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in environ:
            raise SourceError(f"the environment variable {name} is not set (the source's URL reads it)")
        used.append(environ[name])
        return urllib.parse.quote(environ[name], safe="") if quote else environ[name]
    return _PLACEHOLDER.sub(value, text)


def resolve_url(template: str, environ: Mapping[str, str], project_dir: Path) -> tuple[URL, Secrets]:
    """The URL to connect to: placeholders filled in each part (so a password may hold any character)."""
    used: list[str] = []
    try:
        url = sa.make_url(template)
        url = url.set(username=_filled(url.username, environ, used), password=_filled(url.password, environ, used),
                      host=_filled(url.host, environ, used), database=_filled(url.database, environ, used),
                      query={key: expand(value, environ, used) if isinstance(value, str) else value
                             for key, value in url.query.items()})
    except (sa.exc.ArgumentError, ValueError):
        # The placeholder stands where no part is parsed (a port, the whole URL): fill it in first,
        # quoted unless it is the whole URL, so that an '@' in a password cannot move the host.
        try:
            url = sa.make_url(expand(template, environ, used, quote=not _PLACEHOLDER.fullmatch(template)))
        except (sa.exc.ArgumentError, ValueError) as err:
            raise SourceError(Secrets(tuple(used)).hide(f"not an SQLAlchemy URL: {err}")) from None
    secrets = Secrets(tuple(v for v in [*used, url.password or ""] if v))
    return _in_project(url, project_dir), secrets


def _filled(part: str | None, environ: Mapping[str, str], used: list[str]) -> str | None:
    return expand(part, environ, used) if part else part


def _in_project(url: URL, project_dir: Path) -> URL:
    database = url.database or ""
    if (url.get_backend_name() in _FILE_BACKENDS and database and database != ":memory:"
            and not re.match(r"^\w+:", database) and not os.path.isabs(database)):
        return url.set(database=str(project_dir / database))
    return url


class Source:
    """A named source, opened on its first query; a source that failed to open is not tried again."""

    def __init__(self, name: str, template: str, environ: Mapping[str, str], project_dir: Path) -> None:
        self.name = name
        self._template, self._environ, self._project_dir = template, environ, project_dir
        self.secrets = Secrets()
        self._engine: Engine | None = None
        self._connection: Connection | None = None
        self._failure: str | None = None

    def fetch(self, query: str) -> tuple[list[str], Sequence[Sequence[Any]]]:
        """The query's column names and rows; SourceError if it fails. Nothing it does is committed."""
        # The driver's own cursor: the SQL reaches the database as written (SQLAlchemy would read
        # ':name' as a parameter, psycopg '%' as a placeholder).
        driver = self._connect().connection
        cursor = driver.cursor()
        try:
            cursor.execute(query)
            if cursor.description is None:
                raise SourceError("the query returns no rows: write a SELECT returning date and value")
            return [column[0] for column in cursor.description], cursor.fetchall()
        except SourceError:
            raise
        except Exception as err:  # noqa: BLE001  (any driver's error: reported, without secrets)
            raise SourceError(self.describe(err)) from None
        finally:
            with contextlib.suppress(Exception):
                cursor.close()
            with contextlib.suppress(Exception):
                driver.rollback()  # a query only reads; a failed one must not spoil the next

    def describe(self, err: BaseException) -> str:
        """The error in the driver's own words, every secret hidden."""
        orig = getattr(err, "orig", None) or err
        # Up to three lines, each on one line; a caret line pointing into the SQL means nothing here.
        text = self.secrets.hide(str(orig))  # before anything reshapes it, so every secret is still whole
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip(" \t^")]
        return f"{type(orig).__name__}: {' '.join(lines[:3]) or 'no message'}"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._connection is not None:
                self._connection.close()
            if self._engine is not None:
                self._engine.dispose()

    def _connect(self) -> Connection:
        if self._failure is not None:
            raise SourceError(self._failure)
        if self._connection is None:
            try:
                url, self.secrets = resolve_url(self._template, self._environ, self._project_dir)
                self._engine = sa.create_engine(url, connect_args=_connect_args(url, self._project_dir))
                self._connection = self._engine.connect()
            except SourceError as err:
                self._failure = f"cannot open source '{self.name}': {err}"
                raise SourceError(self._failure) from None
            except Exception as err:  # noqa: BLE001  (a missing driver, a refused login: reported, never shown raw)
                self._failure = f"cannot open source '{self.name}': {self.describe(err)}"
                raise SourceError(self._failure) from None
        return self._connection


def _connect_args(url: URL, project_dir: Path) -> dict[str, Any]:
    backend = url.get_backend_name()
    if backend == "postgresql" and "connect_timeout" not in url.query:
        return {"connect_timeout": CONNECT_TIMEOUT}
    if backend == "duckdb":
        # read_csv('data/x.csv') in a query reads from the project folder, wherever pull runs.
        args: dict[str, Any] = {"config": {"file_search_path": str(project_dir)}}
        if url.database not in (None, "", ":memory:"):
            args["read_only"] = True  # pull never writes to a source
        return args
    return {}

