"""The step library of approval (決裁): stages per office, submitting, and what no one may do.

Loaded as a pytest plugin by the runner, next to the lifecycle steps (REQ-APP-022,
REQ-APP-024, REQ-APP-025, REQ-APP-026). The office's settings outlive a scenario on
every target, so a step that changes them reads them first and puts them back when the
scenario ends (:meth:`ScenarioState.undo_later`), as the section chief who may change them.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, when

from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import OFFICE, staff_of
from seikatsu_std.conformance.steps_lifecycle import (
    APPROVALS,
    acting_as,
    drafted_decision,
    established,
)
from seikatsu_std.conformance.targets import UnsupportedStepError
from seikatsu_std.model.office import APPROVER_ROLES, NoticeItem, StaffRole

#: Who changes an office's settings in a precondition (authority ``administer_office``).
_ADMINISTRATOR = "課長"


def _approver_role(name: str) -> StaffRole:
    """The approving role a scenario names (査察指導員, 課長 …), by its label."""
    for role in APPROVER_ROLES:
        if role.label == name or role.label.startswith(f"{name}（"):
            return role
    raise KeyError(f"{name!r} is not an approving role")


def _change_settings(state: ScenarioState, office_id: str, change: dict[str, Any]) -> None:
    """Change ``office_id``'s settings as the section chief, and restore them after the scenario."""
    administrator = staff_of(_ADMINISTRATOR)
    with acting_as(state, administrator):
        state.reply = read = state.target.office_settings(office_id)
        established(state, f"福祉事務所 {office_id} の設定の取得")
        before = {key: read.body["settings"][key] for key in change}
        state.reply = state.target.change_office_settings(office_id, change)
        established(state, f"福祉事務所 {office_id} の設定の変更")

    def restore() -> None:
        with acting_as(state, administrator):
            state.target.change_office_settings(office_id, before)

    state.undo_later(restore)


@given(parsers.parse('福祉事務所 "{office_id}" の決裁段階が {stages} の順に設定されている'))
def approval_stages(state: ScenarioState, office_id: str, stages: str) -> None:
    names = re.findall(r'"([^"]+)"', stages)
    _change_settings(
        state,
        office_id,
        {"approval_stages": [{"roles": [_approver_role(name).value]} for name in names]},
    )


@given("決定通知書の様式から審査請求の教示が除かれている")
def layout_without_review_instruction(state: ScenarioState) -> None:
    items = [item.value for item in NoticeItem if item is not NoticeItem.REVIEW_INSTRUCTION]
    _change_settings(state, OFFICE, {"notice_items": items})


@when("起案されている決定を決裁に回す")
def submit(state: ScenarioState) -> None:
    other = next((key for key in APPROVALS if key in state.values), None)
    if other is not None:
        # Only protection decisions are submitted through the standard's operation so far.
        raise UnsupportedStepError(
            "標準の API には、保護の決定以外の決定（返還金・徴収金の決定など）を決裁に回す操作がまだありません"
        )
    drafted = drafted_decision(state)
    state.reply = reply = state.target.submit_decision(drafted.decision_id, drafted.version)
    if reply.status == 200:
        drafted.version = reply.body["version"]


@when(parsers.parse('福祉事務所 "{office_id}" の設定で起案者による決裁を許可する'))
def allow_drafter_approval(state: ScenarioState, office_id: str) -> None:
    state.reply = reply = state.target.change_office_settings(
        office_id, {"drafter_may_approve": True}
    )
    if 200 <= reply.status < 300:
        # A target that accepted it fails the scenario; the next ones must not inherit it.
        state.undo_later(
            lambda: state.target.change_office_settings(office_id, {"drafter_may_approve": False})
        )


@when(parsers.parse('職員 "{staff_id}" に決裁権限を付与する'))
def grant_approval(state: ScenarioState, staff_id: str) -> None:
    state.reply = state.target.grant_role(staff_id, {"role": StaffRole.SUPERVISOR.value})
