"""Repayment and collection decisions (返還金・徴収金の決定) over the in-memory ports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.model.claims import ClaimDecisionStatus, ClaimStatus
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.claim_models import ClaimDecisionDraft
from seikatsu_std.services.claims import ClaimDecisionService
from seikatsu_std.services.demo import JST, demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.memory import MemoryDatabase

CASE = "case-00003"
REPAYMENT: dict[str, Any] = {
    "case_id": CASE,
    "basis": "art63",
    "period_from": "2023-01",
    "period_to": "2023-06",
    "means_source": "retroactive_benefit",
    "means_fact": "障害年金の遡及分が振り込まれた",
    "means_arose_on": "2023-06-15",
    "means_amount": 600_000,
    "assistance_paid": 600_000,
    "repayment_amount": 480_000,
    "self_reliance_deduction": 90_000,
}
COLLECTION: dict[str, Any] = {
    "case_id": CASE,
    "basis": "art78",
    "period_from": "2023-01",
    "period_to": "2023-06",
    "fraud_fact": "就労収入月額 50,000 円を申告しなかった",
    "collection_amount": 300_000,
    "surcharge_percent": 40,
}


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator()


@pytest.fixture
def database(calculator: Calculator) -> MemoryDatabase:
    return MemoryDatabase.loaded(demo_office(8, calculator=calculator).load)


def on_dataset_day() -> datetime:
    """The clock of these tests: the conformance dataset's day."""
    return datetime(2023, 9, 20, 10, 0, tzinfo=JST)


@pytest.fixture
def service(database: MemoryDatabase, calculator: Calculator) -> ClaimDecisionService:
    return ClaimDecisionService(database.unit_of_work, on_dataset_day, calculator)


def draft(base: dict[str, Any], **changes: Any) -> ClaimDecisionDraft:
    return ClaimDecisionDraft.model_validate(base | changes)


def _stored(database: MemoryDatabase) -> int:
    return len(database.tables.get("claim_decisions", {}))


def test_a_repayment_is_drafted_with_the_deduction_then_approved_and_assessed(
    service: ClaimDecisionService, database: MemoryDatabase
) -> None:
    drafted = service.draft("cw-01", draft(REPAYMENT))
    decision = drafted.claim_decision
    assert decision.status is ClaimDecisionStatus.DRAFTED
    assert (decision.requested_amount, decision.principal) == (480_000, 390_000)
    assert (decision.drafted_by, decision.drafted_on) == ("cw-01", date(2023, 9, 20))
    assert drafted.claim is None
    assert drafted.total == 390_000

    approved = service.approve("sv-01", decision.id, drafted.version)
    assert approved.claim_decision.status is ClaimDecisionStatus.APPROVED
    assert approved.claim_decision.approved_by == "sv-01"
    claim = approved.claim
    assert claim is not None
    assert claim.id == approved.claim_decision.claim_id
    assert (claim.status, claim.assessed_on, claim.decided_by) == (
        ClaimStatus.ASSESSED,
        date(2023, 9, 20),
        "sv-01",
    )
    assert (claim.principal, claim.self_reliance_deduction, claim.decision_id) == (
        390_000,
        90_000,
        decision.id,
    )
    assert service.get("cw-01", decision.id).claim == claim
    # The assessed claim is stored as the case's claim (the handover data of a transfer has it).
    assert database.tables["claims"][claim.id][0] == claim
    actions = [(e.action, e.record_type) for e in database.audit if e.record_id == decision.id]
    assert actions == [
        (AuditAction.CREATE, "claim_decision"),
        (AuditAction.UPDATE, "claim_decision"),
        (AuditAction.READ, "claim_decision"),
    ]


@pytest.mark.parametrize("drafter", ["sv-01", "chief-01"])
@pytest.mark.parametrize("base", [REPAYMENT, COLLECTION], ids=["art63", "art78"])
def test_the_drafter_never_approves_whatever_their_role(
    service: ClaimDecisionService, database: MemoryDatabase, drafter: str, base: dict[str, Any]
) -> None:
    drafted = service.draft(drafter, draft(base))
    with pytest.raises(ForbiddenError) as refused:
        service.approve(drafter, drafted.claim_decision.id, drafted.version)
    assert "起案者" in refused.value.detail_ja
    assert service.get("sv-01", drafted.claim_decision.id).claim is None
    denied = [e for e in database.audit if e.action is AuditAction.DENIED]
    assert denied[-1].actor_id == drafter


@pytest.mark.parametrize("approver", ["cw-02", "acc-01", "med-01", "out-01"])
def test_only_qualified_supervisors_and_the_chief_approve(
    service: ClaimDecisionService, approver: str
) -> None:
    drafted = service.draft("cw-01", draft(REPAYMENT))
    with pytest.raises(ForbiddenError):
        service.approve(approver, drafted.claim_decision.id, drafted.version)
    assert service.approve("chief-01", drafted.claim_decision.id, drafted.version).claim


def test_outsourced_staff_cannot_draft(
    service: ClaimDecisionService, database: MemoryDatabase
) -> None:
    with pytest.raises(ForbiddenError):
        service.draft("out-01", draft(COLLECTION))
    assert _stored(database) == 0


def test_an_approved_decision_is_not_approved_again(service: ClaimDecisionService) -> None:
    drafted = service.draft("cw-01", draft(COLLECTION))
    approved = service.approve("sv-01", drafted.claim_decision.id, drafted.version)
    with pytest.raises(TransitionNotAllowedError):
        service.approve("chief-01", drafted.claim_decision.id, approved.version)


@pytest.mark.parametrize(("percent", "surcharge"), [(0, 0), (40, 120_000)])
def test_the_surcharge_is_computed_up_to_the_ceiling(
    service: ClaimDecisionService, percent: int, surcharge: int
) -> None:
    drafted = service.draft("cw-01", draft(COLLECTION, surcharge_percent=percent))
    assert drafted.claim_decision.surcharge == surcharge
    assert drafted.total == 300_000 + surcharge


def test_a_surcharge_above_the_ceiling_is_refused_naming_the_rule(
    service: ClaimDecisionService, database: MemoryDatabase
) -> None:
    with pytest.raises(RuleViolationError) as refused:
        service.draft("cw-01", draft(COLLECTION, surcharge_percent=41))
    assert [v.code for v in refused.value.violations] == ["surcharge_ceiling"]
    assert _stored(database) == 0


def test_a_repayment_above_the_assistance_paid_is_refused(service: ClaimDecisionService) -> None:
    with pytest.raises(RuleViolationError) as refused:
        service.draft("cw-01", draft(REPAYMENT, repayment_amount=600_001))
    codes = {v.code for v in refused.value.violations}
    assert codes == {"repayment_within_assistance", "repayment_within_means"}
    assert service.draft("cw-01", draft(REPAYMENT, repayment_amount=600_000)).claim_decision


def test_savings_need_the_check_that_they_are_not_from_benefits(
    service: ClaimDecisionService, database: MemoryDatabase
) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        service.draft("cw-01", draft(REPAYMENT, means_source="savings"))
    assert "保護費のやり繰り" in refused.value.detail_ja
    assert _stored(database) == 0
    checked = draft(REPAYMENT, means_source="savings", savings_from_benefits_checked=True)
    assert service.draft("cw-01", checked).claim_decision.means_source == "savings"


@pytest.mark.parametrize(
    ("base", "missing", "named"),
    [
        (REPAYMENT, "means_fact", "資力が生じた事実"),
        (REPAYMENT, "means_arose_on", "資力が生じた日"),
        (REPAYMENT, "assistance_paid", "対象期間の保護費の額"),
        (REPAYMENT, "period_from", "対象期間"),
        (COLLECTION, "fraud_fact", "不正の事実"),
    ],
)
def test_missing_facts_are_named(
    service: ClaimDecisionService, base: dict[str, Any], missing: str, named: str
) -> None:
    body = {key: value for key, value in base.items() if key != missing}
    with pytest.raises(InvalidRequestError) as refused:
        service.draft("cw-01", ClaimDecisionDraft.model_validate(body))
    assert named in refused.value.detail_ja


def test_each_kind_of_decision_takes_its_own_amount() -> None:
    with pytest.raises(ValueError, match="徴収する保護費の額"):
        draft(COLLECTION, collection_amount=None, repayment_amount=300_000)
    with pytest.raises(ValueError, match="返還額"):
        draft(REPAYMENT, repayment_amount=None, collection_amount=480_000)
