"""The standard HTTP API (seikatsu_std.api.contract), implemented over the services.

Every route here corresponds to one operation of the contract (a test checks
both directions); the app serves the contract's OpenAPI document as is.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import AwareDatetime, BaseModel

from reference_app.auth import SessionService
from seikatsu_std import STANDARD_VERSION, __version__
from seikatsu_std.api.contract import (
    API_PREFIX,
    AuditVerification,
    CaseUpdated,
    Health,
    LoginRequest,
    PersonalNumberView,
    SessionCreated,
)
from seikatsu_std.calc import Calculator
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model import CaseStatus
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.services.administration import (
    AdministrationService,
    OfficeSettingsChange,
    RoleGrant,
)
from seikatsu_std.services.appeals import AppealService
from seikatsu_std.services.audit import MAX_AUDIT_PAGE, AccessPurpose, AuditAction, AuditQuery
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.claim_models import ClaimDecisionDraft
from seikatsu_std.services.claims import ClaimDecisionService
from seikatsu_std.services.consultation_wish import ConsultationWishService
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.determination_records import NeedDeterminationRequest
from seikatsu_std.services.ex_officio import ExOfficioService
from seikatsu_std.services.investigation_models import (
    ApplicantViewRequest,
    AssetInquiryAnswer,
    AssetInquiryDraft,
    OtherMeasureChecksRequest,
    SupportAnswerRequest,
    SupportInquiryDocumentRequest,
    SupportInquirySending,
    SupportInquirySkipRequest,
    SupportObligorDraft,
    WorkCapacityDraft,
)
from seikatsu_std.services.investigations import InvestigationService
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.models import (
    ApplicationDraft,
    CaseChanges,
    ConsultationClosing,
    ConsultationDraft,
    DecisionDraft,
    ElectronicApplication,
    ExOfficioDraft,
    ExtensionRequest,
    ReviewRequestDraft,
    RulingRecord,
    SupportInquiryDraft,
    VersionOnly,
    WishAmendment,
    WishChangeRecord,
    WithdrawalRequest,
)
from seikatsu_std.services.payments import PaymentService
from seikatsu_std.services.submission_models import OnlineSubmission
from seikatsu_std.services.submissions import SubmissionService
from seikatsu_std.services.ticket_models import (
    AdHocPaymentRequest,
    CareTicketRequest,
    MedicalTicketRequest,
    TicketValidityChangeRequest,
)
from seikatsu_std.services.tickets import TicketService
from seikatsu_std.services.transfer_models import TransferDraft
from seikatsu_std.services.transfers import TransferService

router = APIRouter(prefix=API_PREFIX)


def _json(body: BaseModel | list[BaseModel], status: int = 200) -> Response:
    if isinstance(body, list):
        content = b"[" + b",".join(item.model_dump_json().encode() for item in body) + b"]"
    else:
        content = body.model_dump_json().encode()
    return Response(content=content, status_code=status, media_type="application/json")


def cases(request: Request) -> CaseService:
    service: CaseService = request.app.state.cases
    return service


def lifecycle(request: Request) -> LifecycleService:
    service: LifecycleService = request.app.state.lifecycle
    return service


def consultation_wish(request: Request) -> ConsultationWishService:
    service: ConsultationWishService = request.app.state.consultation_wish
    return service


def appeals(request: Request) -> AppealService:
    service: AppealService = request.app.state.appeals
    return service


def claim_decisions(request: Request) -> ClaimDecisionService:
    service: ClaimDecisionService = request.app.state.claim_decisions
    return service


def transfers(request: Request) -> TransferService:
    service: TransferService = request.app.state.transfers
    return service


def determination(request: Request) -> DeterminationService:
    service: DeterminationService = request.app.state.determination
    return service


def ex_officio(request: Request) -> ExOfficioService:
    service: ExOfficioService = request.app.state.ex_officio
    return service


def investigations(request: Request) -> InvestigationService:
    service: InvestigationService = request.app.state.investigations
    return service


def administration(request: Request) -> AdministrationService:
    service: AdministrationService = request.app.state.administration
    return service


def tickets(request: Request) -> TicketService:
    service: TicketService = request.app.state.tickets
    return service


def payments(request: Request) -> PaymentService:
    service: PaymentService = request.app.state.payments
    return service


def submissions(request: Request) -> SubmissionService:
    service: SubmissionService = request.app.state.submissions
    return service


def sessions(request: Request) -> SessionService:
    service: SessionService = request.app.state.sessions
    return service


def staff_id(request: Request) -> str:
    """The logged-in staff member (bearer token)."""
    return sessions(request).staff_id(request)


Staff = Annotated[str, Depends(staff_id)]
Cases = Annotated[CaseService, Depends(cases)]
Lifecycle = Annotated[LifecycleService, Depends(lifecycle)]
Appeals = Annotated[AppealService, Depends(appeals)]
ClaimDecisions = Annotated[ClaimDecisionService, Depends(claim_decisions)]
Transfers = Annotated[TransferService, Depends(transfers)]
Wishes = Annotated[ConsultationWishService, Depends(consultation_wish)]
Determination = Annotated[DeterminationService, Depends(determination)]
Administration = Annotated[AdministrationService, Depends(administration)]
ExOfficio = Annotated[ExOfficioService, Depends(ex_officio)]
Investigations = Annotated[InvestigationService, Depends(investigations)]
Tickets = Annotated[TicketService, Depends(tickets)]
Payments = Annotated[PaymentService, Depends(payments)]
Submissions = Annotated[SubmissionService, Depends(submissions)]
Purpose = Annotated[AccessPurpose, Query(description="利用目的")]


@router.get("/health", operation_id="getHealth")
def get_health() -> Response:
    return _json(
        Health(
            status="ok",
            standard_version=STANDARD_VERSION,
            implementation=f"seikatsu_std reference app {__version__}",
        )
    )


@router.post("/sessions", operation_id="createSession")
def create_session(body: LoginRequest, request: Request) -> Response:
    token, expires, staff = sessions(request).login(body.login_id, body.password)
    return _json(SessionCreated(token=token, expires_at=expires, staff=staff), 201)


@router.delete("/sessions/current", operation_id="deleteSession")
def delete_session(request: Request) -> Response:
    sessions(request).logout(request)
    return Response(status_code=204)


@router.get("/me", operation_id="getMe")
def get_me(actor: Staff, request: Request) -> Response:
    return _json(cases(request).staff_member(actor))


@router.get("/offices/{office_id}/cases", operation_id="listCases")
def list_cases(
    office_id: str,
    actor: Staff,
    service: Cases,
    purpose: Purpose,
    q: str | None = None,
    status: CaseStatus | None = None,
    caseworker_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: str | None = None,
) -> Response:
    page = service.list_cases(
        actor,
        office_id=office_id,
        purpose=purpose,
        text=q,
        status=status,
        caseworker_id=caseworker_id,
        limit=limit,
        after=after,
    )
    return _json(page)


@router.get("/cases/{case_id}", operation_id="getCase")
def get_case(case_id: str, actor: Staff, service: Cases, purpose: Purpose) -> Response:
    return _json(service.case_detail(actor, case_id, purpose=purpose))


@router.patch("/cases/{case_id}", operation_id="updateCase")
def update_case(case_id: str, body: CaseChanges, actor: Staff, service: Cases) -> Response:
    stored = service.update_case(actor, case_id, body)
    return _json(CaseUpdated(case=stored.record, version=stored.version))


@router.get("/cases/{case_id}/history", operation_id="getCaseHistory")
def get_case_history(case_id: str, actor: Staff, service: Cases, purpose: Purpose) -> Response:
    return _json(list(service.history(actor, case_id, purpose=purpose)))


@router.get(
    "/cases/{case_id}/members/{member_id}/personal-number", operation_id="getPersonalNumber"
)
def get_personal_number(
    case_id: str,
    member_id: str,
    actor: Staff,
    service: Cases,
    purpose: Purpose,
    reveal: bool = False,
) -> Response:
    number, revealed = service.personal_number(
        actor, case_id, member_id, purpose=purpose, reveal=reveal
    )
    return _json(PersonalNumberView.of(member_id, number, revealed))


@router.get("/offices/{office_id}/caseload", operation_id="getCaseload")
def get_caseload(office_id: str, actor: Staff, service: Cases) -> Response:
    return _json(service.caseload(actor, office_id))


@router.get("/audit/verification", operation_id="verifyAuditLog")
def verify_audit_log(actor: Staff, service: Cases) -> Response:
    return _json(AuditVerification.of(service.verify_audit(actor)))


@router.get("/audit/entries", operation_id="searchAuditLog")
def search_audit_log(
    actor: Staff,
    service: Cases,
    actor_id: str | None = None,
    case_id: str | None = None,
    action: AuditAction | None = None,
    purpose: AccessPurpose | None = None,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
    before: int | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_PAGE)] = 100,
) -> Response:
    query = AuditQuery(
        actor_id=actor_id,
        case_id=case_id,
        action=action,
        purpose=purpose,
        since=since,
        until=until,
        before=before,
        limit=limit,
    )
    return _json(service.audit_entries(actor, query))


@router.post("/calculations", operation_id="calculate")
def calculate(
    body: CalculationInput,
    actor: Staff,
    request: Request,
    explain: bool = True,
    allow_provisional: bool = False,
) -> Response:
    calculator: Calculator = request.app.state.calculator
    if allow_provisional and not calculator.allow_provisional:
        calculator = Calculator(calculator.standards, allow_provisional=True)
    return _json(calculator.calculate(body, explain=explain))


# ==================================================================== the case lifecycle


@router.post("/consultations", operation_id="createConsultation")
def create_consultation(body: ConsultationDraft, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.open_consultation(actor, body), 201)


@router.post("/consultations/{consultation_id}/closing", operation_id="closeConsultation")
def close_consultation(
    consultation_id: str, body: ConsultationClosing, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.close_consultation(actor, consultation_id, body))


@router.post("/consultations/{consultation_id}/wish-changes", operation_id="recordWishChange")
def record_wish_change(
    consultation_id: str, body: WishChangeRecord, actor: Staff, service: Wishes
) -> Response:
    return _json(service.record_change_of_mind(actor, consultation_id, body))


@router.post(
    "/consultations/{consultation_id}/wish-changes/confirmation",
    operation_id="confirmWishChange",
)
def confirm_wish_change(
    consultation_id: str, body: VersionOnly, actor: Staff, service: Wishes
) -> Response:
    return _json(service.confirm_change_of_mind(actor, consultation_id, body.version))


@router.post("/consultations/{consultation_id}/wish", operation_id="amendWishToApply")
def amend_wish_to_apply(
    consultation_id: str, body: WishAmendment, actor: Staff, service: Wishes
) -> Response:
    return _json(service.amend_wish(actor, consultation_id, body))


@router.post("/applications", operation_id="createApplication")
def create_application(body: ApplicationDraft, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.receive_application(actor, body), 201)


@router.post("/electronic-applications", operation_id="receiveElectronicApplication")
def receive_electronic_application(
    body: ElectronicApplication, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.receive_electronic_application(actor, body), 201)


@router.get("/applications/{application_id}", operation_id="getApplication")
def get_application(application_id: str, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.application(actor, application_id))


@router.get("/offices/{office_id}/pending-applications", operation_id="listPendingApplications")
def list_pending_applications(
    office_id: str,
    actor: Staff,
    service: Lifecycle,
    as_of: date | None = None,
    within_days: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    return _json(
        service.pending_applications(actor, office_id, as_of=as_of, within_days=within_days)
    )


@router.get("/offices/{office_id}/overdue-applications", operation_id="listOverdueApplications")
def list_overdue_applications(
    office_id: str, actor: Staff, service: Lifecycle, as_of: date | None = None
) -> Response:
    return _json(service.overdue_applications(actor, office_id, as_of=as_of))


@router.get("/offices/{office_id}/review-queue", operation_id="listReviewQueue")
def list_review_queue(office_id: str, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.review_queue(actor, office_id))


@router.post("/applications/{application_id}/withdrawal-review", operation_id="confirmWithdrawal")
def confirm_withdrawal(
    application_id: str, body: VersionOnly, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.confirm_withdrawal(actor, application_id, body.version))


@router.get("/me/alerts", operation_id="listMyAlerts")
def list_my_alerts(actor: Staff, service: Lifecycle, as_of: date | None = None) -> Response:
    return _json(service.staff_alerts(actor, as_of=as_of))


@router.get("/rules/application-decision-deadline", operation_id="getApplicationDeadlineRule")
def get_application_deadline_rule(
    actor: Staff, service: Lifecycle, on: date | None = None
) -> Response:
    return _json(service.deadline_rule(actor, on=on))


@router.post("/applications/{application_id}/extension", operation_id="extendApplicationDeadline")
def extend_application_deadline(
    application_id: str, body: ExtensionRequest, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.record_extension(actor, application_id, body))


@router.post("/applications/{application_id}/investigation", operation_id="startInvestigation")
def start_investigation(
    application_id: str, body: VersionOnly, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.start_investigation(actor, application_id, body.version))


@router.post("/applications/{application_id}/withdrawal", operation_id="withdrawApplication")
def withdraw_application(
    application_id: str, body: WithdrawalRequest, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.withdraw_application(actor, application_id, body))


@router.post(
    "/applications/{application_id}/support-inquiries", operation_id="createSupportInquiry"
)
def create_support_inquiry(
    application_id: str, body: SupportInquiryDraft, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.record_support_inquiry(actor, application_id, body), 201)


@router.post("/ex-officio-protections", operation_id="registerExOfficio")
def register_ex_officio(body: ExOfficioDraft, actor: Staff, service: ExOfficio) -> Response:
    return _json(service.register_ex_officio(actor, body), 201)


@router.post(
    "/applications/{application_id}/need-determinations", operation_id="createNeedDetermination"
)
def create_need_determination(
    application_id: str, body: NeedDeterminationRequest, actor: Staff, service: Determination
) -> Response:
    return _json(service.determine_need(actor, application_id, body), 201)


@router.get(
    "/applications/{application_id}/need-determinations", operation_id="listNeedDeterminations"
)
def list_need_determinations(application_id: str, actor: Staff, service: Determination) -> Response:
    return _json(list(service.need_determinations(actor, application_id)))


@router.get("/cases/{case_id}/decisions", operation_id="listCaseDecisions")
def list_case_decisions(case_id: str, actor: Staff, service: Lifecycle) -> Response:
    return _json(list(service.case_decisions(actor, case_id)))


@router.post("/decisions", operation_id="draftDecision")
def draft_decision(body: DecisionDraft, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.draft_decision(actor, body), 201)


@router.get("/decisions/{decision_id}", operation_id="getDecision")
def get_decision(decision_id: str, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.decision(actor, decision_id))


@router.post("/decisions/{decision_id}/approval", operation_id="approveDecision")
def approve_decision(
    decision_id: str, body: VersionOnly, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.approve_decision(actor, decision_id, body.version))


@router.post("/decisions/{decision_id}/submission", operation_id="submitDecision")
def submit_decision(
    decision_id: str, body: VersionOnly, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.submit_decision(actor, decision_id, body.version))


@router.post("/decisions/{decision_id}/notification", operation_id="notifyDecision")
def notify_decision(
    decision_id: str, body: VersionOnly, actor: Staff, service: Lifecycle
) -> Response:
    return _json(service.notify_decision(actor, decision_id, body.version))


@router.get("/decisions/{decision_id}/notice", operation_id="getDecisionNotice")
def get_decision_notice(decision_id: str, actor: Staff, service: Lifecycle) -> Response:
    return _json(service.decision_notice(actor, decision_id))


# ==================================================================== requests for review


@router.post("/cases/{case_id}/review-requests", operation_id="createReviewRequest")
def create_review_request(
    case_id: str, body: ReviewRequestDraft, actor: Staff, service: Appeals
) -> Response:
    return _json(service.register(actor, case_id, body), 201)


@router.post("/review-requests/{review_request_id}/ruling", operation_id="recordReviewRuling")
def record_review_ruling(
    review_request_id: str, body: RulingRecord, actor: Staff, service: Appeals
) -> Response:
    return _json(service.record_ruling(actor, review_request_id, body))


@router.get("/offices/{office_id}/review-requests", operation_id="listReviewRequests")
def list_review_requests(
    office_id: str,
    actor: Staff,
    service: Appeals,
    as_of: date | None = None,
    overdue: bool = False,
) -> Response:
    return _json(service.list_for_office(actor, office_id, as_of=as_of, overdue_only=overdue))


# ==================================================================== documents submitted online


@router.post("/cases/{case_id}/online-submissions", operation_id="submitOnlineDocument")
def submit_online_document(
    case_id: str, body: OnlineSubmission, actor: Staff, service: Submissions
) -> Response:
    return _json(service.submit(actor, case_id, body), 201)


@router.get("/me/pending-submissions", operation_id="listMyPendingSubmissions")
def list_my_pending_submissions(actor: Staff, service: Submissions) -> Response:
    return _json(service.pending_for_me(actor))


@router.post(
    "/online-submissions/{submission_id}/confirmation", operation_id="confirmOnlineSubmission"
)
def confirm_online_submission(
    submission_id: str, body: VersionOnly, actor: Staff, service: Submissions
) -> Response:
    return _json(service.confirm(actor, submission_id, body.version))


# ==================================================================== repayments and collections


@router.post("/claim-decisions", operation_id="draftClaimDecision")
def draft_claim_decision(
    body: ClaimDecisionDraft, actor: Staff, service: ClaimDecisions
) -> Response:
    return _json(service.draft(actor, body), 201)


@router.get("/claim-decisions/{claim_decision_id}", operation_id="getClaimDecision")
def get_claim_decision(claim_decision_id: str, actor: Staff, service: ClaimDecisions) -> Response:
    return _json(service.get(actor, claim_decision_id))


@router.post("/claim-decisions/{claim_decision_id}/approval", operation_id="approveClaimDecision")
def approve_claim_decision(
    claim_decision_id: str, body: VersionOnly, actor: Staff, service: ClaimDecisions
) -> Response:
    return _json(service.approve(actor, claim_decision_id, body.version))


# ==================================================================== transfers


@router.post("/cases/{case_id}/transfers", operation_id="createTransfer")
def create_transfer(
    case_id: str, body: TransferDraft, actor: Staff, service: Transfers
) -> Response:
    return _json(service.register(actor, case_id, body), 201)


@router.get("/transfers/{transfer_id}/handover", operation_id="getTransferHandover")
def get_transfer_handover(transfer_id: str, actor: Staff, service: Transfers) -> Response:
    return _json(service.handover(actor, transfer_id))


# ---------------------------------------------------------------- investigations


@router.post("/applications/{application_id}/support-obligors", operation_id="createSupportObligor")
def create_support_obligor(
    application_id: str, body: SupportObligorDraft, actor: Staff, service: Investigations
) -> Response:
    return _json(service.register_obligor(actor, application_id, body), 201)


@router.get("/applications/{application_id}/support-obligors", operation_id="listSupportObligors")
def list_support_obligors(application_id: str, actor: Staff, service: Investigations) -> Response:
    views: list[BaseModel] = [*service.obligors(actor, application_id)]
    return _json(views)


@router.post("/support-obligors/{obligor_id}/applicant-view", operation_id="recordApplicantView")
def record_applicant_view(
    obligor_id: str, body: ApplicantViewRequest, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_applicant_view(actor, obligor_id, body))


@router.post(
    "/support-obligors/{obligor_id}/inquiry-document",
    operation_id="issueSupportInquiryDocument",
)
def issue_support_inquiry_document(
    obligor_id: str, body: SupportInquiryDocumentRequest, actor: Staff, service: Investigations
) -> Response:
    return _json(service.issue_document(actor, obligor_id, body))


@router.post(
    "/support-obligors/{obligor_id}/inquiry-sending", operation_id="recordSupportInquirySent"
)
def record_support_inquiry_sent(
    obligor_id: str, body: SupportInquirySending, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_sent(actor, obligor_id, body))


@router.post(
    "/support-obligors/{obligor_id}/inquiry-answer", operation_id="recordSupportInquiryAnswer"
)
def record_support_inquiry_answer(
    obligor_id: str, body: SupportAnswerRequest, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_answer(actor, obligor_id, body))


@router.post("/support-obligors/{obligor_id}/inquiry-skip", operation_id="skipSupportInquiry")
def skip_support_inquiry(
    obligor_id: str, body: SupportInquirySkipRequest, actor: Staff, service: Investigations
) -> Response:
    return _json(service.skip_inquiry(actor, obligor_id, body))


@router.get("/support-inquiry-skip-reasons", operation_id="listSupportInquirySkipReasons")
def list_support_inquiry_skip_reasons(
    actor: Staff, service: Investigations, on: date | None = None
) -> Response:
    return _json(service.skip_reasons(actor, on))


@router.post("/applications/{application_id}/asset-inquiries", operation_id="createAssetInquiry")
def create_asset_inquiry(
    application_id: str, body: AssetInquiryDraft, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_asset_inquiry(actor, application_id, body), 201)


@router.get("/asset-inquiries/{inquiry_id}/letter", operation_id="getAssetInquiryLetter")
def get_asset_inquiry_letter(inquiry_id: str, actor: Staff, service: Investigations) -> Response:
    return _json(service.asset_inquiry_letter(actor, inquiry_id))


@router.post("/asset-inquiries/{inquiry_id}/answer", operation_id="recordAssetInquiryAnswer")
def record_asset_inquiry_answer(
    inquiry_id: str, body: AssetInquiryAnswer, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_asset_answer(actor, inquiry_id, body))


@router.get(
    "/offices/{office_id}/unanswered-asset-inquiries", operation_id="listUnansweredAssetInquiries"
)
def list_unanswered_asset_inquiries(
    office_id: str,
    actor: Staff,
    service: Investigations,
    as_of: date | None = None,
    days: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    return _json(service.unanswered_asset_inquiries(actor, office_id, as_of=as_of, days=days))


@router.post(
    "/applications/{application_id}/work-capacity-assessments",
    operation_id="createWorkCapacityAssessment",
)
def create_work_capacity_assessment(
    application_id: str, body: WorkCapacityDraft, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_work_capacity(actor, application_id, body), 201)


@router.post(
    "/applications/{application_id}/other-measure-checks", operation_id="recordOtherMeasureChecks"
)
def record_other_measure_checks(
    application_id: str, body: OtherMeasureChecksRequest, actor: Staff, service: Investigations
) -> Response:
    return _json(service.record_other_measures(actor, application_id, body))


@router.get("/applications/{application_id}/investigations", operation_id="getInvestigations")
def get_investigations(application_id: str, actor: Staff, service: Investigations) -> Response:
    return _json(service.summary(actor, application_id))


# ==================================================================== the office's organisation


@router.get("/offices/{office_id}/settings", operation_id="getOfficeSettings")
def get_office_settings(office_id: str, actor: Staff, service: Administration) -> Response:
    return _json(service.office_settings(actor, office_id))


@router.patch("/offices/{office_id}/settings", operation_id="changeOfficeSettings")
def change_office_settings(
    office_id: str, body: OfficeSettingsChange, actor: Staff, service: Administration
) -> Response:
    return _json(service.change_office_settings(actor, office_id, body))


@router.post("/staff/{staff_id}/role-grants", operation_id="grantStaffRole")
def grant_staff_role(
    staff_id: str, body: RoleGrant, actor: Staff, service: Administration
) -> Response:
    return _json(service.grant_role(actor, staff_id, body))


# ==================================================================== tickets and payments


@router.post("/cases/{case_id}/medical-tickets", operation_id="issueMedicalTicket")
def issue_medical_ticket(
    case_id: str, body: MedicalTicketRequest, actor: Staff, service: Tickets
) -> Response:
    return _json(service.issue_medical_ticket(actor, case_id, body), 201)


@router.post("/cases/{case_id}/care-tickets", operation_id="issueCareTicket")
def issue_care_ticket(
    case_id: str, body: CareTicketRequest, actor: Staff, service: Tickets
) -> Response:
    return _json(service.issue_care_ticket(actor, case_id, body), 201)


@router.get("/offices/{office_id}/tickets-past-ending", operation_id="listTicketsPastEnding")
def list_tickets_past_ending(
    office_id: str,
    actor: Staff,
    service: Tickets,
    ticket_type: str | None = None,
    ending_kind: DecisionKind | None = None,
) -> Response:
    return _json(
        service.tickets_past_ending(
            actor, office_id, ticket_type=ticket_type, ending_kind=ending_kind
        )
    )


@router.post("/medical-tickets/{ticket_id}/validity-change", operation_id="shortenMedicalTicket")
def shorten_medical_ticket(
    ticket_id: str, body: TicketValidityChangeRequest, actor: Staff, service: Tickets
) -> Response:
    return _json(service.shorten_medical_ticket(actor, ticket_id, body))


@router.post("/care-tickets/{ticket_id}/validity-change", operation_id="shortenCareTicket")
def shorten_care_ticket(
    ticket_id: str, body: TicketValidityChangeRequest, actor: Staff, service: Tickets
) -> Response:
    return _json(service.shorten_care_ticket(actor, ticket_id, body))


@router.post("/cases/{case_id}/ad-hoc-payments", operation_id="createAdHocPayment")
def create_ad_hoc_payment(
    case_id: str, body: AdHocPaymentRequest, actor: Staff, service: Payments
) -> Response:
    return _json(service.create_ad_hoc_payment(actor, case_id, body), 201)
