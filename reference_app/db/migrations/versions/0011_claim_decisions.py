"""Decisions on repayments and collections (返還金・徴収金の決定): drafted, then approved.

Revision ID: 0011_claim_decisions
Revises: 0010_tickets_payments
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011_claim_decisions"
down_revision: str | None = "0010_tickets_payments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "claim_decisions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_claim_decisions_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_claim_decisions_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_decisions")),
    )
    op.create_index(op.f("ix_claim_decisions_office_id"), "claim_decisions", ["office_id"])
    op.create_index(op.f("ix_claim_decisions_case_id"), "claim_decisions", ["case_id"])


def downgrade() -> None:
    op.drop_table("claim_decisions")
