"""Designated medical institutions, medical and care tickets, and payments.

Revision ID: 0010_tickets_payments
Revises: 0009_transfers
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010_tickets_payments"
down_revision: str | None = "0009_transfers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables of records found by their case (a JSON document, a version, the case).
CASE_TABLES = ("medical_tickets", "care_tickets", "payments")


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "medical_institutions",
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medical_institutions")),
    )
    for table in CASE_TABLES:
        op.create_table(
            table,
            *_record_columns(),
            sa.Column("case_id", sa.String(length=64), nullable=False),
            sa.ForeignKeyConstraint(
                ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases")
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"])


def downgrade() -> None:
    for table in reversed(CASE_TABLES):
        op.drop_index(op.f(f"ix_{table}_case_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("medical_institutions")
