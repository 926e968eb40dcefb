"""The case lifecycle as use cases: consultation, application, investigation, decision.

Each use case gathers the facts, checks the workflow (:mod:`seikatsu_std.workflows.lifecycle`)
and the authority rules, and refuses with every violated rule before it writes
anything. Amounts of start and change decisions come from the calculation
engine, never from the caller. Every change is audited and recorded in the
case history; an approved termination also records that medical and care
assistance end with it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, TypeVar

from seikatsu_std.authority import Action
from seikatsu_std.calc import CalculationError
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.model import Application, Case, CaseStatus, Consultation, Decision, DecisionKind
from seikatsu_std.model.decision import AssistanceAmounts, DecisionStatus
from seikatsu_std.model.intake import ApplicationKind, ApplicationStatus, ConsultationOutcome
from seikatsu_std.model.investigation import SupportInquiry
from seikatsu_std.model.office import StaffMember, StaffRole
from seikatsu_std.notices import DecisionNotice, NoticeError, build_decision_notice
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import (
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.investigations import decision_warnings
from seikatsu_std.services.models import (
    ApplicationDraft,
    ApplicationView,
    CaseEventKind,
    ConsultationClosing,
    ConsultationDraft,
    ConsultationView,
    DecisionClockView,
    DecisionDraft,
    DecisionView,
    ExtensionRequest,
    PendingApplication,
    PendingApplications,
    SupportInquiryDraft,
    WithdrawalRequest,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.standards import StandardsError
from seikatsu_std.workflows.clocks import ClockState, DecisionClock, decision_clock
from seikatsu_std.workflows.engine import Violation, Workflow
from seikatsu_std.workflows.lifecycle import (
    APPLICATION,
    CASE,
    CONSULTATION,
    DECISION,
    ApplicationFacts,
    CaseFacts,
    ConsultationFacts,
    DecisionFacts,
    case_transition,
)

_CLOSING_TRANSITIONS = {
    ConsultationOutcome.APPLICATION_TAKEN: "take_application",
    ConsultationOutcome.REFERRED_TO_OTHER_MEASURES: "refer",
    ConsultationOutcome.ADVICE_ONLY: "advise_only",
}
T = TypeVar("T")
_WITH_AMOUNTS = (DecisionKind.START, DecisionKind.CHANGE)
_FOR_APPLICATIONS = (DecisionKind.START, DecisionKind.REJECTION)


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def _checked(workflow: Workflow[Any, Any], name: str, state: Any, facts: Any) -> None:
    """Raise with every violation of ``workflow``'s transition ``name`` (nothing written yet)."""
    violations = workflow.check(name, state, facts)
    if not violations:
        return
    if violations[0].code == "state":
        raise TransitionNotAllowedError(violations)
    raise RuleViolationError(violations)


class LifecycleService(ServiceBase):
    """Consultations, applications, investigations and decisions of one welfare-office system."""

    # ------------------------------------------------------------ consultations

    def open_consultation(self, actor_id: str, draft: ConsultationDraft) -> ConsultationView:
        """Record a consultation (still open: it ends with :meth:`close_consultation`)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.RECORD_INTAKE, actor.office_id)
            consultation = self._build(
                Consultation,
                {
                    "id": _new_id("consultation"),
                    "office_id": actor.office_id,
                    "interviewer_id": actor.id,
                    "outcome": ConsultationOutcome.CONTINUING,
                    **draft.model_dump(),
                },
            )
            stored = uow.consultations.add(consultation)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("consultation", consultation.id),
                None,
                AccessPurpose.CASEWORK,
                f"wishes_to_apply={draft.wishes_to_apply}",
            )
            uow.commit()
        return ConsultationView(consultation=stored.record, version=stored.version)

    def close_consultation(
        self, actor_id: str, consultation_id: str, closing: ConsultationClosing
    ) -> ConsultationView:
        """End a consultation; a wish to apply can only end with a registered application."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            found = self._get(uow.consultations.get(consultation_id), "相談記録", consultation_id)
            consultation = found.record
            self._require(
                uow,
                actor,
                Action.RECORD_INTAKE,
                consultation.office_id,
                record=("consultation", consultation.id),
            )
            transition = _CLOSING_TRANSITIONS.get(closing.outcome)
            if transition is None:
                raise InvalidRequestError(
                    "相談を終える結果は、申請受付・他法他施策の案内・助言のみのいずれかです",
                    "a consultation ends with application_taken, referred_to_other_measures or advice_only",
                )
            registered = False
            if closing.application_id is not None:
                application = uow.applications.get(closing.application_id)
                registered = (
                    application is not None
                    and application.record.consultation_id == consultation.id
                )
            facts = ConsultationFacts(consultation.wishes_to_apply, registered)
            _checked(CONSULTATION, transition, consultation.outcome, facts)
            closed = consultation.model_copy(
                update={"outcome": closing.outcome, "application_id": closing.application_id}
            )
            stored = uow.consultations.replace(
                self._build(Consultation, closed.model_dump()), closing.version
            )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("consultation", consultation.id),
                None,
                AccessPurpose.CASEWORK,
                f"outcome: {consultation.outcome.value} → {closing.outcome.value}",
            )
            uow.commit()
        return ConsultationView(consultation=stored.record, version=stored.version)

    # ------------------------------------------------------------ applications

    def receive_application(self, actor_id: str, draft: ApplicationDraft) -> ApplicationView:
        """Register an application: the legal clock starts on ``received_on``.

        A start application opens a new case (state 申請中) for the household;
        a change application names its case.
        """
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.RECORD_INTAKE, actor.office_id)
            if draft.received_on > self._today():
                raise InvalidRequestError(
                    f"受付日 {draft.received_on.isoformat()} が今日より後です",
                    "received_on is in the future",
                )
            self._deadline_or_refuse(draft.received_on)
            if draft.consultation_id is not None:
                self._get(
                    uow.consultations.get(draft.consultation_id), "相談記録", draft.consultation_id
                )
            if draft.kind is ApplicationKind.START:
                case = self._open_applying_case(uow, actor, draft)
            else:
                case = self._case_for_change(uow, actor, draft)
            application = self._build(
                Application,
                {
                    "id": _new_id("application"),
                    "office_id": actor.office_id,
                    "kind": draft.kind,
                    "received_on": draft.received_on,
                    "channel": draft.channel,
                    "received_by": actor.id,
                    "applicant_name": draft.applicant_name,
                    "applicant_relationship": draft.applicant_relationship,
                    "household_id": case.household_id,
                    "case_id": case.id,
                    "consultation_id": draft.consultation_id,
                    "requested_kinds": draft.requested_kinds,
                    "reason": draft.reason,
                    "status": ApplicationStatus.RECEIVED,
                },
            )
            stored = uow.applications.add(application)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("application", application.id),
                case.id,
                AccessPurpose.DECISION,
                f"{draft.kind.value} received {draft.received_on.isoformat()}",
            )
            self._event(
                uow,
                case.id,
                CaseEventKind.APPLICATION,
                actor,
                f"{draft.kind.label}を受付（受付日 {draft.received_on.isoformat()}）",
            )
            uow.commit()
        return self._application_view(stored, self._today())

    def _open_applying_case(
        self, uow: UnitOfWork, actor: StaffMember, draft: ApplicationDraft
    ) -> Case:
        if draft.household is None or draft.case_id is not None:
            raise InvalidRequestError(
                "開始申請には世帯が必要で、ケースIDは指定できません",
                "a start application needs the household and no case_id",
            )
        caseworker_id = draft.caseworker_id or (
            actor.id if StaffRole.CASEWORKER in actor.roles else None
        )
        if caseworker_id is None:
            raise InvalidRequestError(
                "担当現業員を指定してください（ログインした職員は現業員ではありません）",
                "caseworker_id required: the actor is not a caseworker",
            )
        caseworker = self._assignable(uow, caseworker_id, StaffRole.CASEWORKER, actor.office_id)
        supervisor = next(
            (
                s
                for s in uow.staff.for_office(actor.office_id)
                if StaffRole.SUPERVISOR in s.roles and s.is_public_official
            ),
            None,
        )
        if supervisor is None:
            raise InvalidRequestError(
                "福祉事務所に査察指導員が登録されていません", "the office has no supervisor"
            )
        if uow.households.get(draft.household.id) is not None:
            raise InvalidRequestError(
                f"世帯ID {draft.household.id} は既に使われています",
                f"household {draft.household.id} already exists",
            )
        uow.households.add(draft.household)
        number = uow.cases.next_case_number(actor.office_id, f"{draft.received_on.year}-")
        case = self._build(
            Case,
            {
                "id": _new_id("case"),
                "case_number": number,
                "office_id": actor.office_id,
                "household_id": draft.household.id,
                "status": CaseStatus.APPLYING,
                "caseworker_id": caseworker.id,
                "supervisor_id": supervisor.id,
            },
        )
        uow.cases.add(case)
        return case

    def _case_for_change(
        self, uow: UnitOfWork, actor: StaffMember, draft: ApplicationDraft
    ) -> Case:
        if draft.case_id is None or draft.household is not None:
            raise InvalidRequestError(
                "変更申請にはケースIDが必要で、世帯は指定できません",
                "a change application needs case_id and no household",
            )
        case = self._case(uow, draft.case_id).record
        if case.office_id != actor.office_id:
            self._require(uow, actor, Action.RECORD_INTAKE, case.office_id)
        if case.status not in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
            raise TransitionNotAllowedError(
                [
                    Violation(
                        "state",
                        f"「{case.status.label}」のケースには変更申請を受け付けられません",
                        f"no change application for a case that is {case.status.value}",
                    )
                ]
            )
        return case

    def _assignable(
        self, uow: UnitOfWork, staff_id: str, role: StaffRole, office_id: str
    ) -> StaffMember:
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

    def application(self, actor_id: str, application_id: str) -> ApplicationView:
        """An application with its clock (reading it is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            found = self._get(uow.applications.get(application_id), "申請", application_id)
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                found.record.office_id,
                record=("application", application_id),
                case_id=found.record.case_id,
            )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("application", application_id),
                found.record.case_id,
                AccessPurpose.DECISION,
            )
            uow.commit()
        return self._application_view(found, self._today())

    def record_extension(
        self, actor_id: str, application_id: str, request: ExtensionRequest
    ) -> ApplicationView:
        """Record why the decision needs up to 30 days (printed on the notice)."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            if found.record.status not in (
                ApplicationStatus.RECEIVED,
                ApplicationStatus.INVESTIGATING,
            ):
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "state",
                            f"「{found.record.status.label}」の申請の期限は延ばせません",
                            "only an undecided application's deadline can be extended",
                        )
                    ]
                )
            changed = found.record.model_copy(update={"extension_reason": request.reason})
            stored = uow.applications.replace(changed, request.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("application", application_id),
                found.record.case_id,
                AccessPurpose.DECISION,
                "extension_reason recorded",
            )
            self._event(
                uow,
                found.record.case_id,
                CaseEventKind.APPLICATION,
                actor,
                f"処理期限を延長（理由: {request.reason}）",
            )
            uow.commit()
        return self._application_view(stored, self._today())

    def start_investigation(
        self, actor_id: str, application_id: str, version: int
    ) -> ApplicationView:
        """Mark an application as under investigation."""
        return self._move_application(
            actor_id, application_id, version, "investigate", ApplicationFacts()
        )

    def withdraw_application(
        self, actor_id: str, application_id: str, request: WithdrawalRequest
    ) -> ApplicationView:
        """The applicant withdraws the application (their own statement is required)."""
        return self._move_application(
            actor_id,
            application_id,
            request.version,
            "withdraw",
            ApplicationFacts(request.statement),
        )

    def _move_application(
        self, actor_id: str, application_id: str, version: int, name: str, facts: ApplicationFacts
    ) -> ApplicationView:
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            application = found.record
            _checked(APPLICATION, name, application.status, facts)
            target = APPLICATION.transition(name).target
            stored = uow.applications.replace(
                application.model_copy(update={"status": target}), version
            )
            if name == "withdraw" and application.case_id is not None:
                self._close_case_of_withdrawn(uow, application)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("application", application_id),
                application.case_id,
                AccessPurpose.DECISION,
                f"status: {application.status.value} → {target.value}",
            )
            self._event(
                uow,
                application.case_id,
                CaseEventKind.APPLICATION,
                actor,
                f"申請を「{target.label}」に"
                + (f"（{facts.withdrawal_statement}）" if facts.withdrawal_statement else ""),
            )
            uow.commit()
        return self._application_view(stored, self._today())

    def _close_case_of_withdrawn(self, uow: UnitOfWork, application: Application) -> None:
        """A withdrawn start application closes its case (申請取下げ)."""
        if application.kind is not ApplicationKind.START or application.case_id is None:
            return
        found = self._case(uow, application.case_id)
        _checked(CASE, "withdraw", found.record.status, CaseFacts())
        closed = {
            **found.record.model_dump(),
            "status": CaseStatus.WITHDRAWN,
            "closed_on": self._today(),
        }
        uow.cases.replace(Case.model_validate(closed), found.version)

    def record_support_inquiry(
        self, actor_id: str, application_id: str, draft: SupportInquiryDraft
    ) -> SupportInquiry:
        """Record a support inquiry (扶養照会), or why it is not made and what the applicant said."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            inquiry = self._build(
                SupportInquiry,
                {
                    "id": _new_id("support-inquiry"),
                    "application_id": application_id,
                    "case_id": found.record.case_id,
                    **draft.model_dump(),
                },
            )
            uow.support_inquiries.add(inquiry)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("support_inquiry", inquiry.id),
                found.record.case_id,
                AccessPurpose.DECISION,
                f"status={inquiry.status.value} skip_reason={inquiry.skip_reason.value if inquiry.skip_reason else None}",
            )
            uow.commit()
        return inquiry

    def pending_applications(
        self,
        actor_id: str,
        office_id: str,
        *,
        as_of: date | None = None,
        within_days: int | None = None,
    ) -> PendingApplications:
        """Undecided applications, the nearest deadline first.

        ``within_days`` keeps only those whose applicable deadline is at most that
        many days away (or already passed).
        """
        day = as_of or self._today()
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            rows = []
            for found in uow.applications.undecided(office_id):
                view = self._clock_view(found.record, day)
                if within_days is not None and view.days_left > within_days:
                    continue
                rows.append(
                    PendingApplication(
                        application_id=found.record.id,
                        case_id=found.record.case_id,
                        kind=found.record.kind,
                        applicant_name=found.record.applicant_name,
                        extension_reason=found.record.extension_reason,
                        clock=view,
                    )
                )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("application_list", office_id),
                None,
                AccessPurpose.DECISION,
                f"{len(rows)} applications: " + ", ".join(r.application_id for r in rows),
            )
            uow.commit()
        rows.sort(key=lambda r: (r.clock.days_left, r.clock.received_on, r.application_id))
        return PendingApplications(office_id=office_id, as_of=day, items=rows)

    def _deadline_or_refuse(self, received_on: date) -> None:
        """Refuse (422, before anything is written) a date no deadline table covers."""
        try:
            decision_clock(self._calculator.standards, received_on)
        except StandardsError as exc:
            message = str(exc)
            raise InvalidRequestError(
                f"受付日 {received_on.isoformat()} の処理期限を求められません: "
                + message.split(" (")[0],
                f"no decision deadline for an application received on "
                f"{received_on.isoformat()}: {message}",
            ) from exc

    def _deadline(self, application: Application) -> DecisionClock:
        return decision_clock(self._calculator.standards, application.received_on)

    def _clock_view(self, application: Application, day: date) -> DecisionClockView:
        clock = self._deadline(application)
        decided = application.status in (ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN)
        state = clock.state(day, extension_reason=application.extension_reason, decided=decided)
        extended = bool(application.extension_reason) or state is ClockState.DEEMED_REJECTABLE
        return DecisionClockView(
            received_on=clock.received_on,
            notice_due_on=clock.notice_due_on,
            extended_due_on=clock.extended_due_on,
            state=state,
            days_left=clock.days_left(day, extended=extended),
            edition=clock.edition,
        )

    def _application_view(self, stored: Versioned[Application], day: date) -> ApplicationView:
        return ApplicationView(
            application=stored.record,
            version=stored.version,
            case_id=str(stored.record.case_id),
            clock=self._clock_view(stored.record, day),
        )

    # ------------------------------------------------------------ reads

    def consultation(self, actor_id: str, consultation_id: str) -> ConsultationView:
        """A consultation record with its version (reading it is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            found = uow.consultations.get(consultation_id)
            if found is None:
                raise NotFoundError(
                    f"相談記録 {consultation_id} は見つかりません",
                    f"consultation {consultation_id} not found",
                )
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                found.record.office_id,
                record=("consultation", consultation_id),
            )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("consultation", consultation_id),
                None,
                AccessPurpose.CASEWORK,
            )
            uow.commit()
        return ConsultationView(consultation=found.record, version=found.version)

    def support_inquiries(self, actor_id: str, application: Application) -> list[SupportInquiry]:
        """The support inquiries (扶養照会) recorded for ``application`` (reading them is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                application.office_id,
                record=("support_inquiry_list", application.id),
                case_id=application.case_id,
            )
            found = uow.support_inquiries.for_application(application.id)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("support_inquiry_list", application.id),
                application.case_id,
                AccessPurpose.DECISION,
                f"{len(found)} support inquiries",
            )
            uow.commit()
        return found

    def case_decisions(self, actor_id: str, case_id: str) -> list[Decision]:
        """Every decision of a case, newest first (reading them is audited)."""
        with self._uow() as uow:
            actor, _ = self._open_case(
                uow, actor_id, case_id, Action.READ_CASE, record_type="decision_list"
            )
            decisions = uow.decisions.for_case(case_id)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("decision_list", case_id),
                case_id,
                AccessPurpose.DECISION,
                f"{len(decisions)} decisions",
            )
            uow.commit()
        return sorted(decisions, key=lambda d: (d.drafted_on, d.id), reverse=True)

    def open_applications(self, actor_id: str, case_id: str) -> list[Application]:
        """The undecided applications of a case, oldest first (reading them is audited)."""
        with self._uow() as uow:
            actor, found = self._open_case(
                uow, actor_id, case_id, Action.READ_CASE, record_type="application_list"
            )
            applications = [
                a.record
                for a in uow.applications.undecided(found.record.office_id)
                if a.record.case_id == case_id
            ]
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("application_list", case_id),
                case_id,
                AccessPurpose.DECISION,
                ", ".join(a.id for a in applications),
            )
            uow.commit()
        return sorted(applications, key=lambda a: (a.received_on, a.id))

    # ------------------------------------------------------------ decisions

    def draft_decision(self, actor_id: str, draft: DecisionDraft) -> DecisionView:
        """Draft a decision; start and change amounts are computed by the engine from ``calculation``."""
        with self._uow() as uow:
            actor, found = self._open_case(uow, actor_id, draft.case_id, Action.DRAFT_DECISION)
            case = found.record
            application = self._application_for(uow, case, draft)
            name = case_transition(draft.kind, case.status, draft.termination_reason)
            _checked(CASE, name, case.status, self._case_facts(case, draft))
            calculation_month = draft.effective_on.strftime("%Y-%m")
            if draft.calculation is not None and draft.calculation.month != calculation_month:
                raise InvalidRequestError(
                    f"計算の対象年月 {draft.calculation.month} が適用日"
                    f" {draft.effective_on.isoformat()} の月ではありません",
                    "the calculation month must be the month of the effective date",
                )
            if (
                draft.calculation is not None
                and draft.calculation.household.id != case.household_id
            ):
                raise InvalidRequestError(
                    f"計算の入力の世帯 {draft.calculation.household.id} はケースの世帯"
                    f" {case.household_id} ではありません",
                    "the calculation input is for another household than the case's",
                )
            result = self._amounts(draft)
            calculation = None
            if result is not None and draft.calculation is not None:
                # Stored under its own id: the decision keeps the input it was computed from.
                calculation = draft.calculation.model_copy(update={"id": _new_id("calculation")})
                uow.calculations.add(calculation)
            decision = self._build(
                Decision,
                {
                    "id": _new_id("decision"),
                    "case_id": case.id,
                    "application_id": application.id if application else None,
                    "kind": draft.kind,
                    "status": DecisionStatus.DRAFT,
                    "effective_on": draft.effective_on,
                    "reasons": draft.reasons,
                    "rejection_reason": draft.rejection_reason,
                    "termination_reason": draft.termination_reason,
                    "withdrawal": draft.withdrawal,
                    "transferred_to": draft.transferred_to,
                    "amounts": _amounts_of(result),
                    "minimum_living_cost": result.minimum_living_cost if result else None,
                    "recognised_income": result.recognised_income if result else None,
                    "own_payment": result.own_payment if result else 0,
                    "calculation_id": calculation.id if calculation else None,
                    "deadline_extension_reason": application.extension_reason
                    if application
                    else None,
                    "drafted_by": actor.id,
                    "drafted_on": self._today(),
                },
            )
            stored = uow.decisions.add(decision)
            warnings = (
                decision_warnings(uow, self._calculator.standards, application, draft.effective_on)
                if application is not None
                else []
            )
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("decision", decision.id),
                case.id,
                AccessPurpose.DECISION,
                f"{draft.kind.value} drafted, warnings: "
                + (", ".join(w.code for w in warnings) or "none"),
            )
            self._event(
                uow, case.id, CaseEventKind.DECISION, actor, f"{draft.kind.label}の決定を起案"
            )
            uow.commit()
        return DecisionView(
            decision=stored.record, version=stored.version, calculation=result, warnings=warnings
        )

    def _application_for(
        self, uow: UnitOfWork, case: Case, draft: DecisionDraft
    ) -> Application | None:
        if draft.application_id is None:
            if draft.kind in _FOR_APPLICATIONS:
                raise InvalidRequestError(
                    f"{draft.kind.label}の決定には申請IDが必要です",
                    f"a {draft.kind.value} decision needs its application",
                )
            return None
        application = self._get(
            uow.applications.get(draft.application_id), "申請", draft.application_id
        ).record
        if application.case_id != case.id:
            raise InvalidRequestError(
                f"申請 {application.id} はケース {case.id} の申請ではありません",
                f"application {application.id} is not of case {case.id}",
            )
        if application.status not in (ApplicationStatus.RECEIVED, ApplicationStatus.INVESTIGATING):
            raise TransitionNotAllowedError(
                [
                    Violation(
                        "state",
                        f"「{application.status.label}」の申請には決定を起案できません",
                        f"application {application.id} is {application.status.value}",
                    )
                ]
            )
        return application

    @staticmethod
    def _case_facts(case: Case, draft: DecisionDraft) -> CaseFacts:
        return CaseFacts(draft.termination_reason, draft.transferred_to, case.office_id)

    def _amounts(self, draft: DecisionDraft) -> CalculationResult | None:
        """The engine's result for start/change; a claimed amount that differs is refused."""
        if draft.kind not in _WITH_AMOUNTS:
            if draft.calculation is not None or draft.amounts is not None:
                raise InvalidRequestError(
                    f"{draft.kind.label}の決定には額を記録しません",
                    f"a {draft.kind.value} decision has no amounts",
                )
            return None
        if draft.calculation is None:
            raise InvalidRequestError(
                f"{draft.kind.label}の決定には計算の入力が必要です（額は基準表により算定します）",
                f"a {draft.kind.value} decision needs its calculation input",
            )
        try:
            result = self._calculator.calculate(draft.calculation, explain=True)
        except CalculationError as exc:
            raise RuleViolationError(
                [Violation("calculable", f"額を算定できません: {exc}", f"cannot calculate: {exc}")]
            ) from exc
        if draft.amounts is not None and draft.amounts != _amounts_of(result):
            raise RuleViolationError(
                [
                    Violation(
                        "amounts_from_engine",
                        "指定された扶助別の額が基準表による計算の結果と一致しません"
                        f"（計算の結果: {_amounts_of(result)}）",
                        "the given amounts differ from the engine's result",
                    )
                ]
            )
        return result

    def _open_decision(
        self,
        uow: UnitOfWork,
        actor_id: str,
        decision_id: str,
        action: Action,
        record_type: str = "decision",
    ) -> tuple[StaffMember, Versioned[Decision], Versioned[Case]]:
        """The actor, the decision and its case, once the actor may take ``action`` on it."""
        actor = self._actor(uow, actor_id)
        found = self._get(uow.decisions.get(decision_id), "決定", decision_id)
        case = self._case(uow, found.record.case_id)
        self._require(
            uow,
            actor,
            action,
            case.record.office_id,
            record=(record_type, decision_id),
            case_id=case.record.id,
            drafted_by=found.record.drafted_by if action is Action.APPROVE_DECISION else None,
        )
        return actor, found, case

    def decision(self, actor_id: str, decision_id: str) -> DecisionView:
        """A decision with the explanation of its amounts (reading it is audited)."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.READ_CASE
            )
            case = case_found.record
            result = self._result_of(uow, found.record)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("decision", decision_id),
                case.id,
                AccessPurpose.DECISION,
            )
            uow.commit()
        return DecisionView(decision=found.record, version=found.version, calculation=result)

    def _result_of(self, uow: UnitOfWork, decision: Decision) -> CalculationResult | None:
        if decision.calculation_id is None:
            return None
        stored = uow.calculations.get(decision.calculation_id)
        return None if stored is None else self._explained(stored)

    def _application_of(self, uow: UnitOfWork, decision: Decision) -> Versioned[Application] | None:
        if decision.application_id is None:
            return None
        return self._get(
            uow.applications.get(decision.application_id), "申請", decision.application_id
        )

    def _decision_facts(
        self, uow: UnitOfWork, decision: Decision, case: Case, received: Application | None
    ) -> tuple[DecisionFacts, bool]:
        """The facts the decision's rules read today, and whether today is past the 14th day.

        The 14-day limit is on the notice (法24条5項): approving or notifying later
        needs the extension reason recorded on the application (or the decision).
        """
        today = self._today()
        notice_due = self._deadline(received).notice_due_on if received else None
        extension = (received.extension_reason if received else None) or (
            decision.deadline_extension_reason
        )
        facts = DecisionFacts(
            kind=decision.kind,
            drafted_on=decision.drafted_on,
            effective_on=decision.effective_on,
            today=today,
            received_on=received.received_on if received else None,
            notice_due_on=notice_due,
            extension_reason=extension,
            amounts_match_engine=self._matches_engine(uow, decision),
            reasons_given=any(r.strip() for r in decision.reasons),
            opened_on=case.opened_on,
        )
        return facts, notice_due is not None and today > notice_due

    def approve_decision(self, actor_id: str, decision_id: str, version: int) -> DecisionView:
        """Approve (決裁): a qualified public official other than the drafter; the case moves."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.APPROVE_DECISION
            )
            decision, case = found.record, case_found.record
            application = self._application_of(uow, decision)
            received = application.record if application else None
            today = self._today()
            facts, late = self._decision_facts(uow, decision, case, received)
            extension = facts.extension_reason
            name = case_transition(decision.kind, case.status, decision.termination_reason)
            violations = DECISION.check("approve", decision.status, facts)
            violations += CASE.check(
                name,
                case.status,
                CaseFacts(decision.termination_reason, decision.transferred_to, case.office_id),
            )
            if received is not None:
                violations += APPLICATION.check("decide", received.status, ApplicationFacts())
            if violations:
                if any(v.code == "state" for v in violations):
                    raise TransitionNotAllowedError(violations)
                raise RuleViolationError(violations)
            approved = Decision.model_validate(
                {
                    **decision.model_dump(),
                    "status": DecisionStatus.APPROVED,
                    "approved_by": actor.id,
                    "approved_on": today,
                    "decided_on": today,
                    # The notice states why the decision took longer than 14 days (法24条5項).
                    "deadline_extension_reason": extension if late else None,
                }
            )
            stored = uow.decisions.replace(approved, version)
            self._move_case(uow, actor, case_found, decision, name, today)
            if application is not None:
                uow.applications.replace(
                    application.record.model_copy(update={"status": ApplicationStatus.DECIDED}),
                    application.version,
                )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("decision", decision_id),
                case.id,
                AccessPurpose.DECISION,
                f"approved ({decision.kind.value}); case {case.status.value} → {CASE.transition(name).target.value}",
            )
            uow.commit()
        return DecisionView(decision=stored.record, version=stored.version, calculation=None)

    def _matches_engine(self, uow: UnitOfWork, decision: Decision) -> bool:
        if decision.kind not in _WITH_AMOUNTS:
            return True
        if decision.calculation_id is None:
            return False
        stored = uow.calculations.get(decision.calculation_id)
        if stored is None:
            return False
        try:
            return _amounts_of(self._explained(stored)) == decision.amounts
        except CalculationError:
            return False

    def _move_case(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        found: Versioned[Case],
        decision: Decision,
        name: str,
        today: date,
    ) -> None:
        case = found.record
        target = CASE.transition(name).target
        update: dict[str, Any] = {"status": target}
        if name == "start":
            update["opened_on"] = decision.effective_on
        if target in CASE.final:
            update["closed_on"] = max(
                decision.effective_on, case.opened_on or decision.effective_on
            )
        uow.cases.replace(Case.model_validate({**case.model_dump(), **update}), found.version)
        self._event(
            uow,
            case.id,
            CaseEventKind.DECISION,
            actor,
            f"{decision.kind.label}の決定を決裁（適用日 {decision.effective_on.isoformat()}、決裁日 {today.isoformat()}）",
        )
        if target in (CaseStatus.TERMINATED, CaseStatus.TRANSFERRED):
            # 廃止 ends medical and care assistance too: their offices act on this event.
            self._event(
                uow,
                case.id,
                CaseEventKind.DECISION,
                actor,
                f"医療扶助・介護扶助を {decision.effective_on.isoformat()} で終了（医療券・介護券の事務へ）",
            )

    def notify_decision(self, actor_id: str, decision_id: str, version: int) -> DecisionView:
        """Record that the notice was issued (an approved decision only)."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.ISSUE_NOTICE
            )
            decision, case = found.record, case_found.record
            application = self._application_of(uow, decision)
            facts, late = self._decision_facts(
                uow, decision, case, application.record if application else None
            )
            _checked(DECISION, "notify", decision.status, facts)
            notified = Decision.model_validate(
                {
                    **decision.model_dump(),
                    "status": DecisionStatus.NOTIFIED,
                    "notified_on": self._today(),
                    # The notice states why it comes later than 14 days (法24条5項).
                    "deadline_extension_reason": facts.extension_reason
                    if late
                    else decision.deadline_extension_reason,
                }
            )
            stored = uow.decisions.replace(notified, version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("decision", decision_id),
                case.id,
                AccessPurpose.DECISION,
                "notified",
            )
            self._event(
                uow,
                case.id,
                CaseEventKind.DECISION,
                actor,
                f"{decision.kind.label}の決定通知書を発行",
            )
            uow.commit()
        return DecisionView(decision=stored.record, version=stored.version, calculation=None)

    def decision_notice(self, actor_id: str, decision_id: str) -> DecisionNotice:
        """The notice (保護決定通知書) of an approved decision, dated today (reading it is audited)."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.READ_CASE, "decision_notice"
            )
            decision, case = found.record, case_found.record
            office = self._get(uow.offices.get(case.office_id), "福祉事務所", case.office_id).record
            applied = self._application_of(uow, decision)
            application = applied.record if applied else None
            caseworker = uow.staff.get(case.caseworker_id)
            try:
                notice = build_decision_notice(
                    office=office,
                    case=case,
                    household=self._household(uow, case),
                    decision=decision,
                    application=application,
                    notice_date=decision.notified_on or self._today(),
                    notice_number=f"{case.case_number}-{decision.id}",
                    calculation=self._result_of(uow, decision),
                    caseworker=caseworker.record if caseworker else None,
                    standards=self._calculator.standards,
                )
            except NoticeError as exc:
                message = str(exc)
                raise RuleViolationError(
                    [Violation("notice", message.split(" (")[0], message)]
                ) from exc
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("decision_notice", decision_id),
                case.id,
                AccessPurpose.DECISION,
            )
            uow.commit()
        return notice

    # ------------------------------------------------------------ helpers


def _amounts_of(result: CalculationResult | None) -> AssistanceAmounts | None:
    return None if result is None else AssistanceAmounts.model_validate(result.amounts.model_dump())
