"""Authority rules: the guardrails of seeds 000 and 003, each with its reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.authority import RULES, Action, authorize
from seikatsu_std.model.office import StaffMember, StaffRole

TODAY = date(2025, 6, 1)


def staff(
    roles: list[str], employment: str = "permanent", qualified: bool = True, **extra: Any
) -> StaffMember:
    return StaffMember.model_validate(
        {
            "id": extra.get("id", "s1"),
            "office_id": extra.get("office_id", "office-a"),
            "name": "職員",
            "name_kana": "ショクイン",
            "roles": roles,
            "employment_type": employment,
            "qualifications": ["certified_welfare_officer"] if qualified else [],
            "active": extra.get("active", {"start": "2024-04-01"}),
        }
    )


def check(member: StaffMember, action: Action, **kwargs: Any):  # type: ignore[no-untyped-def]
    return authorize(
        member, action, office_id=kwargs.pop("office_id", "office-a"), on=TODAY, **kwargs
    )


def test_outsourced_staff_may_record_visits_but_never_decide_approve_or_demand():
    outsourced = staff(["caseworker", "support_staff"], employment="outsourced")
    assert check(outsourced, Action.RECORD_VISIT).allowed
    for action in (Action.DRAFT_DECISION, Action.DEMAND_REPAYMENT, Action.READ_MY_NUMBER):
        verdict = check(outsourced, action)
        assert not verdict.allowed
        assert "委託事業者の職員は行えません" in verdict.reason_ja
    with pytest.raises(ValidationError, match="決裁の権限"):
        staff(["supervisor"], employment="outsourced")
    # A record read without validation is still refused by the authority rule.
    supervisor_title = outsourced.model_copy(update={"roles": [StaffRole.SUPERVISOR]})
    assert not check(supervisor_title, Action.APPROVE_DECISION).allowed


def test_only_qualified_public_supervisors_approve_and_never_their_own_draft():
    supervisor = staff(["supervisor"], id="sv")
    assert check(supervisor, Action.APPROVE_DECISION, drafted_by="cw").allowed
    own = check(supervisor, Action.APPROVE_DECISION, drafted_by="sv")
    assert not own.allowed
    assert "起案者" in own.reason_ja
    assert "起案した" in own.reason_ja
    unqualified = check(
        staff(["supervisor"], qualified=False), Action.APPROVE_DECISION, drafted_by="cw"
    )
    assert not unqualified.allowed
    assert "社会福祉主事" in unqualified.reason_ja
    caseworker = check(staff(["caseworker"]), Action.APPROVE_DECISION, drafted_by="x")
    assert not caseworker.allowed
    assert "査察指導員" in caseworker.reason_ja


def test_staff_see_only_their_own_office():
    verdict = check(staff(["caseworker"]), Action.READ_CASE, office_id="office-b")
    assert not verdict.allowed
    assert verdict.reason_ja == "他の福祉事務所のケースは扱えません"


def test_staff_outside_their_period_are_refused():
    former = staff(["caseworker"], active={"start": "2020-04-01", "end": "2024-03-31"})
    assert "在職期間外" in check(former, Action.READ_CASE).reason_ja


def test_the_auditor_reads_but_does_not_decide():
    auditor = staff(["auditor"])
    assert check(auditor, Action.READ_CASE).allowed
    assert check(auditor, Action.READ_AUDIT_LOG).allowed
    assert not check(auditor, Action.UPDATE_CASE).allowed


@pytest.mark.parametrize("action", list(Action))
def test_every_action_has_a_rule_with_a_legal_basis(action):
    assert RULES[action].roles
    assert RULES[action].legal
