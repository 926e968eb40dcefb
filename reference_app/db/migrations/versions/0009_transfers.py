"""Records kept per case: claims (債権), assistance policies (援助方針) and transfers (移管).

Revision ID: 0009_transfers
Revises: 0008_online_submissions
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009_transfers"
down_revision: str | None = "0008_online_submissions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables of records found by their case (a JSON document, a version, the case).
TABLES = ("claims", "assistance_policies", "transfers")


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    for table in TABLES:
        op.create_table(
            table,
            sa.Column("id", sa.String(length=64), nullable=False),
            sa.Column("data", _json(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("case_id", sa.String(length=64), nullable=False),
            sa.ForeignKeyConstraint(
                ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases")
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_case_id"), table_name=table)
        op.drop_table(table)
