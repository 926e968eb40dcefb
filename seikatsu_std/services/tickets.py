"""Medical tickets (医療券・調剤券) and care tickets (介護券), issued on an approved decision.

A ticket is issued for one member of a running case, for one calendar month,
to one designated medical institution (a pharmacy gets a 調剤券) or one care
provider (REQ-MED-004, REQ-CAR-003), on a decision that granted the medical or
care assistance and has been approved (REQ-APP-022; see
:mod:`seikatsu_std.services.benefits`). The office's 公費負担者番号, the 本人支払額 of
the decision and the member's care-insurance status come from the records; the
受給者番号 is drawn afresh for every ticket (never fixed to a person or a
household: 社援保第41号) and differs from the member's earlier ones. The same
member cannot get two tickets for the same month and institution (provider)
whose validity overlaps. Authority ``manage_medical``; every issue is audited.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from seikatsu_std.authority import Action
from seikatsu_std.formats.checkdigits import mod10_21_check_digit
from seikatsu_std.model import MedicalInstitution
from seikatsu_std.model.care import CareTicket, care_assistance_share
from seikatsu_std.model.common import AssistanceKind, check_days_within_month, month_bounds
from seikatsu_std.model.household import HouseholdMember
from seikatsu_std.model.medical import (
    InstitutionKind,
    MedicalTicket,
    PublicAssistanceTicket,
    TicketKind,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.benefits import Basis
from seikatsu_std.services.errors import InvalidRequestError, RuleViolationError
from seikatsu_std.services.ports import UnitOfWork
from seikatsu_std.services.ticket_endings import TicketEndings
from seikatsu_std.services.ticket_models import (
    CareTicketRequest,
    MedicalTicketRequest,
    TicketRequest,
)
from seikatsu_std.workflows.engine import Violation


def new_recipient_number(taken: Iterable[str] = ()) -> str:
    """A fresh 受給者番号: six random digits and their check digit, none of ``taken``."""
    used = set(taken)
    while True:
        body = f"{secrets.randbelow(10**6):06d}"
        number = body + mod10_21_check_digit(body)
        if number not in used:
            return number


def _day(month: str, day: int) -> date:
    """The date of ``day`` of ``month``."""
    return month_bounds(month)[0].replace(day=day)


def _member(basis: Basis, member_id: str) -> HouseholdMember | None:
    return next((m for m in basis.household.members if m.id == member_id), None)


def _not_a_member(basis: Basis, member_id: str) -> Violation:
    return Violation(
        "member_of_household",
        f"世帯員 {member_id} はケース {basis.case.id} の世帯員ではありません",
        f"{member_id} is not a member of the household of case {basis.case.id}",
    )


def _overlaps(ticket: PublicAssistanceTicket, request: TicketRequest, last_day: int) -> bool:
    return (
        ticket.member_id == request.member_id
        and ticket.month == request.month
        and ticket.valid_from_day <= last_day
        and request.valid_from_day <= ticket.valid_to_day
    )


def _duplicate(where: str, request: TicketRequest) -> Violation:
    return Violation(
        "no_duplicate_ticket",
        f"{request.month} に{where}への有効な券が既に発行されています（重複して発行できません）",
        f"a ticket valid in {request.month} for this member and provider already exists",
    )


class TicketService(TicketEndings):
    """Issue medical (dispensing) tickets and care tickets on an approved decision; list and
    shorten those a suspension or termination cuts short (:class:`TicketEndings`)."""

    def issue_medical_ticket(
        self, actor_id: str, case_id: str, request: MedicalTicketRequest
    ) -> MedicalTicket:
        """Issue the ticket of ``request`` (a 調剤券 when the institution is a pharmacy)."""
        last_day = self._last_day(request)
        with self._uow() as uow:
            basis = self._basis(
                uow,
                actor_id,
                case_id,
                Action.MANAGE_MEDICAL,
                (request.decision_id, request.month),
                what="医療券の発行",
                grants=AssistanceKind.MEDICAL,
                record_type="medical_ticket",
                last_day=_day(request.month, last_day),
            )
            stored = uow.medical_institutions.get(request.institution_id)
            institution = None if stored is None else stored.record
            earlier = [found.record for found in uow.medical_tickets.for_case(case_id)]
            violations = self._member_violations(basis, request.member_id)
            violations += self._institution_violations(institution, request, last_day)
            if institution is not None and any(
                t.institution_id == institution.id and _overlaps(t, request, last_day)
                for t in earlier
            ):
                violations.append(_duplicate(f"指定医療機関 {institution.name}", request))
            if violations or institution is None:
                raise RuleViolationError(violations)
            dispensing = institution.kind is InstitutionKind.PHARMACY
            ticket = self._build(
                MedicalTicket,
                {
                    **self._common(uow, basis, request, last_day, earlier),
                    "ticket_kind": TicketKind.DISPENSING if dispensing else TicketKind.MEDICAL,
                    "institution_id": institution.id,
                    "opinion_id": request.opinion_id,
                    "setting": request.setting,
                },
            )
            uow.medical_tickets.add(ticket)
            self._issued(uow, basis, ("medical_ticket", ticket.id), f"institution={institution.id}")
            uow.commit()
        return ticket

    def issue_care_ticket(
        self, actor_id: str, case_id: str, request: CareTicketRequest
    ) -> CareTicket:
        """Issue the care ticket of ``request``; the share follows the member's insurance status."""
        last_day = self._last_day(request)
        with self._uow() as uow:
            basis = self._basis(
                uow,
                actor_id,
                case_id,
                Action.MANAGE_MEDICAL,
                (request.decision_id, request.month),
                what="介護券の発行",
                grants=AssistanceKind.CARE,
                record_type="care_ticket",
                last_day=_day(request.month, last_day),
            )
            earlier = [found.record for found in uow.care_tickets.for_case(case_id)]
            violations = self._member_violations(basis, request.member_id)
            member = _member(basis, request.member_id)
            share = None if member is None else care_assistance_share(member.care_insurance)
            if member is not None and share is None:
                violations.append(
                    Violation(
                        "care_insured",
                        f"介護保険の区分が「{member.care_insurance.label}」の世帯員には介護券を発行できません",
                        "no care ticket for a member outside long-term-care insurance",
                    )
                )
            if any(
                t.provider_number == request.provider_number and _overlaps(t, request, last_day)
                for t in earlier
            ):
                violations.append(_duplicate(f"介護事業所 {request.provider_name}", request))
            if violations or member is None:
                raise RuleViolationError(violations)
            ticket = self._build(
                CareTicket,
                {
                    **self._common(uow, basis, request, last_day, earlier),
                    "provider_number": request.provider_number,
                    "provider_name": request.provider_name,
                    "service_kind": request.service_kind,
                    "care_insurance": member.care_insurance,
                    "insured_number": request.insured_number,
                    "assistance_share_percent": share,
                },
            )
            uow.care_tickets.add(ticket)
            self._issued(
                uow, basis, ("care_ticket", ticket.id), f"provider={ticket.provider_number}"
            )
            uow.commit()
        return ticket

    # ------------------------------------------------------------ rules

    @staticmethod
    def _last_day(request: TicketRequest) -> int:
        """The ticket's last valid day (the month's end unless asked), within the month."""
        last = request.valid_to_day or month_bounds(request.month)[1].day
        try:
            check_days_within_month(request.month, request.valid_from_day, last)
        except ValueError as exc:
            message = str(exc)
            raise InvalidRequestError(message.split(" (")[0], message) from exc
        return last

    @staticmethod
    def _member_violations(basis: Basis, member_id: str) -> list[Violation]:
        return [] if _member(basis, member_id) else [_not_a_member(basis, member_id)]

    @staticmethod
    def _institution_violations(
        institution: MedicalInstitution | None, request: MedicalTicketRequest, last_day: int
    ) -> list[Violation]:
        if institution is None:
            return [
                Violation(
                    "institution_designated",
                    f"指定医療機関 {request.institution_id} は登録されていません",
                    f"no designated medical institution {request.institution_id}",
                )
            ]
        first = month_bounds(request.month)[0]
        days = (first.replace(day=request.valid_from_day), first.replace(day=last_day))
        if all(institution.designation.contains(day) for day in days):
            return []
        return [
            Violation(
                "institution_designated",
                f"{institution.name} は券の有効期間（{days[0].isoformat()}〜{days[1].isoformat()}）の"
                "全体にわたって指定医療機関ではありません",
                f"institution {institution.id} is not designated throughout the ticket's validity",
            )
        ]

    def _common(
        self,
        uow: UnitOfWork,
        basis: Basis,
        request: TicketRequest,
        last_day: int,
        earlier: Iterable[PublicAssistanceTicket],
    ) -> dict[str, Any]:
        """The items every ticket carries, from the request and the records."""
        office = uow.offices.get(basis.case.office_id)
        payer = None if office is None else office.record.payer_number
        if payer is None:
            raise RuleViolationError(
                [
                    Violation(
                        "payer_number",
                        "福祉事務所に公費負担者番号が登録されていないため券を発行できません",
                        f"office {basis.case.office_id} has no public payer number",
                    )
                ]
            )
        return {
            "id": f"ticket-{uuid.uuid4().hex[:16]}",
            "month": request.month,
            "case_id": basis.case.id,
            "member_id": request.member_id,
            "decision_id": basis.decision.id,
            "payer_number": payer,
            "recipient_number": new_recipient_number(
                t.recipient_number for t in earlier if t.member_id == request.member_id
            ),
            "valid_from_day": request.valid_from_day,
            "valid_to_day": last_day,
            "own_payment": basis.decision.own_payment,
            "issued_on": self._today(),
            "issued_by": basis.actor.id,
        }

    def _issued(self, uow: UnitOfWork, basis: Basis, record: tuple[str, str], detail: str) -> None:
        self._audit(
            uow,
            basis.actor,
            AuditAction.CREATE,
            record,
            basis.case.id,
            AccessPurpose.MEDICAL,
            f"decision={basis.decision.id} {detail}",
        )
