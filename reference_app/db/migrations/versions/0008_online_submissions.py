"""Documents recipients submit online (REQ-APP-031) and the content of their files.

Revision ID: 0008_online_submissions
Revises: 0007_approvals
Create Date: 2026-11-22

Written out in full (not from the models), like the earlier migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008_online_submissions"
down_revision: str | None = "0007_approvals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "submitted_documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("review", sa.String(length=32), nullable=False),
        sa.Column("submitted_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_submitted_documents_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_submitted_documents_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submitted_documents")),
    )
    op.create_index(
        "ix_submitted_documents_office_review",
        "submitted_documents",
        ["office_id", "review", "submitted_at_utc"],
    )
    op.create_index(op.f("ix_submitted_documents_case_id"), "submitted_documents", ["case_id"])
    op.create_table(
        "submitted_files",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["submitted_documents.id"],
            name=op.f("fk_submitted_files_document_id_submitted_documents"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_submitted_files")),
    )


def downgrade() -> None:
    op.drop_table("submitted_files")
    op.drop_table("submitted_documents")
