"""The step library of requests for review (審査請求) of decisions (REQ-APP-033).

Loaded as a pytest plugin by the runner, next to the lifecycle steps. A request
names its decision (one of the conformance dataset) and is remembered in ``state.values`` by case id, so that lists are checked on the
scenario's own request only (an HTTP target keeps what earlier scenarios made).
The overdue list is asked for a given day (``as_of``), which every target
answers, or for the scenario's day (今日は …, in-process only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_bdd import given, parsers, when

from seikatsu_std.conformance.fields import body_from_rows
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import OFFICE
from seikatsu_std.conformance.steps_lifecycle import LISTS, ListOf
from seikatsu_std.services.models import (
    ReviewRequestDraft,
    ReviewRequests,
    ReviewRequestView,
    RulingRecord,
)


@dataclass
class Requested:
    """A request for review the scenario registered."""

    review_request_id: str
    version: int


def _requests(state: ScenarioState) -> dict[str, Requested]:
    made: dict[str, Requested] = state.values.setdefault("review_requests", {})
    return made


def _register(state: ScenarioState, case_id: str, rows: list[list[str]]) -> None:
    body = body_from_rows(ReviewRequestDraft, rows)
    state.reply = reply = state.target.register_review_request(case_id, body)
    if reply.status == 201:
        _requests(state)[case_id] = Requested(
            reply.body["review_request"]["id"], reply.body["version"]
        )


@when(parsers.parse('次の内容でケース "{case_id}" の決定に対する審査請求を登録する'))
def register(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _register(state, case_id, datatable)


@given(parsers.parse('次の内容でケース "{case_id}" の決定に対する審査請求が登録されている'))
def registered(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _register(state, case_id, datatable)
    reply = state.last()
    state.expect(f"前提: ケース {case_id} の審査請求を登録できる（HTTP 201）")
    assert reply.status == 201, f"review request not registered: {reply.status} {reply.body}"


@when("審査請求の裁決を次の内容で登録する")
def record_ruling(state: ScenarioState, datatable: list[list[str]]) -> None:
    made = _requests(state)
    assert len(made) == 1, f"この場面で登録した審査請求が1件ではありません: {list(made)}"
    (requested,) = made.values()
    body = {**body_from_rows(RulingRecord, datatable), "version": requested.version}
    state.reply = reply = state.target.record_review_ruling(requested.review_request_id, body)
    if reply.status == 200:
        requested.version = reply.body["version"]


@when("裁決期限を経過した審査請求の一覧を取得する")
def list_overdue(state: ScenarioState) -> None:
    state.reply = state.target.review_requests(
        OFFICE, as_of=state.values.get("today"), overdue=True
    )


@when(parsers.parse('基準日 "{day}" で裁決期限を経過した審査請求の一覧を取得する'))
def list_overdue_on(state: ScenarioState, day: str) -> None:
    state.reply = state.target.review_requests(OFFICE, as_of=day, overdue=True)


def _review_row(
    state: ScenarioState, case_id: str, rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    requested = _requests(state).get(case_id)
    if requested is None:
        raise KeyError(f"この場面でケース「{case_id}」の審査請求は登録していません")
    wanted = requested.review_request_id
    return next((row for row in rows if row["review_request"]["id"] == wanted), None)


LISTS[ReviewRequests] = ListOf(ReviewRequestView, _review_row)
