"""Need determination (要否判定) as a use case.

The caseworker states the household's situation in the month of the
determination (members, housing, income); the calculation engine measures the
minimum cost of living by the standards valid on the day of the determination
and the income recognised for the test (basic deduction only). The result
(要・否), both explanations and the table editions are stored, so a rejection
can state the figures it rests on (REQ-APP-020, REQ-APP-027).
"""

from __future__ import annotations

import uuid

from seikatsu_std.authority import Action
from seikatsu_std.calc import CalculationError, Calculator
from seikatsu_std.calc.results import CalculationResult, TraceLine
from seikatsu_std.model import Application
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.determination_records import (
    NeedDetermination,
    NeedDeterminationRequest,
    NeedResult,
)
from seikatsu_std.services.errors import (
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.models import CaseEventKind
from seikatsu_std.services.ports import UnitOfWork
from seikatsu_std.workflows.engine import Violation
from seikatsu_std.workflows.lifecycle import NEED_DETERMINATION_LEGAL

_UNDECIDED = (ApplicationStatus.RECEIVED, ApplicationStatus.INVESTIGATING)
#: Explanation lines about income (the rest of the needs side measures the minimum cost).
_INCOME_CODES = ("income.", "deduction.", "total.recognised_income")
_LIVING_TOTALS = ("total.need.", "total.minimum_living_cost")


def _income_line(line: TraceLine) -> bool:
    return line.role == "income" or line.code.startswith(_INCOME_CODES)


def _living_line(line: TraceLine) -> bool:
    if _income_line(line):
        return False
    return line.role in ("component", "step") or line.code.startswith(_LIVING_TOTALS)


class DeterminationService(ServiceBase):
    """Need determinations of the applications of one welfare-office system."""

    def determine_need(
        self, actor_id: str, application_id: str, request: NeedDeterminationRequest
    ) -> NeedDetermination:
        """Determine whether the applicant's household needs assistance, and keep the record."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            application = self._application(uow, application_id)
            self._require(
                uow,
                actor,
                Action.DRAFT_DECISION,
                application.office_id,
                record=("need_determination", application_id),
                case_id=application.case_id,
            )
            case_id = self._checked(uow, application, request)
            result = self._calculate(request)
            calculation = request.calculation.model_copy(
                update={"id": f"calculation-{uuid.uuid4().hex[:16]}"}
            )
            uow.calculations.add(calculation)
            test = result.need_test
            determination = self._build(
                NeedDetermination,
                {
                    "id": self._next_id(uow, application),
                    "case_id": case_id,
                    "application_id": application.id,
                    "determined_on": request.determined_on,
                    "standards_as_of": request.determined_on,
                    "determined_by": actor.id,
                    "result": NeedResult.IN_NEED if test.in_need else NeedResult.NOT_IN_NEED,
                    "minimum_living_cost": result.minimum_living_cost,
                    "recognised_income": test.recognised_income,
                    "margin": test.margin,
                    "calculation_id": calculation.id,
                    "living_cost_lines": [line for line in result.lines if _living_line(line)],
                    "income_lines": [line for line in result.lines if _income_line(line)],
                    "tables": result.tables,
                    "warnings": result.warnings,
                },
            )
            uow.need_determinations.add(determination)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("need_determination", determination.id),
                case_id,
                AccessPurpose.DECISION,
                f"{determination.result.value}: minimum {determination.minimum_living_cost}"
                f" income {determination.recognised_income}",
            )
            self._event(
                uow,
                case_id,
                CaseEventKind.DECISION,
                actor,
                f"要否判定「{determination.result.label}」（判定日 {request.determined_on.isoformat()}、"
                f"最低生活費 {determination.minimum_living_cost:,}円、"
                f"認定した収入 {determination.recognised_income:,}円）",
            )
            uow.commit()
        return determination

    def need_determinations(self, actor_id: str, application_id: str) -> list[NeedDetermination]:
        """The need determinations of an application, oldest first (reading them is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            application = self._application(uow, application_id)
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                application.office_id,
                record=("need_determination_list", application_id),
                case_id=application.case_id,
            )
            found = uow.need_determinations.for_application(application_id)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("need_determination_list", application_id),
                application.case_id,
                AccessPurpose.DECISION,
                f"{len(found)} need determinations",
            )
            uow.commit()
        return found

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _next_id(uow: UnitOfWork, application: Application) -> str:
        """The application's next determination id: ids sort in the order they were recorded."""
        count = len(uow.need_determinations.for_application(application.id))
        suffix = application.id.removeprefix("application-")[-32:]
        return f"need-determination-{suffix}-{count + 1:03d}"

    @staticmethod
    def _application(uow: UnitOfWork, application_id: str) -> Application:
        found = uow.applications.get(application_id)
        if found is None:
            raise NotFoundError(
                f"申請 {application_id} は見つかりません", f"application {application_id} not found"
            )
        return found.record

    def _checked(
        self, uow: UnitOfWork, application: Application, request: NeedDeterminationRequest
    ) -> str:
        """The application's case, once the request fits the application (nothing written)."""
        if application.status not in _UNDECIDED or application.case_id is None:
            raise TransitionNotAllowedError(
                [
                    Violation(
                        "state",
                        f"「{application.status.label}」の申請の要否は判定できません",
                        f"no need determination for an application that is {application.status.value}",
                    )
                ]
            )
        day = request.determined_on
        if day > self._today():
            raise InvalidRequestError(
                f"判定日 {day.isoformat()} が今日より後です", "determined_on is in the future"
            )
        if day < application.received_on:
            raise RuleViolationError(
                [
                    Violation(
                        "not_before_application",
                        f"判定日 {day.isoformat()} を申請の受付日"
                        f" {application.received_on.isoformat()} より前にはできません",
                        "a need determination cannot precede the application",
                        NEED_DETERMINATION_LEGAL,
                    )
                ]
            )
        if request.calculation.month != day.strftime("%Y-%m"):
            raise InvalidRequestError(
                f"計算の対象年月 {request.calculation.month} が判定日 {day.isoformat()} の月ではありません"
                "（判定日に有効な基準で判定します）",
                "the calculation month must be the month of the determination",
            )
        case = self._case(uow, application.case_id).record
        if request.calculation.household.id != case.household_id:
            raise InvalidRequestError(
                f"計算の入力の世帯 {request.calculation.household.id} は申請の世帯"
                f" {case.household_id} ではありません",
                "the calculation input is for another household than the application's",
            )
        return case.id

    def _calculate(self, request: NeedDeterminationRequest) -> CalculationResult:
        calculator = self._calculator
        if request.allow_provisional:
            calculator = Calculator(self._calculator.standards, allow_provisional=True)
        try:
            return calculator.calculate(request.calculation, explain=True)
        except CalculationError as exc:
            raise RuleViolationError(
                [
                    Violation(
                        "calculable",
                        f"判定日に有効な基準で最低生活費を算定できません: {exc}",
                        f"cannot calculate: {exc}",
                        NEED_DETERMINATION_LEGAL,
                    )
                ]
            ) from exc
