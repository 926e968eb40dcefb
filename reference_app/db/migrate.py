"""Database migrations (Alembic), run from code: no alembic.ini is needed.

``upgrade(url)`` brings a database to the newest schema; the app calls it at
start. For developers::

    python -m reference_app.db.migrate upgrade [URL]
    python -m reference_app.db.migrate check [URL]        # models == migrations?
    python -m reference_app.db.migrate revision "message" [URL]   # autogenerate

(URL defaults to the app's settings, ``SEIKATSU_APP_DATABASE_URL``.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.engine import URL

from reference_app.db.stores import database_url, make_engine
from reference_app.db.tables import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | URL) -> Config:
    """The Alembic configuration of the app (script location set here, not in an ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolates "%": escape it (URL-encoded passwords and options).
    rendered = database_url(url).render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


@contextmanager
def _connected(url: str | URL) -> Iterator[tuple[Config, Connection]]:
    config = alembic_config(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            yield config, connection
    finally:
        engine.dispose()


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision`` (default: the newest)."""
    with _connected(url) as (config, _):
        command.upgrade(config, revision)


def downgrade(url: str | URL, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision`` (``"base"``: no tables)."""
    with _connected(url) as (config, _):
        command.downgrade(config, revision)


def differences(url: str | URL) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty: none)."""
    with _connected(url) as (_, connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def revision(url: str | URL, message: str) -> None:
    """Write a new revision with the differences between the models and the database."""
    with _connected(url) as (config, _):
        command.revision(config, message=message, autogenerate=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``upgrade|check|revision MESSAGE [URL]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("upgrade", "check", "revision"):
        print(__doc__)
        return 2
    action = args.pop(0)
    message = args.pop(0) if action == "revision" and args else ""
    if args:
        url = args[0]
    else:
        from reference_app.settings import Settings

        url = Settings().database_url
    if action == "upgrade":
        upgrade(url)
    elif action == "revision":
        revision(url, message or "change")
    else:
        found = differences(url)
        for item in found:
            print(item)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
