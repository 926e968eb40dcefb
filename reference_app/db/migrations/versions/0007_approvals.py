"""Approval stages: the approval entries of stored decisions.

Revision ID: 0007_approvals
Revises: 0006_investigations
Create Date: 2026-11-22

A decision now keeps one entry per approval stage (決裁の記録: stage, role, 決裁区分,
approver, date and time), and an office may set several stages (its settings live in
the office's document; an office without them uses the standard single stage). No
table changes. A decision stored before, approved (決裁済・通知済), gets the one entry
it lacks: stage 1, final, by its recorded approver, in the role that approver holds
(査察指導員 when they hold it, otherwise 課長), at the start of the approval day in
Japan time (the time of day was never recorded).

Downgrading drops the entries and the submission date; a decision in approval (決裁中)
or submitted (決裁待ち) goes back to a draft, since the older shape had no such states.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from reference_app.db.documents import rewrite_documents

revision: str = "0007_approvals"
down_revision: str | None = "0006_investigations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FINAL = ("approved", "notified")


def _roles() -> dict[str, list[str]]:
    """The roles of every stored staff member, by id."""
    table = sa.table("staff", sa.column("id", sa.String()), sa.column("data", sa.JSON()))
    rows = op.get_bind().execute(sa.select(table.c.id, table.c.data)).all()
    return {staff_id: list(data.get("roles", [])) for staff_id, data in rows}


def upgrade() -> None:
    roles = _roles()

    def entries(data: dict[str, Any]) -> dict[str, Any]:
        if data.get("status") not in _FINAL or data.get("approvals"):
            return data
        approver = data["approved_by"]
        role = "supervisor" if "supervisor" in roles.get(approver, []) else "section_chief"
        data["approvals"] = [
            {
                "stage": 1,
                "role": role,
                "kind": "final",
                "approved_by": approver,
                "approved_at": f"{data['approved_on']}T00:00:00+09:00",
            }
        ]
        return data

    rewrite_documents("decisions", entries)


def _older(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("status") in ("submitted", "in_approval"):
        data["status"] = "draft"
    data.pop("approvals", None)
    data.pop("submitted_on", None)
    return data


def downgrade() -> None:
    rewrite_documents("decisions", _older)
