"""The case lifecycle: consultations, applications and support inquiries.

Revision ID: 0002_lifecycle
Revises: 0001_initial
Create Date: 2025-02-01

Written out in full (not from the models), like the first migration.

Nothing else changes: the new case state ``withdrawn`` (申請取下げ) fits the
``cases.status`` column as it is (``String(32)``, no list of states in the
database), and a decision's ``transferred_to`` lives in its JSON document
(no store queries it), which the model reads as empty in decisions stored
before it existed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_lifecycle"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _id(name: str, *, nullable: bool = False) -> sa.Column[str]:
    """A record id column (``RecordId``: at most 64 characters)."""
    return sa.Column(name, sa.String(length=64), nullable=nullable)


def _record(*columns: sa.Column[Any]) -> list[sa.Column[Any]]:
    """The columns of a stored record: id, the record as JSON, its version, then ``columns``."""
    return [
        _id("id"),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *columns,
    ]


def upgrade() -> None:
    op.create_table(
        "consultations",
        *_record(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
    )
    op.create_table(
        "applications",
        *_record(
            _id("office_id"),
            sa.Column("status", sa.String(length=32), nullable=False),
            sa.Column("received_on", sa.Date(), nullable=False),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_applications_office_id_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    op.create_index(
        "ix_applications_office_status_received",
        "applications",
        ["office_id", "status", "received_on"],
    )
    op.create_table(
        "support_inquiries",
        *_record(_id("application_id", nullable=True)),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_support_inquiries_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_inquiries")),
    )
    op.create_index(
        op.f("ix_support_inquiries_application_id"), "support_inquiries", ["application_id"]
    )


def downgrade() -> None:
    for table in ("support_inquiries", "applications", "consultations"):
        op.drop_table(table)
