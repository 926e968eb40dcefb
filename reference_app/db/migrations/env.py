"""Alembic environment of the reference app (configured in code by :mod:`reference_app.db.migrate`).

The connection comes from ``config.attributes["connection"]`` when the caller
has one (the normal case: :func:`reference_app.db.migrate.upgrade`); otherwise
an engine is made from ``sqlalchemy.url`` with the app's own engine settings.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from reference_app.db.stores import make_engine
from reference_app.db.tables import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        literal_binds=connection is None,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things: later migrations copy the table.
        render_as_batch=True,
        render_item=_render_item,
    )


def _render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render the app's own column types as plain SQLAlchemy types in new revisions."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    """Emit the SQL instead of running it (``alembic upgrade --sql``)."""
    _configure(url=config.get_main_option("sqlalchemy.url"))
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url or pass a connection")
    engine = make_engine(url)
    try:
        with engine.begin() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
