"""Requests for review (審査請求) of decisions.

Revision ID: 0003_review_requests
Revises: 0002_lifecycle
Create Date: 2025-03-01

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_review_requests"
down_revision: str | None = "0002_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "review_requests",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("ruling_due_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_review_requests_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_review_requests_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_requests")),
    )
    op.create_index(
        "ix_review_requests_office_due", "review_requests", ["office_id", "ruling_due_on"]
    )
    op.create_index(op.f("ix_review_requests_case_id"), "review_requests", ["case_id"])


def downgrade() -> None:
    op.drop_table("review_requests")
