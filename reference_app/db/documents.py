"""Rewriting stored JSON documents in a migration (a record's shape changed, not its table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

#: How one stored document changes (returns the new document; the same one if unchanged).
Rewrite = Callable[[dict[str, Any]], dict[str, Any]]


def rewrite_documents(table_name: str, change: Rewrite) -> None:
    """Rewrite every stored document of ``table_name`` with ``change`` (inside a migration)."""
    table = sa.table(table_name, sa.column("id", sa.String()), sa.column("data", sa.JSON()))
    connection = op.get_bind()
    for record_id, data in connection.execute(sa.select(table.c.id, table.c.data)).all():
        changed = change(dict(data))
        if changed != data:
            connection.execute(table.update().where(table.c.id == record_id).values(data=changed))
