"""The investigations after an application: support obligors, asset inquiries, the
assessments of the ability to work and the checklists of other measures.

Revision ID: 0006_investigations
Revises: 0005_intake
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_investigations"
down_revision: str | None = "0005_intake"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables of records found by their application (a JSON document, a version, the application).
TABLES = (
    "support_obligors",
    "asset_inquiries",
    "work_capacity_assessments",
    "other_measure_checklists",
)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    for table in TABLES:
        op.create_table(
            table,
            sa.Column("id", sa.String(length=64), nullable=False),
            sa.Column("data", _json(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("application_id", sa.String(length=64), nullable=False),
            sa.ForeignKeyConstraint(
                ["application_id"],
                ["applications.id"],
                name=op.f(f"fk_{table}_application_id_applications"),
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_application_id"), table, ["application_id"])
    # The date of the answer, for the list of the unanswered inquiries.
    op.add_column("asset_inquiries", sa.Column("answered_on", sa.Date(), nullable=True))
    op.create_index(op.f("ix_asset_inquiries_answered_on"), "asset_inquiries", ["answered_on"])


def downgrade() -> None:
    op.drop_index(op.f("ix_asset_inquiries_answered_on"), table_name="asset_inquiries")
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_application_id"), table_name=table)
        op.drop_table(table)
