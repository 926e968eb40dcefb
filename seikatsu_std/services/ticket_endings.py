"""Tickets that a final suspension or termination cuts short (REQ-MED-015, REQ-CAR-009).

Once a suspension (停止) or a termination (廃止) of a case is final, no medical or
care ticket is issued for its effective date or later (see
:mod:`seikatsu_std.services.benefits`). Tickets issued before then may still be
valid on or after that date: they are not changed silently. The office lists
them (:meth:`TicketEndings.tickets_past_ending`), and staff shorten each one to
end before the effective date, recording when, by whom and how the medical
institution or care provider was told (:meth:`TicketEndings.shorten_medical_ticket`,
:meth:`TicketEndings.shorten_care_ticket`). Authority ``manage_medical``; the
list and every change are audited; a broken rule is refused (422) with
nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TypeVar

from seikatsu_std.authority import Action
from seikatsu_std.model import Case, Decision
from seikatsu_std.model.care import CareTicket, CareTicketValidityChange
from seikatsu_std.model.case import CaseStatus
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.model.medical import (
    MedicalTicket,
    MedicalTicketValidityChange,
    PublicAssistanceTicket,
    TicketValidityChange,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.benefits import BenefitServiceBase, ending_decision, still_paid
from seikatsu_std.services.errors import RuleViolationError
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.services.ticket_models import (
    TicketPastEnding,
    TicketsPastEnding,
    TicketValidityChangeRequest,
)
from seikatsu_std.workflows.engine import Violation

T = TypeVar("T", MedicalTicket, CareTicket)

#: The states of a case that a final suspension or termination leads to.
_ENDED_STATES = (CaseStatus.SUSPENDED, CaseStatus.TERMINATED, CaseStatus.TRANSFERRED)
#: How many cases a page of the office's search holds while the list is made.
_PAGE = 200


def past_ending(
    ticket: PublicAssistanceTicket, ending: Decision | None, grants: AssistanceKind
) -> bool:
    """Whether ``ticket`` is valid on or after the effective date of ``ending`` (a final
    suspension or termination that stops the assistance the ticket is for)."""
    return (
        ending is not None
        and not still_paid(ending, grants)
        and ticket.valid_to >= ending.effective_on
    )


def _provider(ticket: PublicAssistanceTicket) -> str:
    if isinstance(ticket, MedicalTicket):
        return ticket.institution_id
    assert isinstance(ticket, CareTicket)
    return ticket.provider_number


def _row(ticket: PublicAssistanceTicket, version: int, ending: Decision) -> TicketPastEnding:
    return TicketPastEnding(
        ticket_type="medical_ticket" if isinstance(ticket, MedicalTicket) else "care_ticket",
        ticket_id=ticket.id,
        version=version,
        case_id=ticket.case_id,
        member_id=ticket.member_id,
        month=ticket.month,
        valid_from=ticket.valid_from,
        valid_to=ticket.valid_to,
        provider=_provider(ticket),
        ending_decision_id=ending.id,
        ending_kind=ending.kind,
        effective_on=ending.effective_on,
        end_by=ending.effective_on - timedelta(days=1),
    )


class TicketEndings(BenefitServiceBase):
    """List the tickets past a final suspension or termination and shorten them."""

    def tickets_past_ending(
        self,
        actor_id: str,
        office_id: str,
        *,
        ticket_type: str | None = None,
        ending_kind: DecisionKind | None = None,
    ) -> TicketsPastEnding:
        """The office's tickets valid on or after the effective date of their case's final
        suspension or termination (``ticket_type``: medical_ticket or care_ticket;
        ``ending_kind``: suspension or termination; ``None``: all)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(
                uow, actor, Action.MANAGE_MEDICAL, office_id, record=("ticket_list", office_id)
            )
            rows: list[TicketPastEnding] = []
            for case in self._ended_cases(uow, office_id):
                ending = ending_decision(case, uow.decisions.for_case(case.id))
                if ending is None or ending_kind not in (None, ending.kind):
                    continue
                rows += [
                    _row(ticket, version, ending)
                    for ticket, version, grants in self._tickets(uow, case.id, ticket_type)
                    if past_ending(ticket, ending, grants)
                ]
            rows.sort(key=lambda r: (r.case_id, r.month, r.ticket_id))
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("ticket_list", office_id),
                None,
                AccessPurpose.MEDICAL,
                f"{len(rows)} tickets past a suspension or termination: "
                + ", ".join(r.ticket_id for r in rows),
            )
            uow.commit()
        return TicketsPastEnding(office_id=office_id, items=rows)

    def shorten_medical_ticket(
        self, actor_id: str, ticket_id: str, request: TicketValidityChangeRequest
    ) -> MedicalTicket:
        """End the medical ticket before the suspension or termination; record the contact
        with the medical institution."""
        with self._uow() as uow:
            found = self._get(uow.medical_tickets.get(ticket_id), "医療券", ticket_id)
            ticket = self._shortened(
                uow,
                actor_id,
                (found, "medical_ticket", AssistanceKind.MEDICAL),
                MedicalTicketValidityChange,
                request,
            )
            uow.medical_tickets.replace(ticket, request.version)
            uow.commit()
        return ticket

    def shorten_care_ticket(
        self, actor_id: str, ticket_id: str, request: TicketValidityChangeRequest
    ) -> CareTicket:
        """End the care ticket before the suspension or termination; record the contact with
        the care provider."""
        with self._uow() as uow:
            found = self._get(uow.care_tickets.get(ticket_id), "介護券", ticket_id)
            ticket = self._shortened(
                uow,
                actor_id,
                (found, "care_ticket", AssistanceKind.CARE),
                CareTicketValidityChange,
                request,
            )
            uow.care_tickets.replace(ticket, request.version)
            uow.commit()
        return ticket

    # ------------------------------------------------------------ rules

    @staticmethod
    def _tickets(
        uow: UnitOfWork, case_id: str, ticket_type: str | None
    ) -> Iterator[tuple[PublicAssistanceTicket, int, AssistanceKind]]:
        """The case's tickets of ``ticket_type`` (all if ``None``), their versions and the kind
        of assistance each is for."""
        if ticket_type in (None, "medical_ticket"):
            for medical in uow.medical_tickets.for_case(case_id):
                yield medical.record, medical.version, AssistanceKind.MEDICAL
        if ticket_type in (None, "care_ticket"):
            for care in uow.care_tickets.for_case(case_id):
                yield care.record, care.version, AssistanceKind.CARE

    @staticmethod
    def _ended_cases(uow: UnitOfWork, office_id: str) -> Iterator[Case]:
        """Every case of the office that is suspended or has ended."""
        for status in _ENDED_STATES:
            after: str | None = None
            while True:
                page = uow.cases.search(office_id, status=status, limit=_PAGE, after=after)
                yield from (found.record for found in page)
                if len(page) < _PAGE:
                    break
                after = page[-1].record.case_number

    def _shortened(
        self,
        uow: UnitOfWork,
        actor_id: str,
        ticket: tuple[Versioned[T], str, AssistanceKind],
        change: type[TicketValidityChange],
        request: TicketValidityChangeRequest,
    ) -> T:
        """The ticket shortened as ``request`` asks, once every rule holds (422 otherwise)."""
        found, record_type, grants = ticket
        current = found.record
        actor, _ = self._open_case(
            uow, actor_id, current.case_id, Action.MANAGE_MEDICAL, record_type=record_type
        )
        case = self._case(uow, current.case_id).record
        ending = ending_decision(case, uow.decisions.for_case(case.id))
        violations = self._change_violations(current, ending, grants, request)
        if request.contacted_by is not None and uow.staff.get(request.contacted_by) is None:
            violations.append(
                Violation(
                    "contacted_by_staff",
                    f"連絡した職員 {request.contacted_by} は登録されていません",
                    f"unknown staff member {request.contacted_by}",
                )
            )
        if violations or ending is None:
            raise RuleViolationError(violations)
        record = change(
            ending_decision_id=ending.id,
            previous_valid_to=current.valid_to,
            changed_on=self._today(),
            changed_by=actor.id,
            contacted_on=request.contacted_on,
            contacted_by=request.contacted_by or actor.id,
            contact_method=request.contact_method,
            contact_note=request.contact_note,
        )
        shortened = type(current).model_validate(
            {
                **current.model_dump(),
                "valid_to_day": request.valid_to.day,
                "valid_to": request.valid_to,
                "validity_change": record.model_dump(),
            }
        )
        self._audit(
            uow,
            actor,
            AuditAction.UPDATE,
            (record_type, current.id),
            case.id,
            AccessPurpose.MEDICAL,
            f"validity {current.valid_to} → {request.valid_to} ({ending.kind.value} {ending.id}); "
            f"contacted {request.contacted_on} by {request.contact_method.value}",
        )
        return shortened

    def _change_violations(
        self,
        ticket: PublicAssistanceTicket,
        ending: Decision | None,
        grants: AssistanceKind,
        request: TicketValidityChangeRequest,
    ) -> list[Violation]:
        """Every rule the change of ``ticket``'s validity breaks."""
        if ending is None or not past_ending(ticket, ending, grants):
            return [
                Violation(
                    "ticket_past_ending",
                    f"券 {ticket.id}（有効期間 {ticket.valid_from.isoformat()}〜"
                    f"{ticket.valid_to.isoformat()}）は確定した保護の停止・廃止の決定の適用日を"
                    "またいでいないため、有効期間を変更できません",
                    f"ticket {ticket.id} is not valid past a final suspension or termination",
                )
            ]
        violations: list[Violation] = []
        new_end, effective = request.valid_to, ending.effective_on
        if new_end < ticket.valid_from:
            violations.append(
                Violation(
                    "validity_end_after_start",
                    f"有効期間の終了日 {new_end.isoformat()} は開始日 "
                    f"{ticket.valid_from.isoformat()} より前にできません",
                    f"the new end {new_end} precedes the ticket's start {ticket.valid_from}",
                )
            )
        if new_end > ticket.valid_to:
            violations.append(
                Violation(
                    "validity_shortened_only",
                    f"有効期間の終了日 {new_end.isoformat()} は現在の終了日 "
                    f"{ticket.valid_to.isoformat()} より後にできません（短縮に限ります）",
                    f"the new end {new_end} is after the current end {ticket.valid_to}",
                )
            )
        elif new_end >= effective:
            violations.append(
                Violation(
                    "validity_ends_before_ending",
                    f"有効期間の終了日は保護の{ending.kind.label}の適用日 {effective.isoformat()} の"
                    f"前日（{(effective - timedelta(days=1)).isoformat()}）以前にしてください",
                    f"the new end {new_end} is not before the effective date {effective}",
                )
            )
        if request.contacted_on > self._today():
            violations.append(
                Violation(
                    "contact_not_future",
                    f"連絡日 {request.contacted_on.isoformat()} は今日より後にできません",
                    f"the contact date {request.contacted_on} is in the future",
                )
            )
        return violations
