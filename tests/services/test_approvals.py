"""Approval stages per office, submitting for approval, and what no setting can allow."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.model import CaseStatus
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import AssistanceAmounts, DecisionStatus
from seikatsu_std.model.office import ApprovalStage, NoticeItem, StaffRole
from seikatsu_std.services.administration import (
    AdministrationService,
    OfficeSettingsChange,
    RoleGrant,
)
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.models import DecisionDraft

OFFICE = "office-nakano"
TWO_STAGES = [
    ApprovalStage(roles=[StaffRole.SUPERVISOR]),
    ApprovalStage(roles=[StaffRole.SECTION_CHIEF]),
]


@pytest.fixture
def administration(database, clock, calculator):
    return AdministrationService(database.unit_of_work, clock, calculator)


@pytest.fixture
def case(database):
    """An active demo case and its notified change decision (the amounts in force)."""
    return next(c for c, _ in database.tables["cases"].values() if c.status is CaseStatus.ACTIVE)


def _suspension(service, case, drafter="cw-01", **amounts):
    paid = {kind.value: 0 for kind in AssistanceKind} | amounts
    draft = DecisionDraft.model_validate(
        {
            "case_id": case.id,
            "kind": "suspension",
            "effective_on": date(2023, 10, 1),
            "reasons": ["臨時の収入により一時的に保護を要しないため"],
            "amounts": paid,
        }
    )
    return service.draft_decision(drafter, draft)


@pytest.fixture
def on_approval_day(clock):
    clock.day = date(2023, 9, 20)
    return clock


def test_one_stage_by_default_the_supervisor_approves_and_records_the_entry(
    service, case, on_approval_day
) -> None:
    drafted = _suspension(service, case)
    approved = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert approved.decision.status is DecisionStatus.APPROVED
    [entry] = approved.decision.approvals
    assert (entry.stage, entry.role, entry.kind.label) == (1, StaffRole.SUPERVISOR, "最終決裁")
    assert approved.decision.approved_by == "sv-01"
    assert approved.decision.decided_on == date(2023, 9, 20)


def test_two_stages_the_supervisor_leaves_it_in_approval_the_chief_makes_it_final(
    service, administration, database, case, on_approval_day
) -> None:
    administration.change_office_settings(
        "chief-01", OFFICE, OfficeSettingsChange(approval_stages=TWO_STAGES)
    )
    drafted = _suspension(service, case)
    with pytest.raises(ForbiddenError) as refused:
        service.approve_decision("chief-01", drafted.decision.id, drafted.version)
    assert "第1段階の決裁は 査察指導員 が行います" in refused.value.verdict.reason_ja
    first = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert first.decision.status is DecisionStatus.IN_APPROVAL
    assert first.decision.approved_by is None
    assert first.decision.decided_on is None
    assert database.tables["cases"][case.id][0].status is CaseStatus.ACTIVE, "not yet final"
    with pytest.raises(ForbiddenError) as again:
        service.approve_decision("sv-01", first.decision.id, first.version)
    assert "複数の段階" in again.value.verdict.reason_ja
    final = service.approve_decision("chief-01", first.decision.id, first.version)
    assert final.decision.status is DecisionStatus.APPROVED
    assert [e.kind.label for e in final.decision.approvals] == ["中間決裁", "最終決裁"]
    assert final.decision.approved_by == "chief-01"
    assert database.tables["cases"][case.id][0].status is CaseStatus.SUSPENDED


def test_the_drafter_approves_no_stage(service, administration, case, on_approval_day) -> None:
    administration.change_office_settings(
        "chief-01", OFFICE, OfficeSettingsChange(approval_stages=TWO_STAGES)
    )
    drafted = _suspension(service, case, drafter="sv-01")
    with pytest.raises(ForbiddenError) as refused:
        service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert "起案者" in refused.value.verdict.reason_ja


def test_submitting_for_approval_is_a_public_officials_act(
    service, database, case, on_approval_day
) -> None:
    drafted = _suspension(service, case)
    with pytest.raises(ForbiddenError):
        service.submit_decision("out-01", drafted.decision.id, drafted.version)
    submitted = service.submit_decision("cw-01", drafted.decision.id, drafted.version)
    assert submitted.decision.status is DecisionStatus.SUBMITTED
    assert submitted.decision.submitted_on == date(2023, 9, 20)
    with pytest.raises(TransitionNotAllowedError):
        service.submit_decision("cw-01", drafted.decision.id, submitted.version)
    approved = service.approve_decision("sv-01", drafted.decision.id, submitted.version)
    assert approved.decision.status is DecisionStatus.APPROVED


def test_no_setting_lets_a_drafter_approve_and_nothing_is_written(administration, database) -> None:
    before = database.tables["offices"][OFFICE]
    with pytest.raises(RuleViolationError) as refused:
        administration.change_office_settings(
            "chief-01",
            OFFICE,
            OfficeSettingsChange(drafter_may_approve=True, approval_stages=TWO_STAGES),
        )
    assert refused.value.violations[0].code == "no_self_approval"
    assert "起案者" in refused.value.violations[0].message_ja
    assert database.tables["offices"][OFFICE] == before


def test_only_the_section_chief_changes_the_settings(administration, database) -> None:
    with pytest.raises(ForbiddenError):
        administration.change_office_settings(
            "sv-01", OFFICE, OfficeSettingsChange(approval_stages=TWO_STAGES)
        )
    assert database.audit[-1].action is AuditAction.DENIED
    view = administration.office_settings("cw-01", OFFICE)
    assert [stage.roles for stage in view.settings.approval_stages] == [
        [StaffRole.SUPERVISOR, StaffRole.SECTION_CHIEF]
    ]


def test_an_approval_stage_holds_approving_roles_only() -> None:
    with pytest.raises(ValueError, match="決裁の段階に設定できません"):
        ApprovalStage(roles=[StaffRole.CASEWORKER])


def test_approving_roles_go_to_qualified_public_officials_only(administration, database) -> None:
    with pytest.raises(RuleViolationError) as outsourced:
        administration.grant_role("chief-01", "out-01", RoleGrant(role=StaffRole.SUPERVISOR))
    codes = [v.code for v in outsourced.value.violations]
    assert codes == ["approver_public_official", "approver_certified"]
    assert "委託" in outsourced.value.violations[0].message_ja
    with pytest.raises(RuleViolationError) as unqualified:
        administration.grant_role("chief-01", "acc-01", RoleGrant(role=StaffRole.SUPERVISOR))
    assert [v.code for v in unqualified.value.violations] == ["approver_certified"]
    granted = administration.grant_role("chief-01", "cw-02", RoleGrant(role=StaffRole.SUPERVISOR))
    assert StaffRole.SUPERVISOR in granted.roles
    assert database.audit[-1].detail == "role granted: supervisor"
    with pytest.raises(RuleViolationError) as twice:
        administration.grant_role("chief-01", "cw-02", RoleGrant(role=StaffRole.SUPERVISOR))
    assert twice.value.violations[0].code == "role_not_held"


def test_a_notice_layout_without_the_review_instruction_stops_the_notice(
    service, administration, case, on_approval_day
) -> None:
    drafted = _suspension(service, case)
    approved = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    items = [i for i in NoticeItem if i is not NoticeItem.REVIEW_INSTRUCTION]
    administration.change_office_settings(
        "chief-01", OFFICE, OfficeSettingsChange(notice_items=items)
    )
    with pytest.raises(RuleViolationError) as refused:
        service.notify_decision("cw-01", approved.decision.id, approved.version)
    assert refused.value.violations[0].code == "notice_complete"
    with pytest.raises(RuleViolationError) as unprintable:
        service.decision_notice("cw-01", approved.decision.id)
    assert "審査請求の教示" in unprintable.value.violations[0].message_ja
    administration.change_office_settings(
        "chief-01",
        OFFICE,
        OfficeSettingsChange(notice_items=[*items, NoticeItem.REVIEW_INSTRUCTION]),
    )
    notified = service.notify_decision("cw-01", approved.decision.id, approved.version)
    assert notified.decision.status is DecisionStatus.NOTIFIED


def test_a_suspension_records_what_is_still_paid_never_more_than_in_force(
    service, database, case, on_approval_day
) -> None:
    in_force = next(
        d for d, _ in database.tables["decisions"].values() if d.case_id == case.id
    ).amounts
    assert in_force is not None
    assert in_force.living > 0
    partial = _suspension(service, case, living=in_force.living // 2)
    assert partial.decision.amounts == AssistanceAmounts.model_validate(
        {k.value: 0 for k in AssistanceKind} | {"living": in_force.living // 2}
    )
    with pytest.raises(RuleViolationError) as above:
        _suspension(service, case, living=in_force.living + 1)
    assert above.value.violations[0].code == "suspension_within_current"
    without = DecisionDraft.model_validate(
        {
            "case_id": case.id,
            "kind": "suspension",
            "effective_on": date(2023, 10, 1),
            "reasons": ["臨時の収入により一時的に保護を要しないため"],
        }
    )
    with pytest.raises(InvalidRequestError) as missing:
        service.draft_decision("cw-01", without)
    assert "停止の間も支給する扶助別の額" in missing.value.detail_ja
