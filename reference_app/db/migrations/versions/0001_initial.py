"""The first schema: every table of the reference app, and the audit log's guard on PostgreSQL.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01

Written out in full (not from the models), so it stays what it was when the
models change; ``tests/app/test_migrations.py`` checks that the models and
the migrations agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _id(name: str) -> sa.Column[str]:
    """A required record id column (``RecordId``: at most 64 characters)."""
    return sa.Column(name, sa.String(length=64), nullable=False)


def _record(*columns: sa.Column[Any]) -> list[sa.Column[Any]]:
    """The columns of a stored record: id, the record as JSON, its version, then ``columns``."""
    return [
        _id("id"),
        sa.Column("data", _json(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *columns,
    ]


#: Refuses to change or remove audit entries (the hash chain would still show it,
#: but the database should not let it happen in the first place). One statement
#: each; no "%" (the driver's parameter marker).
AUDIT_GUARD = (
    """
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = 'audit_log is append-only: ' || TG_OP || ' is not allowed',
            ERRCODE = 'insufficient_privilege';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
    """,
)


def upgrade() -> None:
    op.create_table(
        "offices",
        *_record(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
    )
    op.create_table(
        "staff",
        *_record(_id("office_id")),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_staff_office_id_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_index(op.f("ix_staff_office_id"), "staff", ["office_id"])
    op.create_table(
        "households",
        *_record(
            sa.Column("head_name", sa.Text(), nullable=False),
            sa.Column("head_kana", sa.Text(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    op.create_table(
        "cases",
        *_record(
            _id("office_id"),
            sa.Column(
                "case_number",
                sa.String().with_variant(sa.String(collation="C"), "postgresql"),
                nullable=False,
            ),
            _id("household_id"),
            sa.Column("status", sa.String(length=32), nullable=False),
            _id("caseworker_id"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_cases_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_cases_office_id_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint(
            "office_id", "case_number", name=op.f("uq_cases_office_id_case_number")
        ),
    )
    op.create_index(op.f("ix_cases_household_id"), "cases", ["household_id"])
    op.create_index(
        "ix_cases_office_caseworker_status", "cases", ["office_id", "caseworker_id", "status"]
    )
    op.create_table(
        "decisions",
        *_record(_id("case_id"), sa.Column("drafted_on", sa.Date(), nullable=False)),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_decisions_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_index(op.f("ix_decisions_case_id"), "decisions", ["case_id"])
    op.create_table(
        "calculations",
        *_record(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calculations")),
    )
    op.create_table(
        "personal_numbers",
        _id("member_id"),
        _id("id"),
        sa.Column("digits", sa.String(length=12), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_personal_numbers")),
        sa.UniqueConstraint("id", name=op.f("uq_personal_numbers_id")),
    )
    op.create_table(
        "audit_log",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("at_utc", sa.DateTime(timezone=True), nullable=False),
        _id("actor_id"),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    op.create_index(op.f("ix_audit_log_case_id"), "audit_log", ["case_id"])
    op.create_index(op.f("ix_audit_log_actor_id"), "audit_log", ["actor_id"])
    op.create_index(op.f("ix_audit_log_at_utc"), "audit_log", ["at_utc"])
    op.create_table(
        "case_events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        _id("case_id"),
        sa.Column("at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_case_events")),
    )
    op.create_index("ix_case_events_case_at", "case_events", ["case_id", "at_utc"])
    op.create_table(
        "accounts",
        sa.Column("login_id", sa.String(length=64), nullable=False),
        _id("staff_id"),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_accounts_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("login_id", name=op.f("pk_accounts")),
    )
    op.create_index(op.f("ix_accounts_staff_id"), "accounts", ["staff_id"])
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _id("staff_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_sessions_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_staff_id"), "sessions", ["staff_id"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in AUDIT_GUARD:
            op.execute(statement)


def downgrade() -> None:
    for table in (
        "sessions",
        "accounts",
        "case_events",
        "audit_log",
        "personal_numbers",
        "calculations",
        "decisions",
        "cases",
        "households",
        "staff",
        "offices",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
