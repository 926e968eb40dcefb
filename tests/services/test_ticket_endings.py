"""A final suspension or termination ends medical and care tickets (REQ-MED-015, REQ-CAR-009)."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.model import Decision
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import DecisionKind, TerminationReason
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.errors import RuleViolationError
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.models import DecisionDraft
from seikatsu_std.services.payments import PaymentService
from seikatsu_std.services.ticket_models import TicketValidityChangeRequest
from seikatsu_std.services.tickets import TicketService
from tests.services.test_tickets import (  # the same demo office, staff and requests
    CASE,
    DECISION,
    _change,
    _clock,
    _rules,
    calculator,
    care,
    database,
    medical,
    payments,
    refused,
    tickets,
)

__all__ = ["calculator", "database", "payments", "tickets"]


@pytest.fixture
def lifecycle(database: MemoryDatabase, calculator: Calculator) -> LifecycleService:
    return LifecycleService(database.unit_of_work, _clock, calculator)


def _end(
    lifecycle: LifecycleService, kind: DecisionKind, effective_on: date, **still_paid: int
) -> str:
    """Draft and approve a suspension or termination of CASE: the decision's id (a suspension
    goes on paying ``still_paid`` by kind, nothing else)."""
    amounts = {k.value: still_paid.get(k.value, 0) for k in AssistanceKind}
    draft = DecisionDraft.model_validate(
        {
            "case_id": CASE,
            "kind": kind,
            "effective_on": effective_on,
            "reasons": ["収入が最低生活費を上回ったため"],
            "termination_reason": (
                TerminationReason.EARNINGS_INCREASE if kind is DecisionKind.TERMINATION else None
            ),
            "amounts": amounts if kind is DecisionKind.SUSPENSION else None,
        }
    )
    drafted = lifecycle.draft_decision("cw-04", draft)
    lifecycle.approve_decision("sv-01", drafted.decision.id, drafted.version)
    return drafted.decision.id


@pytest.mark.parametrize(
    ("kind", "word"), [(DecisionKind.TERMINATION, "廃止"), (DecisionKind.SUSPENSION, "停止")]
)
def test_no_ticket_is_valid_on_or_after_the_effective_day(
    kind: DecisionKind, word: str, lifecycle: LifecycleService, tickets: TicketService
) -> None:
    decision_id = _end(lifecycle, kind, date(2023, 9, 15))
    with refused(word) as excinfo:
        tickets.issue_medical_ticket("med-01", CASE, medical())
    assert _rules(excinfo) == {"assistance_ended"}
    reason = excinfo.value.detail_ja
    assert decision_id in reason
    assert "2023-09-15" in reason
    assert "2023-09-14" in reason
    with refused(word):
        tickets.issue_care_ticket("med-01", CASE, care(valid_from_day=15, valid_to_day=15))
    # The days before the effective date are still the case's running assistance.
    issued = tickets.issue_medical_ticket("med-01", CASE, medical(valid_to_day=14))
    assert issued.valid_to_day == 14


def test_a_case_ended_without_a_final_decision_keeps_the_general_rule(
    tickets: TicketService, payments: PaymentService, database: MemoryDatabase
) -> None:
    _change(database, "cases", CASE, status="terminated", closed_on=date(2023, 8, 31))
    with refused("保護中") as excinfo:
        tickets.issue_medical_ticket("med-01", CASE, medical(valid_to_day=1))
    assert _rules(excinfo) == {"case_active"}


def test_a_payment_on_an_ended_case_names_the_decision(
    lifecycle: LifecycleService, payments: PaymentService
) -> None:
    from tests.services.test_tickets import ad_hoc

    _end(lifecycle, DecisionKind.TERMINATION, date(2023, 10, 1))
    with refused("廃止") as excinfo:
        payments.create_ad_hoc_payment("acc-01", CASE, ad_hoc())
    assert _rules(excinfo) == {"assistance_ended"}


def test_a_suspension_that_goes_on_paying_medical_assistance_leaves_medical_tickets(
    lifecycle: LifecycleService, tickets: TicketService
) -> None:
    _end(lifecycle, DecisionKind.SUSPENSION, date(2023, 9, 1), medical=60_000)
    assert tickets.issue_medical_ticket("med-01", CASE, medical()).valid_to_day == 30
    with refused("停止"):
        tickets.issue_care_ticket("med-01", CASE, care())


def _change_request(**changes: object) -> TicketValidityChangeRequest:
    data = {
        "version": 1,
        "valid_to": "2023-09-14",
        "contacted_on": "2023-09-20",
        "contact_method": "phone",
    }
    return TicketValidityChangeRequest.model_validate(data | changes)


def test_tickets_past_a_termination_are_listed_and_shortened_with_the_contact(
    lifecycle: LifecycleService, tickets: TicketService, database: MemoryDatabase
) -> None:
    ticket = tickets.issue_medical_ticket("med-01", CASE, medical())
    before = tickets.tickets_past_ending("med-01", "office-nakano")
    assert before.items == []
    decision_id = _end(lifecycle, DecisionKind.TERMINATION, date(2023, 9, 15))
    listed = tickets.tickets_past_ending("med-01", "office-nakano", ticket_type="medical_ticket")
    (row,) = listed.items
    assert (row.ticket_id, row.ending_decision_id, row.end_by) == (
        ticket.id,
        decision_id,
        date(2023, 9, 14),
    )
    assert (
        tickets.tickets_past_ending(
            "med-01", "office-nakano", ending_kind=DecisionKind.SUSPENSION
        ).items
        == []
    )
    # Nothing was changed by the termination itself: the list is how staff find the ticket.
    assert database.tables["medical_tickets"][ticket.id][0].valid_to == date(2023, 9, 30)
    shortened = tickets.shorten_medical_ticket("med-01", ticket.id, _change_request())
    assert (shortened.valid_to, shortened.valid_to_day) == (date(2023, 9, 14), 14)
    assert shortened.validity_change is not None
    assert shortened.validity_change.contacted_on == date(2023, 9, 20)
    assert shortened.validity_change.contacted_by == "med-01"
    assert shortened.validity_change.previous_valid_to == date(2023, 9, 30)
    assert tickets.tickets_past_ending("med-01", "office-nakano").items == []
    audit = [e for e in database.audit if e.record_id == ticket.id]
    assert audit[-1].action is AuditAction.UPDATE


def _grant_care(database: MemoryDatabase) -> None:
    """Let dec-00003 grant care assistance too (the test's own setting of the data)."""
    decision: Decision = database.tables["decisions"][DECISION][0]
    assert decision.amounts is not None
    _change(
        database, "decisions", DECISION, amounts=decision.amounts.model_dump() | {"care": 15_000}
    )


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"valid_to": "2023-09-10"}, "validity_end_after_start"),
        ({"valid_to": "2023-10-01"}, "validity_shortened_only"),
        ({"valid_to": "2023-09-16"}, "validity_ends_before_ending"),
        ({"contacted_on": "2023-09-21"}, "contact_not_future"),
        ({"contacted_by": "nobody"}, "contacted_by_staff"),
    ],
)
def test_a_validity_change_that_breaks_a_rule_is_refused(
    changes: dict[str, object],
    rule: str,
    lifecycle: LifecycleService,
    tickets: TicketService,
    database: MemoryDatabase,
) -> None:
    _grant_care(database)
    ticket = tickets.issue_care_ticket("med-01", CASE, care(valid_from_day=11))
    _end(lifecycle, DecisionKind.SUSPENSION, date(2023, 9, 15))
    with pytest.raises(RuleViolationError) as excinfo:
        tickets.shorten_care_ticket("med-01", ticket.id, _change_request(**changes))
    assert _rules(excinfo) == {rule}
    assert database.tables["care_tickets"][ticket.id][0].validity_change is None


def test_a_ticket_not_past_a_final_ending_cannot_be_shortened(
    tickets: TicketService,
) -> None:
    ticket = tickets.issue_medical_ticket("med-01", CASE, medical())
    with pytest.raises(RuleViolationError) as excinfo:
        tickets.shorten_medical_ticket("med-01", ticket.id, _change_request())
    assert _rules(excinfo) == {"ticket_past_ending"}
    assert "停止・廃止" in excinfo.value.detail_ja
