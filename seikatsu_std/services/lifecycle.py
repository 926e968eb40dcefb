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
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

from seikatsu_std.authority import Action, Verdict
from seikatsu_std.calc import CalculationError
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.model import (
    Application,
    Case,
    CaseStatus,
    Consultation,
    Decision,
    DecisionKind,
    Household,
)
from seikatsu_std.model.case import ExOfficioRecord, StartBasis
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import (
    BOILERPLATE_WARNING,
    PRICED_KINDS,
    ApprovalEntry,
    AssistanceAmounts,
    DecisionStatus,
    RejectionReason,
    TerminationReason,
    amounts_in_force,
    boilerplate_only,
    withdrawal_gaps,
)
from seikatsu_std.model.intake import (
    ApplicationChannel,
    ApplicationKind,
    ApplicationStatus,
    ApplicationWithdrawal,
    ConsultationOutcome,
    WishToApply,
)
from seikatsu_std.model.investigation import SupportInquiry
from seikatsu_std.model.office import StaffMember, StaffRole, WelfareOffice
from seikatsu_std.notices import (
    DecisionNotice,
    NoticeError,
    build_decision_notice,
    missing_notice_items,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.determination_records import NeedDetermination, NeedResult
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
    DecisionDraft,
    DecisionView,
    DecisionWarning,
    ElectronicApplication,
    ExtensionRequest,
    SupportInquiryDraft,
    WithdrawalRequest,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.services.reviews import WithdrawalReviews
from seikatsu_std.services.transfers import transfer_warnings
from seikatsu_std.workflows.approvals import APPROVAL_STAGES_LEGAL, StageRefusal, next_approval
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
#: Japan Standard Time (no daylight saving): the day of an electronic application.
JAPAN = timezone(timedelta(hours=9), "JST")
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


class LifecycleService(WithdrawalReviews):
    """Consultations, applications, investigations and decisions of one welfare-office system."""

    # ------------------------------------------------------------ consultations

    def open_consultation(self, actor_id: str, draft: ConsultationDraft) -> ConsultationView:
        """Record a consultation (still open: it ends with :meth:`close_consultation`)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.RECORD_INTAKE, actor.office_id)
            interviewer = uow.staff.get(draft.interviewer_id)
            if interviewer is None or interviewer.record.office_id != actor.office_id:
                raise InvalidRequestError(
                    f"対応職員 {draft.interviewer_id} はこの福祉事務所の職員ではありません",
                    f"interviewer {draft.interviewer_id} is not a member of office {actor.office_id}",
                )
            consultation = self._build(
                Consultation,
                {
                    "id": _new_id("consultation"),
                    "office_id": actor.office_id,
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
                f"wishes_to_apply={draft.wishes_to_apply.value}",
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
            facts = ConsultationFacts(consultation.wishes_to_apply is WishToApply.YES, registered)
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
            self._received_when_transmitted(draft)
            if draft.consultation_id is not None:
                consulted = self._get(
                    uow.consultations.get(draft.consultation_id), "相談記録", draft.consultation_id
                )
                _received_as_wished(consulted.record, draft)
            elif draft.received_on_change_reason is not None:
                raise InvalidRequestError(
                    "受付日を変更する理由は、相談記録から登録する申請にだけ記録できます",
                    "received_on_change_reason needs the consultation the application came from",
                )
            if draft.kind is ApplicationKind.START:
                if draft.household is None or draft.case_id is not None:
                    raise InvalidRequestError(
                        "開始申請には世帯が必要で、ケースIDは指定できません",
                        "a start application needs the household and no case_id",
                    )
                case = self._open_applying_case(
                    uow, actor, draft.household, draft.caseworker_id, draft.received_on.year
                )
            else:
                case = self._case_for_change(uow, actor, draft)
            application = self._build(
                Application,
                {
                    "id": _new_id("application"),
                    "office_id": actor.office_id,
                    "kind": draft.kind,
                    "received_on": draft.received_on,
                    "received_on_change_reason": draft.received_on_change_reason,
                    "channel": draft.channel,
                    "place": draft.place,
                    "received_at": draft.received_at,
                    "attachments": draft.attachments,
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

    def receive_electronic_application(
        self, actor_id: str, received: ElectronicApplication
    ) -> ApplicationView:
        """Register an application received electronically, as it arrives: its day is the day
        (Japan time) it was received, whatever the hour, and the clock starts on it."""
        draft = ApplicationDraft.model_validate(
            {
                **received.model_dump(),
                "received_on": received_on_of(received.received_at),
                "channel": ApplicationChannel.ELECTRONIC,
            }
        )
        return self.receive_application(actor_id, draft)

    def _received_when_transmitted(self, draft: ApplicationDraft) -> None:
        """An electronic application's day is the day it was received (not later, not in the
        future); 受信日時 belongs to electronic applications only (the record checks that)."""
        at = draft.received_at
        if at is None or draft.channel is not ApplicationChannel.ELECTRONIC:
            return
        if at > self._clock():
            raise InvalidRequestError(
                f"受信日時 {at.isoformat()} が現在より後です", "received_at is in the future"
            )
        if draft.received_on != received_on_of(at):
            raise InvalidRequestError(
                f"電子申請の受付日は受信日時の日付（{received_on_of(at).isoformat()}）です",
                "an electronic application is received on the day (JST) it was transmitted",
            )

    def _open_applying_case(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        household: Household,
        caseworker_id: str | None,
        year: int,
        ex_officio: ExOfficioRecord | None = None,
    ) -> Case:
        """A new case (申請中) of a new household, awaiting its start decision."""
        caseworker_id = caseworker_id or (actor.id if StaffRole.CASEWORKER in actor.roles else None)
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
        if uow.households.get(household.id) is not None:
            raise InvalidRequestError(
                f"世帯ID {household.id} は既に使われています",
                f"household {household.id} already exists",
            )
        uow.households.add(household)
        number = uow.cases.next_case_number(actor.office_id, f"{year}-")
        case = self._build(
            Case,
            {
                "id": _new_id("case"),
                "case_number": number,
                "office_id": actor.office_id,
                "household_id": household.id,
                "status": CaseStatus.APPLYING,
                "caseworker_id": caseworker.id,
                "supervisor_id": supervisor.id,
                "ex_officio": ex_officio,
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
        """The applicant withdraws the application: their signed document and why are required."""
        facts = ApplicationFacts(
            request.document_received_on, request.signed_by_applicant, request.circumstances
        )
        return self._move_application(actor_id, application_id, request.version, "withdraw", facts)

    def _withdrawal(
        self, actor: StaffMember, application: Application, facts: ApplicationFacts
    ) -> ApplicationWithdrawal:
        """The record of a withdrawal whose rules passed (its day must fit the application)."""
        received = facts.document_received_on
        if received is not None and not application.received_on <= received <= self._today():
            raise InvalidRequestError(
                f"取下書の受領日 {received.isoformat()} は申請日 "
                f"{application.received_on.isoformat()} から今日までの日でなければなりません",
                "the withdrawal document must be received between the application and today",
            )
        return self._build(
            ApplicationWithdrawal,
            {
                "document_received_on": received,
                "signed_by_applicant": facts.signed_by_applicant,
                "circumstances": facts.circumstances,
                "recorded_by": actor.id,
            },
        )

    def _move_application(
        self, actor_id: str, application_id: str, version: int, name: str, facts: ApplicationFacts
    ) -> ApplicationView:
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            application = found.record
            _checked(APPLICATION, name, application.status, facts)
            target = APPLICATION.transition(name).target
            update: dict[str, Any] = {"status": target}
            if name == "withdraw":
                update["withdrawal"] = self._withdrawal(actor, application, facts)
            stored = uow.applications.replace(
                self._build(Application, {**application.model_dump(), **update}), version
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
                + (f"（{facts.circumstances}）" if facts.circumstances else ""),
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
            self._check_withdrawal_records(uow, case, draft)
            need_test = self._need_test_of(uow, draft, application)
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
            suspended = self._suspended_amounts(uow, case, draft)
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
                    "start_basis": self._start_basis(draft, application),
                    "ex_officio": case.ex_officio
                    if draft.kind is DecisionKind.START and application is None
                    else None,
                    "withdrawal": draft.withdrawal,
                    "free_will_check": draft.free_will_check,
                    "need_determination_id": need_test.id if need_test else None,
                    "transferred_to": draft.transferred_to,
                    "amounts": suspended or _amounts_of(result),
                    "minimum_living_cost": _figure(result, need_test, "minimum_living_cost"),
                    "recognised_income": _figure(result, need_test, "recognised_income"),
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
            warnings = self._warnings(uow, stored.record)
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

    @staticmethod
    def _start_basis(draft: DecisionDraft, application: Application | None) -> StartBasis | None:
        if draft.kind is not DecisionKind.START:
            return None
        return StartBasis.APPLICATION if application is not None else StartBasis.EX_OFFICIO

    def _warnings(self, uow: UnitOfWork, decision: Decision) -> list[DecisionWarning]:
        """What the drafter and the approver are warned of before the decision is approved:
        investigations overlooked (REQ-APP-018/019), reasons of a rejection (REQ-APP-027) and
        a termination by transfer without a registered transfer (REQ-APP-032)."""
        if decision.status is not DecisionStatus.DRAFT:
            return []
        application = (
            uow.applications.get(decision.application_id) if decision.application_id else None
        )
        warnings = (
            decision_warnings(
                uow, self._calculator.standards, application.record, decision.effective_on
            )
            if application is not None
            else []
        )
        warnings += transfer_warnings(uow, decision)
        if decision.kind is not DecisionKind.REJECTION:
            return warnings
        if boilerplate_only(decision.reasons):
            warnings.append(
                DecisionWarning(code="boilerplate_reasons", message=BOILERPLATE_WARNING)
            )
        if decision.rejection_reason is RejectionReason.INCOME_SUFFICIENT:
            determination = (
                uow.need_determinations.get(decision.need_determination_id)
                if decision.need_determination_id
                else None
            )
            if determination is None or determination.record.result is not NeedResult.NOT_IN_NEED:
                warnings.append(
                    DecisionWarning(
                        code="need_test_missing",
                        message="収入が最低生活費を上回ることによる却下ですが、「否」の要否判定の記録がありません"
                        "（要否判定を行ってから起案し直してください。このままでは決裁できません）",
                    )
                )
        return warnings

    def _application_for(
        self, uow: UnitOfWork, case: Case, draft: DecisionDraft
    ) -> Application | None:
        if draft.application_id is None:
            ex_officio_start = draft.kind is DecisionKind.START and case.ex_officio is not None
            if draft.kind in _FOR_APPLICATIONS and not ex_officio_start:
                raise InvalidRequestError(
                    f"{draft.kind.label}の決定には申請IDが必要です"
                    "（申請によらない開始は、職権による保護を登録したケースに限ります）",
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
    def _case_facts(case: Case, draft: DecisionDraft | Decision) -> CaseFacts:
        return CaseFacts(
            draft.termination_reason,
            draft.transferred_to,
            case.office_id,
            tuple(withdrawal_gaps(draft.withdrawal, draft.free_will_check)),
        )

    def _check_withdrawal_records(self, uow: UnitOfWork, case: Case, draft: DecisionDraft) -> None:
        """Refuse impossible dates and unknown staff in the withdrawal records (nothing written)."""
        declaration, check = draft.withdrawal, draft.free_will_check
        if draft.termination_reason is not TerminationReason.WITHDRAWAL:
            if declaration is not None or check is not None:
                raise InvalidRequestError(
                    "辞退届の受領記録と任意性の確認は辞退による廃止に限り記録します",
                    "withdrawal records only on a termination by withdrawal",
                )
            return
        today = self._today()
        received_on = declaration.received_on if declaration else None
        confirmed_on = check.confirmed_on if check else None
        for title, day in (("辞退届の受領日", received_on), ("任意性の確認日", confirmed_on)):
            if day is not None and day > today:
                raise InvalidRequestError(
                    f"{title} {day.isoformat()} が今日より後です", f"{title}: date in the future"
                )
        if received_on and confirmed_on and confirmed_on < received_on:
            raise InvalidRequestError(
                f"任意性の確認日 {confirmed_on.isoformat()} が辞退届の受領日"
                f" {received_on.isoformat()} より前です",
                "the free-will check precedes the receipt of the declaration",
            )
        for title, staff_id in (
            ("辞退届の受領者", declaration.received_by if declaration else None),
            ("任意性の確認者", check.confirmed_by if check else None),
        ):
            found = uow.staff.get(staff_id) if staff_id else None
            if staff_id and (found is None or found.record.office_id != case.office_id):
                raise InvalidRequestError(
                    f"{title} {staff_id} はこの福祉事務所の職員ではありません",
                    f"{title} {staff_id} is not a member of office {case.office_id}",
                )

    @staticmethod
    def _need_test_of(
        uow: UnitOfWork, draft: DecisionDraft, application: Application | None
    ) -> NeedDetermination | None:
        """The latest need determination a rejection because of income rests on, if any."""
        by_need_test = draft.rejection_reason is RejectionReason.INCOME_SUFFICIENT
        if not by_need_test or application is None:
            return None
        found = uow.need_determinations.for_application(application.id)
        return found[-1] if found else None

    @staticmethod
    def _suspended_amounts(
        uow: UnitOfWork, case: Case, draft: DecisionDraft
    ) -> AssistanceAmounts | None:
        """What a suspension still pays, by kind: required, and never above the amounts in force
        (the latest final start/change decision) — a suspension only stops assistance."""
        if draft.kind is not DecisionKind.SUSPENSION:
            return None
        if draft.amounts is None:
            raise InvalidRequestError(
                "停止の決定には停止の間も支給する扶助別の額が必要です（すべて停止するなら0）",
                "a suspension needs the amounts still paid by kind (0 to suspend all)",
            )
        in_force = amounts_in_force(uow.decisions.for_case(case.id))
        above = [
            kind
            for kind in AssistanceKind
            if draft.amounts.amount(kind) > (in_force.amount(kind) if in_force else 0)
        ]
        if above:
            names = "・".join(kind.label for kind in above)
            raise RuleViolationError(
                [
                    Violation(
                        "suspension_within_current",
                        f"停止の間に支給する{names}の額が、現に決定している額を上回ります",
                        "a suspension cannot pay more than the amounts in force",
                    )
                ]
            )
        return draft.amounts

    def _amounts(self, draft: DecisionDraft) -> CalculationResult | None:
        """The engine's result for start/change; a claimed amount that differs is refused."""
        if draft.kind is DecisionKind.SUSPENSION:
            if draft.calculation is not None:
                raise InvalidRequestError(
                    "停止の決定には計算の入力を付けません（停止の間も支給する額を記録します）",
                    "a suspension records the amounts still paid, not a calculation",
                )
            return None
        if draft.kind not in PRICED_KINDS:
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
            warnings = self._warnings(uow, found.record)
            uow.commit()
        return DecisionView(
            decision=found.record, version=found.version, calculation=result, warnings=warnings
        )

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
        self,
        uow: UnitOfWork,
        decision: Decision,
        case: Case,
        received: Application | None,
        office: WelfareOffice,
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
            need_result=self._need_result(uow, decision),
            rejection_by_need_test=decision.kind is DecisionKind.REJECTION
            and decision.rejection_reason is RejectionReason.INCOME_SUFFICIENT,
            notice_items_missing=tuple(
                item.label for item in missing_notice_items(office.settings, decision.kind)
            ),
        )
        return facts, notice_due is not None and today > notice_due

    def _office_of(self, uow: UnitOfWork, case: Case) -> WelfareOffice:
        return self._get(uow.offices.get(case.office_id), "福祉事務所", case.office_id).record

    @staticmethod
    def _need_result(uow: UnitOfWork, decision: Decision) -> str | None:
        if decision.need_determination_id is None:
            return None
        found = uow.need_determinations.get(decision.need_determination_id)
        return None if found is None else found.record.result.value

    def submit_decision(self, actor_id: str, decision_id: str, version: int) -> DecisionView:
        """Submit a drafted decision for approval (決裁に回す): a public official who may draft."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.DRAFT_DECISION
            )
            decision = found.record
            _checked(DECISION, "submit", decision.status, None)
            submitted = decision.model_copy(
                update={"status": DecisionStatus.SUBMITTED, "submitted_on": self._today()}
            )
            stored = uow.decisions.replace(Decision.model_validate(submitted.model_dump()), version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("decision", decision_id),
                case_found.record.id,
                AccessPurpose.DECISION,
                "submitted for approval",
            )
            self._event(
                uow,
                case_found.record.id,
                CaseEventKind.DECISION,
                actor,
                f"{decision.kind.label}の決定を決裁に回付",
            )
            uow.commit()
        return DecisionView(decision=stored.record, version=stored.version, calculation=None)

    def approve_decision(self, actor_id: str, decision_id: str, version: int) -> DecisionView:
        """Approve (決裁) one stage: a qualified public official other than the drafter, in the
        role of the office's next approval stage; the last stage makes the decision final and
        moves the case."""
        with self._uow() as uow:
            actor, found, case_found = self._open_decision(
                uow, actor_id, decision_id, Action.APPROVE_DECISION
            )
            decision, case = found.record, case_found.record
            application = self._application_of(uow, decision)
            received = application.record if application else None
            today = self._today()
            office = self._office_of(uow, case)
            facts, late = self._decision_facts(uow, decision, case, received, office)
            name = case_transition(decision.kind, case.status, decision.termination_reason)
            violations = DECISION.check("approve", decision.status, facts)
            violations += CASE.check(name, case.status, self._case_facts(case, decision))
            if received is not None:
                violations += APPLICATION.check("decide", received.status, ApplicationFacts())
            if any(v.code == "state" for v in violations):
                # Past this step (the decision, its case, its application): a state error,
                # whoever asks, before the approval stage is looked at.
                raise TransitionNotAllowedError(violations)
            step = next_approval(office.settings.approval_stages, decision.approvals, actor)
            if isinstance(step, StageRefusal):
                self._deny(
                    uow,
                    actor,
                    Action.APPROVE_DECISION,
                    Verdict(False, step.reason_ja, step.reason_en, (APPROVAL_STAGES_LEGAL,)),
                    ("decision", decision_id),
                    case.id,
                )
            if not step.final:
                # An intermediate stage checks the decision's own rules; the case moves later.
                violations = DECISION.check("approve_stage", decision.status, facts)
            if violations:
                raise RuleViolationError(violations)
            entry = ApprovalEntry(
                stage=step.stage,
                role=step.role,
                kind=step.kind,
                approved_by=actor.id,
                approved_at=self._clock(),
            )
            update: dict[str, Any] = {
                "status": DecisionStatus.IN_APPROVAL,
                "approvals": [*decision.approvals, entry],
            }
            if step.final:
                update |= {
                    "status": DecisionStatus.APPROVED,
                    "approved_by": actor.id,
                    "approved_on": today,
                    "decided_on": today,
                    # The notice states why the decision took longer than 14 days (法24条5項).
                    "deadline_extension_reason": facts.extension_reason if late else None,
                }
            approved = Decision.model_validate({**decision.model_dump(), **update})
            stored = uow.decisions.replace(approved, version)
            if step.final:
                self._move_case(uow, actor, case_found, decision, name, today)
                if application is not None:
                    uow.applications.replace(
                        application.record.model_copy(update={"status": ApplicationStatus.DECIDED}),
                        application.version,
                    )
                detail = f"approved ({decision.kind.value}); case {case.status.value} → {CASE.transition(name).target.value}"
            else:
                detail = f"stage {step.stage} approved ({step.role.value}); in approval"
                self._event(
                    uow,
                    case.id,
                    CaseEventKind.DECISION,
                    actor,
                    f"{decision.kind.label}の決定の第{step.stage}段階を決裁（{step.role.label}）",
                )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("decision", decision_id),
                case.id,
                AccessPurpose.DECISION,
                detail,
            )
            uow.commit()
        return DecisionView(decision=stored.record, version=stored.version, calculation=None)

    def _matches_engine(self, uow: UnitOfWork, decision: Decision) -> bool:
        if decision.kind not in PRICED_KINDS:
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
                uow,
                decision,
                case,
                application.record if application else None,
                self._office_of(uow, case),
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
            if application is not None:
                # The application's clock stops at the notice (法24条5項・7項).
                uow.applications.replace(
                    application.record.model_copy(update={"notified_on": self._today()}),
                    application.version,
                )
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
            office = self._office_of(uow, case)
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


def received_on_of(received_at: datetime) -> date:
    """The day of an electronic application: the calendar day in Japan when it was recorded on
    the office's system, at any hour (情報通信技術活用法6条3項: an electronic application arrives
    when it is recorded on the receiving computer; 申請日 is that day)."""
    return received_at.astimezone(JAPAN).date()


def _received_as_wished(consultation: Consultation, draft: ApplicationDraft) -> None:
    """An application taken from a consultation is received on the day the wish was shown,
    unless a reason for another day is recorded (REQ-APP-003)."""
    wished = consultation.wish_expressed_on
    moved = wished is not None and draft.received_on != wished
    reason = (draft.received_on_change_reason or "").strip()
    if moved and not reason:
        raise InvalidRequestError(
            f"受付日 {draft.received_on.isoformat()} は相談で申請の意思を示した日 "
            f"{wished.isoformat() if wished else ''} と異なります。受付日を変更する理由を入力してください",
            "received_on differs from the day the wish to apply was shown: a reason is required",
        )
    if draft.received_on_change_reason is not None and not moved:
        raise InvalidRequestError(
            "受付日を変更する理由は、受付日が申請の意思を示した日と異なる場合に記録します",
            "received_on_change_reason only when received_on differs from wish_expressed_on",
        )


def _figure(
    result: CalculationResult | None, need_test: NeedDetermination | None, name: str
) -> int | None:
    """A figure of the decision: from its calculation, or from the need determination it rests on."""
    if result is not None:
        value: int = getattr(result, name)
        return value
    if need_test is not None:
        found: int = getattr(need_test, name)
        return found
    return None


def _amounts_of(result: CalculationResult | None) -> AssistanceAmounts | None:
    return None if result is None else AssistanceAmounts.model_validate(result.amounts.model_dump())
