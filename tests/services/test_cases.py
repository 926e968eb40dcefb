"""Case use cases over the in-memory ports: authority, audit, locking, explanation."""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.services.audit import AccessPurpose, AuditAction, verify_chain
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.demo import JST, demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    VersionConflictError,
)
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.models import CaseChanges

NOW = datetime(2023, 9, 20, 10, 0, tzinfo=JST)


@pytest.fixture(scope="module")
def demo():
    return demo_office(30, calculator=Calculator())


@pytest.fixture
def database(demo):
    return MemoryDatabase.loaded(demo.load)


@pytest.fixture
def service(database):
    return CaseService(database.unit_of_work, lambda: NOW, Calculator())


def test_list_is_scoped_searchable_and_paged(service, demo):
    page = service.list_cases(
        "cw-01", office_id="office-nakano", purpose=AccessPurpose.CASEWORK, limit=10
    )
    assert len(page.items) == 10
    assert [c.case_number for c in page.items] == sorted(c.case_number for c in page.items)
    rest = service.list_cases(
        "cw-01",
        office_id="office-nakano",
        purpose=AccessPurpose.CASEWORK,
        after=page.next_after,
        limit=100,
    )
    assert len(page.items) + len(rest.items) == 30
    assert rest.next_after is None
    head = demo.households[3].head
    found = service.list_cases(
        "cw-01", office_id="office-nakano", purpose=AccessPurpose.CASEWORK, text=head.name_kana
    )
    assert demo.cases[3].id in {c.id for c in found.items}
    mine = service.list_cases(
        "cw-01", office_id="office-nakano", purpose=AccessPurpose.CASEWORK, caseworker_id="cw-02"
    )
    assert {c.caseworker_id for c in mine.items} == {"cw-02"}


def test_other_office_is_forbidden_and_the_refusal_is_audited(service, database):
    with pytest.raises(ForbiddenError) as excinfo:
        service.list_cases("cw-01", office_id="office-other", purpose=AccessPurpose.CASEWORK)
    assert excinfo.value.detail_ja == "他の福祉事務所のケースは扱えません"
    assert database.audit[-1].action is AuditAction.DENIED


def test_detail_explains_the_decision_and_is_audited_with_its_purpose(service, database, demo):
    case = demo.cases[0]
    detail = service.case_detail("cw-02", case.id, purpose=AccessPurpose.CASEWORK)
    assert detail.decision is not None
    assert detail.calculation is not None
    assert detail.calculation.amounts == detail.decision.amounts
    assert any(line.code == "living.main" for line in detail.calculation.lines)
    last = database.audit[-1]
    assert (last.action, last.case_id, last.purpose, last.actor_id) == (
        AuditAction.READ,
        case.id,
        AccessPurpose.CASEWORK,
        "cw-02",
    )
    assert verify_chain(database.audit).ok


def test_update_needs_authority_and_the_current_version(service, demo):
    case = demo.cases[1]
    changes = CaseChanges(version=1, visit_grade_code="A")
    with pytest.raises(ForbiddenError):
        service.update_case("cw-01", case.id, changes)
    updated = service.update_case("sv-01", case.id, changes)
    assert updated.version == 2
    assert updated.record.visit_grade_code == "A"
    with pytest.raises(VersionConflictError) as excinfo:
        service.update_case("sv-01", case.id, CaseChanges(version=1, visit_grade_code="C"))
    assert excinfo.value.current == 2
    history = service.history("cw-01", case.id, purpose=AccessPurpose.CASEWORK)
    assert history[-1].summary.startswith("visit_grade_code")


def test_outsourced_staff_cannot_be_the_main_caseworker(service, demo):
    changes = CaseChanges(version=1, caseworker_id="out-01")
    with pytest.raises(InvalidRequestError) as excinfo:
        service.update_case("sv-01", demo.cases[2].id, changes)
    assert "委託事業者の職員は主担当にできません" in excinfo.value.detail_ja


def test_a_failed_update_leaves_nothing_behind(service, database, demo):
    before = (dict(database.tables["cases"]), len(database.audit))
    with pytest.raises(InvalidRequestError):
        service.update_case(
            "sv-01", demo.cases[2].id, CaseChanges(version=1, caseworker_id="nobody")
        )
    assert (dict(database.tables["cases"]), len(database.audit)) == before


def test_my_number_is_masked_unless_revealed_by_an_official_and_always_logged(
    service, database, demo
):
    case, household = demo.cases[0], demo.households[0]
    number, revealed = service.personal_number(
        "med-01", case.id, household.head.id, purpose=AccessPurpose.MEDICAL, reveal=False
    )
    assert number is not None
    assert not revealed
    assert str(number) == "************"
    with pytest.raises(ForbiddenError):
        service.personal_number(
            "out-01", case.id, household.head.id, purpose=AccessPurpose.CASEWORK, reveal=True
        )
    number, revealed = service.personal_number(
        "cw-01", case.id, household.head.id, purpose=AccessPurpose.DECISION, reveal=True
    )
    assert revealed
    assert number is not None
    assert len(number.reveal()) == 12
    accesses = [e for e in database.audit if e.action is AuditAction.READ_MY_NUMBER]
    assert [e.detail for e in accesses] == ["masked", "revealed"]
    assert all(number.reveal() not in e.detail for e in database.audit)


def test_audit_verification_finds_the_first_tampered_entry(service, database, demo):
    service.case_detail("cw-01", demo.cases[0].id, purpose=AccessPurpose.CASEWORK)
    service.case_detail("cw-01", demo.cases[1].id, purpose=AccessPurpose.CASEWORK)
    assert service.verify_audit("aud-01").ok
    database.audit[0] = attrs.evolve(database.audit[0], detail="改ざん")
    report = service.verify_audit("aud-01")
    assert report.first_broken == 1
    assert "改ざん" in report.reason_ja
    with pytest.raises(ForbiddenError):
        service.verify_audit("cw-01")


def test_caseload_against_the_standard_number(service):
    caseload = service.caseload("sv-01", "office-nakano")
    assert caseload.households == 30
    assert (
        caseload.standard_caseworkers == 3
    )  # city office: 3 up to 240 households (社会福祉法16条)
    assert {row.standard for row in caseload.rows} == {80}
    assert sum(row.households for row in caseload.rows) == 30


def test_unknown_case_is_not_found(service):
    with pytest.raises(NotFoundError):
        service.case_detail("cw-01", "case-nope", purpose=AccessPurpose.CASEWORK)


def test_a_new_version_of_the_calculation_input_is_explained_afresh(service, database, demo):
    """The explanation is kept per stored input version, never served stale."""
    case = demo.cases[0]
    first = service.case_detail("sv-01", case.id, purpose=AccessPurpose.SUPERVISION)
    again = service.case_detail("sv-01", case.id, purpose=AccessPurpose.SUPERVISION)
    assert again.calculation == first.calculation
    calculation_id = first.decision.calculation_id
    uow = database.unit_of_work()
    stored = uow.calculations.get(calculation_id)
    head = stored.record.household.members[0].id
    earning = {"member_id": head, "kind": "earned", "amount": 60000}
    changed = stored.record.model_validate(
        {**stored.record.model_dump(), "incomes": [*stored.record.model_dump()["incomes"], earning]}
    )
    uow.calculations.replace(changed, stored.version)
    uow.commit()
    after = service.case_detail("sv-01", case.id, purpose=AccessPurpose.SUPERVISION)
    assert after.calculation.recognised_income > first.calculation.recognised_income
    assert after.calculation.cash_benefit < first.calculation.cash_benefit
