"""Case use cases: list, detail with the calculation explanation, update, history,
My Number access, audit verification, caseload.

Every use case authorises the actor first (:mod:`seikatsu_std.authority`),
records reads of personal data and every change in the hash-chained audit
trail inside the same unit of work, and never reads the clock itself.
"""

from __future__ import annotations

import attrs
import numpy as np

from seikatsu_std.authority import Action
from seikatsu_std.calc import CalculationError
from seikatsu_std.model import Case, CaseStatus, StaffMember
from seikatsu_std.model.decision import current_decision
from seikatsu_std.model.identifiers import MyNumber
from seikatsu_std.model.office import StaffRole
from seikatsu_std.services.audit import (
    AccessPurpose,
    AuditAction,
    AuditQuery,
    ChainReport,
    verify_chain,
)
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import InvalidRequestError, NotFoundError
from seikatsu_std.services.models import (
    AuditPage,
    AuditRecord,
    CaseChanges,
    CaseDetail,
    CaseEvent,
    CaseEventKind,
    Caseload,
    CaseloadRow,
    CasePage,
    CaseSummary,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned

_OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


class CaseService(ServiceBase):
    """The case use cases of one welfare-office system."""

    # ------------------------------------------------------------ use cases

    def staff_member(self, actor_id: str) -> StaffMember:
        """The record of the logged-in staff member."""
        with self._uow() as uow:
            return self._actor(uow, actor_id)

    def list_cases(
        self,
        actor_id: str,
        *,
        office_id: str,
        purpose: AccessPurpose,
        text: str | None = None,
        status: CaseStatus | None = None,
        caseworker_id: str | None = None,
        limit: int = 50,
        after: str | None = None,
    ) -> CasePage:
        """The cases of an office the actor may see (ケース番号順)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            found = uow.cases.search(
                office_id,
                text=text,
                status=status,
                caseworker_id=caseworker_id,
                limit=limit + 1,
                after=after,
            )
            page, more = found[:limit], len(found) > limit
            items = [self._summary(uow, item) for item in page]
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("case_list", office_id),
                None,
                purpose,
                f"{len(items)} cases (text={text!r}, status={status.value if status else None}): "
                + ", ".join(item.id for item in items),
            )
            uow.commit()
        return CasePage(
            items=items, next_after=page[-1].record.case_number if more and page else None
        )

    def _summary(self, uow: UnitOfWork, item: Versioned[Case]) -> CaseSummary:
        case = item.record
        household = self._household(uow, case)
        members = [m for m in household.members if not m.separated]
        attention = []
        if (
            case.status is CaseStatus.ACTIVE
            and current_decision(uow.decisions.for_case(case.id)) is None
        ):
            attention.append("適用中の保護決定がありません")
        return CaseSummary(
            id=case.id,
            case_number=case.case_number,
            status=case.status,
            head_name=household.head.name,
            household_size=max(len(members), 1),
            household_type=case.household_type,
            caseworker_id=case.caseworker_id,
            opened_on=case.opened_on,
            version=item.version,
            attention=attention,
        )

    def case_detail(self, actor_id: str, case_id: str, *, purpose: AccessPurpose) -> CaseDetail:
        """A case with its household, the decision in force and the explanation of its amounts."""
        with self._uow() as uow:
            actor, found = self._open_case(uow, actor_id, case_id, Action.READ_CASE)
            case = found.record
            household = self._household(uow, case)
            decision = current_decision(uow.decisions.for_case(case.id))
            calculation = error = None
            if decision is not None and decision.calculation_id is not None:
                stored = uow.calculations.get(decision.calculation_id)
                if stored is None:
                    error = f"計算の入力 {decision.calculation_id} がありません"
                else:
                    try:
                        calculation = self._explained(stored)
                    except CalculationError as exc:
                        error = str(exc)
            self._audit(uow, actor, AuditAction.READ, ("case", case.id), case.id, purpose)
            uow.commit()
        return CaseDetail(
            case=case,
            version=found.version,
            household=household,
            decision=decision,
            calculation=calculation,
            calculation_error=error,
        )

    def update_case(self, actor_id: str, case_id: str, changes: CaseChanges) -> Versioned[Case]:
        """Change the caseworker, supervisor or visit grade (optimistic locking on ``changes.version``)."""
        with self._uow() as uow:
            actor, found = self._open_case(uow, actor_id, case_id, Action.UPDATE_CASE)
            case = found.record
            update = changes.model_dump(exclude={"version"}, exclude_none=True)
            if not update:
                raise InvalidRequestError("変更する項目がありません", "nothing to change")
            for field, role in (
                ("caseworker_id", StaffRole.CASEWORKER),
                ("supervisor_id", StaffRole.SUPERVISOR),
            ):
                if field in update:
                    self._assignable(uow, update[field], role, case.office_id)
            changed = Case.model_validate({**case.model_dump(), **update})
            stored = uow.cases.replace(changed, changes.version)
            summary = "、".join(
                f"{name}: {getattr(case, name)} → {value}" for name, value in update.items()
            )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("case", case.id),
                case.id,
                AccessPurpose.SUPERVISION,
                summary,
            )
            self._event(uow, case.id, CaseEventKind.UPDATED, actor, summary)
            uow.commit()
        return stored

    def history(self, actor_id: str, case_id: str, *, purpose: AccessPurpose) -> list[CaseEvent]:
        """The history of a case, oldest first."""
        with self._uow() as uow:
            actor, found = self._open_case(uow, actor_id, case_id, Action.READ_CASE, "case_history")
            case = found.record
            events = uow.events.for_case(case.id)
            self._audit(uow, actor, AuditAction.READ, ("case_history", case.id), case.id, purpose)
            uow.commit()
        return events

    def personal_number(
        self, actor_id: str, case_id: str, member_id: str, *, purpose: AccessPurpose, reveal: bool
    ) -> tuple[MyNumber | None, bool]:
        """A member's My Number (masked unless ``reveal``); every access is logged with its purpose."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            case = self._case(uow, case_id).record
            household = self._household(uow, case)
            if member_id not in {m.id for m in household.members}:
                raise NotFoundError(
                    f"世帯員 {member_id} はこのケースにいません",
                    f"member {member_id} not in case {case_id}",
                )
            action = Action.READ_MY_NUMBER if reveal else Action.READ_CASE
            self._require(
                uow,
                actor,
                action,
                case.office_id,
                record=("personal_number", member_id),
                case_id=case.id,
            )
            record = uow.personal_numbers.for_member(member_id)
            self._audit(
                uow,
                actor,
                AuditAction.READ_MY_NUMBER,
                ("personal_number", member_id),
                case.id,
                purpose,
                "revealed" if reveal else "masked",
            )
            uow.commit()
        return (record.my_number if record else None), reveal

    def verify_audit(self, actor_id: str) -> ChainReport:
        """Verify the whole audit chain (auditor or section chief)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_AUDIT_LOG, actor.office_id)
            report = verify_chain(uow.audit.entries())
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("audit_log", "chain"),
                None,
                AccessPurpose.AUDIT,
                report.reason_en,
            )
            uow.commit()
        return report

    def audit_entries(self, actor_id: str, query: AuditQuery) -> AuditPage:
        """Search the audit trail (auditor or section chief); the search is itself logged."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_AUDIT_LOG, actor.office_id)
            found = uow.audit.search(attrs.evolve(query, limit=query.limit + 1))
            page, more = found[: query.limit], len(found) > query.limit
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("audit_log", "search"),
                query.case_id,
                AccessPurpose.AUDIT,
                f"{query.describe()} → {len(page)} entries",
            )
            uow.commit()
        return AuditPage(
            items=[AuditRecord.of(entry) for entry in page],
            next_before=page[-1].sequence if more and page else None,
        )

    def caseload(self, actor_id: str, office_id: str) -> Caseload:
        """Cases per caseworker against the standard number of 社会福祉法16条."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            office = uow.offices.get(office_id)
            if office is None:
                raise NotFoundError(
                    f"福祉事務所 {office_id} は見つかりません", f"office {office_id} not found"
                )
            counts = uow.cases.count_by_caseworker(office_id, _OPEN_STATUSES)
            caseworkers = [
                s for s in uow.staff.for_office(office_id) if StaffRole.CASEWORKER in s.roles
            ]
            uow.commit()
        table = self._calculator.standards.compiled("caseworker_standard", self._today())
        row = table.rows(office_type=np.array([office.record.office_type.value], dtype=object))
        base, base_households, per_additional = (
            int(table.values(row, np.array([table.column_index(c)]))[0])
            for c in ("base_caseworkers", "base_households", "households_per_additional")
        )
        total = sum(counts.values())
        standard = (
            base
            if total <= base_households
            else base + -(-(total - base_households) // per_additional)
        )
        rows = [
            CaseloadRow(
                caseworker_id=s.id,
                name=s.name,
                households=counts.get(s.id, 0),
                standard=per_additional,
                over_standard=counts.get(s.id, 0) > per_additional,
            )
            for s in sorted(caseworkers, key=lambda s: s.id)
        ]
        return Caseload(
            office_id=office_id,
            households=total,
            caseworkers=len(caseworkers),
            standard_caseworkers=standard,
            rows=rows,
        )
