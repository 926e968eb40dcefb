"""Intake: the consultation's and the application's new items, in the stored documents.

Revision ID: 0005_intake
Revises: 0002_lifecycle
Create Date: 2026-11-22

No column changes: consultations and applications live in their JSON
documents. What changes is the shape of two values stored before:

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

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005_intake"
down_revision: str | None = "0002_lifecycle"
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
_NEW_APPLICATION_ITEMS = ("place", "received_on_change_reason", "withdrawal")

Rewrite = Callable[[dict[str, Any]], dict[str, Any]]


def _rewrite(table_name: str, change: Rewrite) -> None:
    """Rewrite every stored document of ``table_name`` with ``change``."""
    table = sa.table(table_name, sa.column("id", sa.String()), sa.column("data", sa.JSON()))
    connection = op.get_bind()
    for record_id, data in connection.execute(sa.select(table.c.id, table.c.data)).all():
        changed = change(dict(data))
        if changed != data:
            connection.execute(table.update().where(table.c.id == record_id).values(data=changed))


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


def upgrade() -> None:
    _rewrite("consultations", _wish_up)
    _rewrite("applications", _channel_up)


def downgrade() -> None:
    _rewrite("consultations", _wish_down)
    _rewrite("applications", _channel_down)
