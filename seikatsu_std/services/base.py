"""What the use-case services share: the ports, the clock, authority checks and the audit trail.

Every use case authorises the actor first (:mod:`seikatsu_std.authority`),
records reads of personal data and every change in the hash-chained audit
trail inside the same unit of work, and never reads the clock itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from seikatsu_std.authority import Action, Verdict, authorize
from seikatsu_std.calc import CalculationInput, Calculator
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.model import Application, Case, Household, StaffMember
from seikatsu_std.model.office import StaffRole
from seikatsu_std.services.audit import AccessPurpose, AuditAction, next_entry
from seikatsu_std.services.errors import ForbiddenError, InvalidRequestError, NotFoundError
from seikatsu_std.services.models import CaseEvent, CaseEventKind
from seikatsu_std.services.ports import Clock, UnitOfWork, UnitOfWorkFactory, Versioned

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

#: Explained calculation results kept per service (the most recently used).
_RESULT_CACHE_SIZE = 4096


class ServiceBase:
    """What every use-case service shares: ports, clock, calculator, authority and audit."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, calculator: Calculator) -> None:
        self._uow = uow
        self._clock = clock
        self._calculator = calculator
        self._results: OrderedDict[tuple[str, int], CalculationResult] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ helpers

    def _explained(self, stored: Versioned[CalculationInput]) -> CalculationResult:
        """The explained result of a stored calculation input, computed once per version.

        The calculation is deterministic for an input and the calculator's
        standards (REQ-CAL-030), so a version's result never changes; a new
        version of the input (or a new service with other standards) computes afresh.
        """
        key = (stored.record.id, stored.version)
        with self._lock:
            found = self._results.get(key)
            if found is not None:
                self._results.move_to_end(key)
                return found
        result = self._calculator.calculate(stored.record, explain=True)
        with self._lock:
            self._results[key] = result
            while len(self._results) > _RESULT_CACHE_SIZE:
                self._results.popitem(last=False)
        return result

    def _today(self) -> date:
        return self._clock().date()

    def _actor(self, uow: UnitOfWork, actor_id: str) -> StaffMember:
        found = uow.staff.get(actor_id)
        if found is None:
            raise NotFoundError(
                f"職員 {actor_id} は登録されていません", f"unknown staff member {actor_id}"
            )
        return found.record

    def _require(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        action: Action,
        office_id: str,
        *,
        record: tuple[str, str] = ("office", ""),
        case_id: str | None = None,
        drafted_by: str | None = None,
    ) -> None:
        """Refuse (403, audited) unless ``actor`` may take ``action`` on ``office_id``'s records."""
        verdict = authorize(
            actor, action, office_id=office_id, on=self._today(), drafted_by=drafted_by
        )
        if not verdict.allowed:
            self._deny(uow, actor, action, verdict, record, case_id)

    def _deny(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        action: Action,
        verdict: Verdict,
        record: tuple[str, str],
        case_id: str | None,
    ) -> NoReturn:
        """Record the refusal in the audit trail (committed on its own), then refuse with 403."""
        self._audit(
            uow,
            actor,
            AuditAction.DENIED,
            record,
            case_id,
            None,
            f"{action.value}: {verdict.reason_en}",
        )
        uow.commit()
        raise ForbiddenError(verdict)

    def _audit(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        action: AuditAction,
        record: tuple[str, str],
        case_id: str | None,
        purpose: AccessPurpose | None,
        detail: str = "",
    ) -> None:
        uow.audit.append(
            next_entry(
                uow.audit.last(),
                at=self._clock(),
                actor_id=actor.id,
                action=action,
                record_type=record[0],
                record_id=record[1],
                case_id=case_id,
                purpose=purpose,
                detail=detail,
            )
        )

    def _case(self, uow: UnitOfWork, case_id: str) -> Versioned[Case]:
        found = uow.cases.get(case_id)
        if found is None:
            raise NotFoundError(f"ケース {case_id} は見つかりません", f"case {case_id} not found")
        return found

    def _open_case(
        self,
        uow: UnitOfWork,
        actor_id: str,
        case_id: str,
        action: Action,
        record_type: str = "case",
    ) -> tuple[StaffMember, Versioned[Case]]:
        """The actor and the case, once the actor may take ``action`` on it."""
        actor = self._actor(uow, actor_id)
        found = self._case(uow, case_id)
        case = found.record
        self._require(
            uow, actor, action, case.office_id, record=(record_type, case.id), case_id=case.id
        )
        return actor, found

    @staticmethod
    def _get(found: Versioned[T] | None, what: str, record_id: str) -> Versioned[T]:
        if found is None:
            raise NotFoundError(
                f"{what} {record_id} は見つかりません", f"{what} {record_id} not found"
            )
        return found

    def _open_application(
        self, uow: UnitOfWork, actor_id: str, application_id: str
    ) -> tuple[StaffMember, Versioned[Application]]:
        """The actor and the application, once the actor may record intake work on it."""
        actor = self._actor(uow, actor_id)
        found = self._get(uow.applications.get(application_id), "申請", application_id)
        self._require(
            uow,
            actor,
            Action.RECORD_INTAKE,
            found.record.office_id,
            record=("application", application_id),
            case_id=found.record.case_id,
        )
        return actor, found

    @staticmethod
    def _household(uow: UnitOfWork, case: Case) -> Household:
        found = uow.households.get(case.household_id)
        if found is None:
            raise NotFoundError(
                f"世帯 {case.household_id} が見つかりません",
                f"household {case.household_id} missing",
            )
        return found.record

    @staticmethod
    def _build(model: type[M], data: dict[str, Any]) -> M:
        """A record built from a request: a broken record rule becomes a 422 naming the rule."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            messages = [str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()]
            japanese = [m.split(" (")[0] for m in messages]
            raise InvalidRequestError("。".join(japanese), "; ".join(messages)) from exc

    def _assignable(
        self, uow: UnitOfWork, staff_id: str, role: StaffRole, office_id: str
    ) -> StaffMember:
        """The staff member ``staff_id`` if they may be given a case in ``role`` (public officials only)."""
        found = uow.staff.get(staff_id)
        if found is None or found.record.office_id != office_id:
            raise InvalidRequestError(
                f"職員 {staff_id} はこの福祉事務所の職員ではありません",
                f"staff {staff_id} is not a member of office {office_id}",
            )
        member = found.record
        if role not in member.roles or not member.is_public_official:
            raise InvalidRequestError(
                f"職員 {staff_id} は公務員の{role.label}ではないため担当にできません（委託事業者の職員は主担当にできません）",
                f"staff {staff_id} is not a public-official {role.value}",
            )
        return member

    def _event(
        self,
        uow: UnitOfWork,
        case_id: str | None,
        kind: CaseEventKind,
        actor: StaffMember,
        summary: str,
    ) -> None:
        """Add an entry to the case's history (a record without a case has the audit trail only)."""
        if case_id is None:
            return
        uow.events.add(
            CaseEvent(
                case_id=case_id, at=self._clock(), kind=kind, actor_id=actor.id, summary=summary
            )
        )
