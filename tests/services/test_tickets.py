"""Medical and care tickets and ad-hoc payments over the in-memory ports (REQ-APP-022, MED-004, CAR-003)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.formats.checkdigits import mod10_21_check_digit
from seikatsu_std.model import Case, Decision, MedicalInstitution
from seikatsu_std.model.case import CaseStatus
from seikatsu_std.model.medical import TicketKind
from seikatsu_std.model.payments import PaymentKind, PaymentStatus
from seikatsu_std.services import tickets as tickets_module
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.demo import DEMO_CLINIC_ID, JST, demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    RuleViolationError,
)
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.payments import PaymentService
from seikatsu_std.services.ticket_models import (
    AdHocPaymentRequest,
    CareTicketRequest,
    MedicalTicketRequest,
)
from seikatsu_std.services.tickets import TicketService, new_recipient_number

#: case-00003 of the demo office: its notified change decision dec-00003 grants medical
#: assistance (60,000 yen) and no care; its head syn-0000002-1 is a 第1号被保険者.
CASE, DECISION, HEAD = "case-00003", "dec-00003", "syn-0000002-1"
#: case-00005's decision dec-00005 grants no medical assistance.
NO_MEDICAL = ("case-00005", "dec-00005", "syn-0000004-1")
PHARMACY = "inst-pharmacy-01"
MONTH = "2023-09"
BENEFITS = ("medical_tickets", "care_tickets", "payments")


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator()


@pytest.fixture
def database(calculator: Calculator) -> MemoryDatabase:
    return MemoryDatabase.loaded(demo_office(8, calculator=calculator).load)


def _clock() -> datetime:
    return datetime(2023, 9, 20, 10, 0, tzinfo=JST)


@pytest.fixture
def tickets(database: MemoryDatabase, calculator: Calculator) -> TicketService:
    return TicketService(database.unit_of_work, _clock, calculator)


@pytest.fixture
def payments(database: MemoryDatabase, calculator: Calculator) -> PaymentService:
    return PaymentService(database.unit_of_work, _clock, calculator)


def medical(**changes: Any) -> MedicalTicketRequest:
    data = {
        "decision_id": DECISION,
        "member_id": HEAD,
        "month": MONTH,
        "institution_id": DEMO_CLINIC_ID,
        "setting": "outpatient",
    }
    return MedicalTicketRequest.model_validate(data | changes)


def care(**changes: Any) -> CareTicketRequest:
    data = {
        "decision_id": DECISION,
        "member_id": HEAD,
        "month": MONTH,
        "provider_number": "1370100011",
        "provider_name": "なかの訪問介護ステーション",
        "service_kind": "home_care",
        "insured_number": "0000123456",
    }
    return CareTicketRequest.model_validate(data | changes)


def ad_hoc(**changes: Any) -> AdHocPaymentRequest:
    data = {
        "decision_id": DECISION,
        "month": MONTH,
        "lines": [
            {"assistance_kind": "living", "amount": 8_000, "basis": "布団の購入"},
            {"assistance_kind": "living", "amount": 4_000, "basis": "被服費"},
        ],
        "method": "counter_cash",
        "scheduled_on": "2023-09-25",
        "idempotency_key": "ad-hoc/case-00003/1",
    }
    return AdHocPaymentRequest.model_validate(data | changes)


def _change(database: MemoryDatabase, store: str, record_id: str, **changes: Any) -> None:
    """Rewrite a stored record through a unit of work (the test's own setting of the data)."""
    with database.unit_of_work() as uow:
        records = getattr(uow, store)
        found = records.get(record_id)
        record = type(found.record).model_validate(found.record.model_dump() | changes)
        records.replace(record, found.version)
        uow.commit()


def _drafted(database: MemoryDatabase) -> None:
    """Turn dec-00003 back into a draft (nobody has approved it)."""
    _change(
        database,
        "decisions",
        DECISION,
        status="draft",
        approved_by=None,
        approved_on=None,
        decided_on=None,
        notified_on=None,
        approvals=[],
    )


def _stored(database: MemoryDatabase) -> dict[str, int]:
    return {table: len(database.tables[table]) for table in BENEFITS}


@contextlib.contextmanager
def refused(word: str) -> Iterator[pytest.ExceptionInfo[RuleViolationError]]:
    """Expect a 422 whose Japanese reason contains ``word``."""
    with pytest.raises(RuleViolationError) as excinfo:
        yield excinfo
    assert word in excinfo.value.detail_ja, excinfo.value.detail_ja


def _rules(excinfo: pytest.ExceptionInfo[RuleViolationError]) -> set[str]:
    return {violation.code for violation in excinfo.value.violations}


# ---------------------------------------------------------------- medical tickets


def test_a_medical_ticket_carries_the_offices_payer_number_and_the_decisions_amounts(
    tickets: TicketService, database: MemoryDatabase
) -> None:
    ticket = tickets.issue_medical_ticket("med-01", CASE, medical())
    decision: Decision = database.tables["decisions"][DECISION][0]
    assert ticket.ticket_kind is TicketKind.MEDICAL
    assert ticket.payer_number == "12131140"
    assert ticket.decision_id == DECISION
    assert (ticket.valid_from, ticket.valid_to) == (date(2023, 9, 1), date(2023, 9, 30))
    assert ticket.own_payment == decision.own_payment
    assert ticket.issued_by == "med-01"
    assert ticket.issued_on == date(2023, 9, 20)
    number = ticket.recipient_number
    assert len(number) == 7
    assert number[6] == mod10_21_check_digit(number[:6])
    assert database.tables["medical_tickets"][ticket.id] == (ticket, 1)
    last = database.audit[-1]
    assert (last.action, last.record_type, last.record_id) == (
        AuditAction.CREATE,
        "medical_ticket",
        ticket.id,
    )
    assert last.purpose is AccessPurpose.MEDICAL
    assert last.case_id == CASE


def test_a_pharmacy_gets_a_dispensing_ticket(tickets: TicketService) -> None:
    ticket = tickets.issue_medical_ticket(
        "med-01", CASE, medical(institution_id=PHARMACY, setting=None)
    )
    assert ticket.ticket_kind is TicketKind.DISPENSING
    assert ticket.setting is None
    assert ticket.generic_drugs


def test_a_ticket_valid_from_the_middle_of_the_month_runs_to_its_end(
    tickets: TicketService,
) -> None:
    ticket = tickets.issue_medical_ticket("med-01", CASE, medical(valid_from_day=15))
    assert (ticket.valid_from, ticket.valid_to) == (date(2023, 9, 15), date(2023, 9, 30))


def test_a_ticket_cannot_run_past_the_end_of_its_month(
    tickets: TicketService, database: MemoryDatabase
) -> None:
    with pytest.raises(InvalidRequestError, match="日数"):
        tickets.issue_medical_ticket("med-01", CASE, medical(valid_to_day=31))
    assert _stored(database)["medical_tickets"] == 0


def test_no_second_ticket_for_the_same_month_and_institution(
    tickets: TicketService, database: MemoryDatabase
) -> None:
    first = tickets.issue_medical_ticket("med-01", CASE, medical())
    with refused("重複") as excinfo:
        tickets.issue_medical_ticket("med-01", CASE, medical(valid_from_day=20))
    assert _rules(excinfo) == {"no_duplicate_ticket"}
    other = tickets.issue_medical_ticket("med-01", CASE, medical(institution_id="inst-dental-01"))
    later = tickets.issue_medical_ticket("med-01", CASE, medical(month="2023-10"))
    assert _stored(database)["medical_tickets"] == 3
    assert len({first.recipient_number, other.recipient_number, later.recipient_number}) == 3


def test_an_institution_not_designated_throughout_the_validity_gets_no_ticket(
    tickets: TicketService, database: MemoryDatabase
) -> None:
    _change(
        database,
        "medical_institutions",
        DEMO_CLINIC_ID,
        designation={"start": date(2020, 4, 1), "end": date(2023, 9, 10)},
    )
    with refused("指定医療機関") as excinfo:
        tickets.issue_medical_ticket("med-01", CASE, medical())
    assert _rules(excinfo) == {"institution_designated"}
    ticket = tickets.issue_medical_ticket("med-01", CASE, medical(valid_to_day=10))
    assert ticket.valid_to == date(2023, 9, 10)


def test_an_unknown_institution_and_a_stranger_are_refused_together(
    tickets: TicketService,
) -> None:
    with pytest.raises(RuleViolationError) as excinfo:
        tickets.issue_medical_ticket(
            "med-01", CASE, medical(institution_id="inst-nowhere", member_id="someone-else")
        )
    assert _rules(excinfo) == {"institution_designated", "member_of_household"}


def test_a_decision_without_medical_assistance_grounds_no_medical_ticket(
    tickets: TicketService,
) -> None:
    case_id, decision_id, head = NO_MEDICAL
    with refused("医療扶助") as excinfo:
        tickets.issue_medical_ticket(
            "med-01", case_id, medical(decision_id=decision_id, member_id=head)
        )
    assert _rules(excinfo) == {"assistance_granted"}


def test_the_recipient_number_is_drawn_again_when_it_was_the_members_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draws = iter([123456, 123456, 654321])
    monkeypatch.setattr(tickets_module.secrets, "randbelow", lambda _n: next(draws))
    taken = "123456" + mod10_21_check_digit("123456")
    assert new_recipient_number([taken]) == "654321" + mod10_21_check_digit("654321")


# ---------------------------------------------------------------- care tickets


def test_a_care_ticket_follows_the_members_insurance_status(
    tickets: TicketService, database: MemoryDatabase
) -> None:
    decision: Decision = database.tables["decisions"][DECISION][0]
    assert decision.amounts is not None
    _change(
        database,
        "decisions",
        DECISION,
        amounts=decision.amounts.model_dump() | {"care": 15_000},
    )
    ticket = tickets.issue_care_ticket("med-01", CASE, care())
    assert ticket.care_insurance.value == "first_insured"
    assert ticket.assistance_share_percent == 10
    assert ticket.payer_number == "12131140"
    assert ticket.decision_id == DECISION
    with refused("重複"):
        tickets.issue_care_ticket("med-01", CASE, care())
    assert _stored(database)["care_tickets"] == 1


def test_a_decision_without_care_assistance_grounds_no_care_ticket(
    tickets: TicketService,
) -> None:
    with refused("介護扶助") as excinfo:
        tickets.issue_care_ticket("med-01", CASE, care())
    assert _rules(excinfo) == {"assistance_granted"}


# ---------------------------------------------------------------- ad-hoc payments


def test_an_ad_hoc_payment_is_scheduled_once_per_idempotency_key(
    payments: PaymentService, database: MemoryDatabase
) -> None:
    payment = payments.create_ad_hoc_payment("acc-01", CASE, ad_hoc())
    assert payment.kind is PaymentKind.AD_HOC
    assert payment.status is PaymentStatus.SCHEDULED
    assert payment.net_amount == 12_000
    assert payment.decision_ids == [DECISION]
    again = payments.create_ad_hoc_payment("acc-01", CASE, ad_hoc())
    assert again == payment
    assert _stored(database)["payments"] == 1
    assert database.audit[-1].action is AuditAction.READ
    assert database.audit[-2].action is AuditAction.CREATE


def test_an_ad_hoc_payment_is_not_paid_by_proxy(payments: PaymentService) -> None:
    with pytest.raises(RuleViolationError) as excinfo:
        payments.create_ad_hoc_payment("acc-01", CASE, ad_hoc(method="proxy"))
    assert _rules(excinfo) == {"ad_hoc_method"}


# ---------------------------------------------------------------- the basis: REQ-APP-022


def _give(kind: str, tickets: TicketService, payments: PaymentService, **changes: Any) -> object:
    if kind == "medical":
        return tickets.issue_medical_ticket("med-01", CASE, medical(**changes))
    if kind == "care":
        return tickets.issue_care_ticket("med-01", CASE, care(**changes))
    return payments.create_ad_hoc_payment("acc-01", CASE, ad_hoc(**changes))


@pytest.mark.parametrize("kind", ["medical", "care", "payment"])
def test_nothing_is_given_on_a_decision_not_approved(
    kind: str, tickets: TicketService, payments: PaymentService, database: MemoryDatabase
) -> None:
    _drafted(database)
    audit = len(database.audit)
    with refused("決裁") as excinfo:
        _give(kind, tickets, payments)
    assert "decision_approved" in _rules(excinfo)
    assert _stored(database) == dict.fromkeys(BENEFITS, 0)
    assert len(database.audit) == audit


@pytest.mark.parametrize("kind", ["medical", "payment"])
def test_nothing_is_given_on_another_cases_decision_or_to_a_closed_case(
    kind: str, tickets: TicketService, payments: PaymentService, database: MemoryDatabase
) -> None:
    with pytest.raises(RuleViolationError) as excinfo:
        _give(kind, tickets, payments, decision_id="dec-00004")
    assert _rules(excinfo) == {"decision_of_case"}
    case: Case = database.tables["cases"][CASE][0]
    _change(database, "cases", case.id, status=CaseStatus.TERMINATED, closed_on=date(2023, 8, 31))
    with refused("保護中") as excinfo:
        _give(kind, tickets, payments)
    assert _rules(excinfo) == {"case_active"}
    assert _stored(database) == dict.fromkeys(BENEFITS, 0)


def test_nothing_is_given_for_a_month_before_the_decision(
    tickets: TicketService, payments: PaymentService
) -> None:
    with pytest.raises(RuleViolationError) as excinfo:
        _give("payment", tickets, payments, month="2023-08")
    assert _rules(excinfo) == {"decision_in_force"}


def test_tickets_are_the_medical_staffs_and_payments_the_accounting_staffs(
    tickets: TicketService, payments: PaymentService, database: MemoryDatabase
) -> None:
    with pytest.raises(ForbiddenError):
        tickets.issue_medical_ticket("acc-01", CASE, medical())
    with pytest.raises(ForbiddenError):
        payments.create_ad_hoc_payment("med-01", CASE, ad_hoc())
    assert tickets.issue_medical_ticket("cw-01", CASE, medical()).issued_by == "cw-01"
    assert _stored(database) == {"medical_tickets": 1, "care_tickets": 0, "payments": 0}
    assert database.audit[-2].action is AuditAction.DENIED


def test_the_demo_institutions_are_designated_medical_institutions(
    database: MemoryDatabase,
) -> None:
    institutions = [row[0] for row in database.tables["medical_institutions"].values()]
    assert all(isinstance(i, MedicalInstitution) for i in institutions)
    assert {i.kind.value for i in institutions} == {"clinic", "pharmacy", "dental_clinic"}
