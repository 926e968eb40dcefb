"""Need determinations (要否判定), by application.

Revision ID: 0004_determination
Revises: 0003_review_requests
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.

A decision's new items (the withdrawal declaration and free-will check of a
termination by withdrawal, the need determination a rejection rests on) live
in its JSON document; no store queries them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_determination"
down_revision: str | None = "0003_review_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "need_determinations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.String(length=64), nullable=False),
        sa.Column("determined_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_need_determinations_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_determinations")),
    )
    op.create_index(
        op.f("ix_need_determinations_application_id"),
        "need_determinations",
        ["application_id"],
    )


def downgrade() -> None:
    op.drop_table("need_determinations")
