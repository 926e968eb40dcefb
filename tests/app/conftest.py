"""Databases for the reference app's tests: SQLite always, PostgreSQL when it answers.

``database_url`` / ``engine`` run a test on both. PostgreSQL is taken from
``SEIKATSU_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``);
each test gets a new schema of its own (``search_path`` set in the URL), so
parallel pytest-xdist workers never meet, and the schema is dropped afterwards.
If the server does not answer, the PostgreSQL variants are skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from reference_app.db.migrate import upgrade
from reference_app.db.stores import make_engine
from seikatsu_std.calc import Calculator
from seikatsu_std.services.demo import DemoOffice, demo_office

POSTGRES_URL = os.environ.get(
    "SEIKATSU_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def _conninfo(url: str) -> str:
    """``url`` as libpq understands it (no SQLAlchemy driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL URL if the server answers (else every PostgreSQL test is skipped)."""
    try:
        with psycopg.connect(_conninfo(POSTGRES_URL), connect_timeout=3, autocommit=True):
            pass
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        pytest.skip(f"PostgreSQL not reachable at {_shown(POSTGRES_URL)}: {reason}")
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL on a new, empty schema of the test database (dropped after the test)."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    conninfo = _conninfo(postgres_server)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield (
            make_url(postgres_server)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A URL of a new SQLite file."""
    return f"sqlite:///{tmp_path / 'seikatsu.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """A new, empty database of each kind."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


def _migrated(url: str, **kwargs: object) -> Iterator[Engine]:
    upgrade(url)
    engine = make_engine(url, **kwargs)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a migrated database of each kind."""
    yield from _migrated(database_url)


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """An engine on a migrated SQLite database."""
    yield from _migrated(sqlite_url)


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    """An engine on a migrated PostgreSQL schema (room for 25 concurrent connections)."""
    yield from _migrated(postgres_url, pool_size=25, max_overflow=0)


@pytest.fixture(scope="session")
def demo() -> DemoOffice:
    """The synthetic office with 30 cases (the same as tests/services/test_cases.py uses)."""
    return demo_office(30, calculator=Calculator())
