"""Intake: the consultation's and the application's new items, in the stored documents.

Revision ID: 0005_intake
Revises: 0004_determination
Create Date: 2026-11-22

One new column, ``applications.notified_on`` (決定通知日: the day the decision
answering the application was notified), copied from the document like the
other application columns, for the list of applications whose notice is
overdue (30日経過). It is filled from the notified decisions that answer an
application.

Otherwise consultations and applications live in their JSON documents. What
changes is the shape of two values stored before:

- 申請の意思 (``wishes_to_apply``) was yes-or-no and is now one of
  ``yes`` / ``no`` / ``unconfirmed`` (確認できず): ``true`` → ``yes``,
  ``false`` → ``no``.
- 受付方法 (``channel``) mixed where and how an application came
  (窓口・郵送・訪問先・電子申請). It is now how (申請書・口頭・その他の書面・
  電子申請), and where is 受付の場所 (``place``). An application stored as
  窓口・郵送・訪問先 was taken on the application form (the only way the
  standard recorded before): ``counter`` → ``written_form`` at ``counter``,
  and so on; an electronic one stays electronic, with no place.

The new optional items (連絡先, 申請書様式の交付, 取下げの記録, ...) are simply
absent from older documents, which the models read as not recorded.

Downgrading maps back: 確認できず → ``false`` (the old yes-or-no could not say
it), and an application keeps its place as its channel (``counter`` for an
oral or other written application with no place). The new items are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

from reference_app.db.documents import rewrite_documents

revision: str = "0005_intake"
down_revision: str | None = "0004_determination"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PLACES = ("counter", "mail", "visit")
_ELECTRONIC = "electronic"
#: Items of the consultation and the application that older documents do not have.
_NEW_CONSULTATION_ITEMS = (
    "contact",
    "wish_unconfirmed_reason",
    "wish_expressed_on",
    "application_form",
    "form_handed_on",
    "form_not_handed_reason",
)
_NEW_APPLICATION_ITEMS = ("place", "received_on_change_reason", "withdrawal", "notified_on")


def _wish_up(data: dict[str, Any]) -> dict[str, Any]:
    wish = data.get("wishes_to_apply")
    if isinstance(wish, bool):
        data["wishes_to_apply"] = "yes" if wish else "no"
    return data


def _channel_up(data: dict[str, Any]) -> dict[str, Any]:
    channel = data.get("channel")
    if channel in _PLACES:
        data["channel"] = "written_form"
        data["place"] = channel
    return data


def _wish_down(data: dict[str, Any]) -> dict[str, Any]:
    wish = data.get("wishes_to_apply")
    if isinstance(wish, str):
        data["wishes_to_apply"] = wish == "yes"
    for item in _NEW_CONSULTATION_ITEMS:
        data.pop(item, None)
    return data


def _channel_down(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("channel") != _ELECTRONIC:
        data["channel"] = data.get("place") or "counter"
    for item in _NEW_APPLICATION_ITEMS:
        data.pop(item, None)
    return data


def _notified_days() -> dict[str, str]:
    """The day each application's decision was notified (from the notified decisions)."""
    decisions = sa.table("decisions", sa.column("data", sa.JSON()))
    days: dict[str, str] = {}
    for (data,) in op.get_bind().execute(sa.select(decisions.c.data)).all():
        if data.get("application_id") and data.get("notified_on"):
            days[data["application_id"]] = data["notified_on"]
    return days


def upgrade() -> None:
    op.add_column("applications", sa.Column("notified_on", sa.Date(), nullable=True))
    rewrite_documents("consultations", _wish_up)
    notified = _notified_days()

    def application_up(data: dict[str, Any]) -> dict[str, Any]:
        data = _channel_up(data)
        if data.get("id") in notified:
            data["notified_on"] = notified[data["id"]]
        return data

    rewrite_documents("applications", application_up)
    applications = sa.table(
        "applications", sa.column("id", sa.String()), sa.column("notified_on", sa.Date())
    )
    for application_id, day in notified.items():
        op.get_bind().execute(
            applications.update()
            .where(applications.c.id == application_id)
            .values(notified_on=date.fromisoformat(day))
        )


def downgrade() -> None:
    rewrite_documents("consultations", _wish_down)
    rewrite_documents("applications", _channel_down)
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("notified_on")
