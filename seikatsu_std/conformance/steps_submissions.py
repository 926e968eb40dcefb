"""The step library of documents recipients submit online (REQ-APP-031).

Loaded as a pytest plugin by the runner, next to the lifecycle steps. The
submitter is the head of the case's household (read from the case, as the
online service knows who logged in to it); the file is a small synthetic one
whose media type follows the file name. Each submission is remembered in
``state.values`` by case id, so that lists are checked on the scenario's own
submissions only (an HTTP target keeps what earlier scenarios sent).

The caseworker's list is the list of the staff member who asks for it: the
step asks as the caseworker in charge of the cases the scenario submitted to
(the reply of each submission names that caseworker), then logs back in.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from typing import Any

from pytest_bdd import given, parsers, when

from seikatsu_std.conformance.fields import field_titled, json_value, put
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps_lifecycle import LISTS, ListOf, acting_as, established
from seikatsu_std.model.household import Relationship
from seikatsu_std.services.audit import AccessPurpose
from seikatsu_std.services.submission_models import (
    OnlineSubmission,
    PendingSubmissions,
    SubmittedDocumentView,
)

#: The media type of a file whose name says nothing the kit knows.
_UNKNOWN_MEDIA_TYPE = "application/octet-stream"


@dataclass
class Submitted:
    """A document the scenario submitted."""

    submission_id: str
    version: int
    caseworker_id: str


def _submitted(state: ScenarioState) -> dict[str, list[Submitted]]:
    made: dict[str, list[Submitted]] = state.values.setdefault("submissions", {})
    return made


def _head_of(state: ScenarioState, case_id: str) -> str:
    """The member id of the head of the case's household (the recipient who submits)."""
    reply = state.target.get_case(case_id, AccessPurpose.CASEWORK.value)
    assert reply.status == 200, f"ケース {case_id} を読めません: HTTP {reply.status} {reply.body}"
    members: list[dict[str, Any]] = reply.body["household"]["members"]
    head = next(m for m in members if m["relationship"] == Relationship.HEAD.value)
    member_id: str = head["id"]
    return member_id


def _body(state: ScenarioState, case_id: str, kind: str, file_name: str, at: str) -> dict[str, Any]:
    media_type = mimetypes.guess_type(file_name)[0] or _UNKNOWN_MEDIA_TYPE
    content = f"適合性確認用の架空の書類: {kind} {file_name}".encode()
    body: dict[str, Any] = {}
    for title, value in (
        ("提出者", _head_of(state, case_id)),
        ("種類", kind),
        ("ファイル名", file_name),
        ("ファイルの種類", media_type),
        ("ファイルの内容", base64.b64encode(content).decode("ascii")),
        ("提出日時", at),
    ):
        field = field_titled(OnlineSubmission, title)
        put(body, field, json_value(field, value) if field.enum is not None else value)
    return body


def _submit(state: ScenarioState, case_id: str, kind: str, file_name: str, at: str) -> None:
    body = _body(state, case_id, kind, file_name, at)
    state.reply = reply = state.target.submit_online_document(case_id, body)
    if reply.status == 201:
        _submitted(state).setdefault(case_id, []).append(
            Submitted(
                reply.body["submission"]["id"], reply.body["version"], reply.body["caseworker_id"]
            )
        )


@when(
    parsers.parse(
        'ケース "{case_id}" の被保護者が{kind} "{file_name}" を "{at}" にオンラインで提出する'
    )
)
def submit(state: ScenarioState, case_id: str, kind: str, file_name: str, at: str) -> None:
    _submit(state, case_id, kind, file_name, at)


@given(
    parsers.parse(
        'ケース "{case_id}" の被保護者が{kind} "{file_name}" を "{at}" にオンラインで提出している'
    )
)
def submitted(state: ScenarioState, case_id: str, kind: str, file_name: str, at: str) -> None:
    _submit(state, case_id, kind, file_name, at)
    established(state, f"ケース {case_id} に{kind}をオンラインで提出できる")


@when("現業員の確認待ちの一覧を取得する")
def pending_list(state: ScenarioState) -> None:
    in_charge = {s.caseworker_id for made in _submitted(state).values() for s in made}
    assert len(in_charge) <= 1, (
        f"この場面の書類の担当現業員が1人ではありません: {sorted(in_charge)}"
    )
    caseworker = next(iter(in_charge), state.values.get("staff_id"))
    assert caseworker is not None, "ログインしていません"
    with acting_as(state, caseworker):
        state.reply = state.target.pending_submissions()


def _submission_row(
    state: ScenarioState, case_id: str, rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    made = _submitted(state).get(case_id)
    if not made:
        raise KeyError(f"この場面でケース「{case_id}」に書類を提出していません")
    wanted = {s.submission_id for s in made}
    return next((row for row in rows if row["submission"]["id"] in wanted), None)


LISTS[PendingSubmissions] = ListOf(SubmittedDocumentView, _submission_row)
