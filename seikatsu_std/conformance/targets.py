"""Targets: the systems the conformance kit checks, behind one interface.

A scenario never knows which target it runs on. Every target answers the
operations of the standard API with a :class:`Reply` (status code and JSON
body, problems included), and records each exchange as evidence for the
report:

- :class:`InProcessTarget` — the library's services over in-memory ports,
  loaded with the conformance dataset (the synthetic demo office);
- :class:`HttpTarget` — any system at a base URL implementing
  ``schemas/openapi.json`` (the reference app in CI, or a vendor's system),
  logging in with credentials from the environment or a config file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

from pydantic import AwareDatetime, BaseModel, TypeAdapter, ValidationError

from seikatsu_std.api.contract import (
    API_PREFIX,
    OPERATIONS,
    AuditVerification,
    CaseUpdated,
    Health,
    PersonalNumberView,
    WithinDays,
    path_matches,
)
from seikatsu_std.api.problems import (
    NOT_CALCULABLE,
    NOT_FOUND,
    UNAUTHENTICATED,
    ProblemType,
    problem,
    service_problem,
    validation_problem,
)
from seikatsu_std.calc import CalculationError, CalculationInput, Calculator
from seikatsu_std.model import CaseStatus
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.services.administration import (
    AdministrationService,
    OfficeSettingsChange,
    RoleGrant,
)
from seikatsu_std.services.appeals import AppealService
from seikatsu_std.services.audit import AccessPurpose, AuditAction, AuditQuery
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.claim_models import ClaimDecisionDraft
from seikatsu_std.services.claims import ClaimDecisionService
from seikatsu_std.services.consultation_wish import ConsultationWishService
from seikatsu_std.services.demo import demo_office
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.determination_records import NeedDeterminationRequest
from seikatsu_std.services.errors import ServiceError
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
from seikatsu_std.services.memory import MemoryDatabase
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

#: Cases in the conformance dataset (the demo office built with seed 7).
DATASET_CASES = 60
JST = timezone(timedelta(hours=9))
#: The fixed "now" of the in-process target (inside the dataset's month).
INPROCESS_NOW = datetime(2023, 9, 20, 10, 0, tzinfo=JST)
#: Outside the standard API: where a target in a test environment may let the kit set its
#: business date (``PUT`` ``{"today": "YYYY-MM-DD"}``, ``DELETE`` to go back), for scenarios
#: set on another day (今日は …). A target without it cannot run those scenarios.
TEST_CLOCK_PATH = "/test-support/clock"


class UnsupportedStepError(Exception):
    """The target cannot take part in this step (e.g. logins on the in-process target)."""


class _InvalidParametersError(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid parameters")
        self.errors = errors


#: The collection of each kind of ticket in the standard API's paths.
_TICKET_PATHS = {"medical_ticket": "medical-tickets", "care_ticket": "care-tickets"}


def _parameter(name: str, annotation: Any, value: Any, *, required: bool = True) -> Any:
    """A query parameter validated the way the standard API validates it."""
    if value is None:
        if required:
            raise _InvalidParametersError(
                [{"type": "missing", "loc": ("query", name), "msg": "Field required"}]
            )
        return None
    try:
        return TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        raise _InvalidParametersError(
            [{**e, "loc": ("query", name, *e["loc"])} for e in exc.errors()]
        ) from exc


def _purpose(value: str | None) -> AccessPurpose:
    purpose: AccessPurpose = _parameter("purpose", AccessPurpose, value)
    return purpose


@dataclass
class Exchange:
    """One request and its reply, kept as evidence."""

    method: str
    path: str
    request: Any
    status: int
    response: Any


@dataclass
class Reply:
    """What a target answered."""

    status: int
    body: Any

    @property
    def problem_type(self) -> str | None:
        """The problem's type URI if the reply is a problem."""
        if isinstance(self.body, dict) and isinstance(self.body.get("type"), str):
            return str(self.body["type"])
        return None


class Target(Protocol):
    """The operations scenarios use (one per standard API operation)."""

    name: str
    exchanges: list[Exchange]

    def reset(self) -> None:
        """Forget the session and the evidence (between scenarios)."""

    def set_today(self, day: date) -> None:
        """Run the following requests on ``day`` (:class:`UnsupportedStepError` where the
        target's clock cannot be set; its date is the dataset's, 2023-09-20)."""

    def login(self, staff_id: str) -> None: ...
    def logout(self) -> Reply: ...
    def me(self) -> Reply: ...
    def list_cases(self, office_id: str, purpose: str, **filters: Any) -> Reply: ...
    def get_case(self, case_id: str, purpose: str) -> Reply: ...
    def update_case(self, case_id: str, changes: Mapping[str, Any]) -> Reply: ...
    def case_history(self, case_id: str, purpose: str) -> Reply: ...
    def personal_number(
        self, case_id: str, member_id: str, purpose: str | None, reveal: bool
    ) -> Reply: ...
    def caseload(self, office_id: str) -> Reply: ...
    def verify_audit(self) -> Reply: ...
    def audit_entries(self, **filters: Any) -> Reply: ...
    def calculate(
        self, calculation: Mapping[str, Any], allow_provisional: bool = False
    ) -> Reply: ...
    def health(self) -> Reply: ...
    def open_consultation(self, body: Mapping[str, Any]) -> Reply: ...
    def close_consultation(self, consultation_id: str, body: Mapping[str, Any]) -> Reply: ...
    def consultation_wish(self, consultation_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        """A change of the consultation's wish to apply: ``step`` is the end of the path
        (``wish-changes``, ``wish-changes/confirmation``, ``wish``)."""

    def receive_application(self, body: Mapping[str, Any]) -> Reply: ...
    def receive_electronic_application(self, body: Mapping[str, Any]) -> Reply: ...
    def get_application(self, application_id: str) -> Reply: ...
    def pending_applications(
        self,
        office_id: str,
        as_of: str | date | None = None,
        within_days: int | str | None = None,
    ) -> Reply: ...
    def overdue_applications(self, office_id: str, as_of: str | date | None = None) -> Reply: ...
    def staff_alerts(self, as_of: str | date | None = None) -> Reply: ...
    def review_queue(self, office_id: str) -> Reply: ...
    def confirm_withdrawal(self, application_id: str, version: int) -> Reply: ...
    def deadline_rule(self, on: str | date | None = None) -> Reply: ...
    def extend_deadline(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def start_investigation(self, application_id: str, version: int) -> Reply: ...
    def withdraw_application(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def record_support_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def register_ex_officio(self, body: Mapping[str, Any]) -> Reply: ...
    def determine_need(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def need_determinations(self, application_id: str) -> Reply: ...
    def case_decisions(self, case_id: str) -> Reply: ...
    def register_support_obligor(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def support_obligors(self, application_id: str) -> Reply: ...
    def support_obligor_step(self, obligor_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        """A step of the obligor's support inquiry: ``step`` is the last segment of its path
        (``applicant-view``, ``inquiry-document``, ``inquiry-sending``, ``inquiry-answer``,
        ``inquiry-skip``)."""

    def skip_reasons(self, on: str | None = None) -> Reply: ...
    def record_asset_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def record_work_capacity(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def record_other_measures(self, application_id: str, body: Mapping[str, Any]) -> Reply: ...
    def asset_inquiry_letter(self, inquiry_id: str) -> Reply: ...
    def record_asset_answer(self, inquiry_id: str, body: Mapping[str, Any]) -> Reply: ...
    def unanswered_asset_inquiries(
        self, office_id: str, as_of: str | date | None = None, days: int | str | None = None
    ) -> Reply: ...
    def draft_decision(self, body: Mapping[str, Any]) -> Reply: ...
    def get_decision(self, decision_id: str) -> Reply: ...
    def submit_decision(self, decision_id: str, version: int) -> Reply: ...
    def approve_decision(self, decision_id: str, version: int) -> Reply: ...
    def office_settings(self, office_id: str) -> Reply: ...
    def change_office_settings(self, office_id: str, body: Mapping[str, Any]) -> Reply: ...
    def grant_role(self, staff_id: str, body: Mapping[str, Any]) -> Reply: ...
    def notify_decision(self, decision_id: str, version: int) -> Reply: ...
    def decision_notice(self, decision_id: str) -> Reply: ...
    def register_review_request(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def record_review_ruling(self, review_request_id: str, body: Mapping[str, Any]) -> Reply: ...
    def review_requests(
        self, office_id: str, as_of: str | date | None = None, overdue: bool | None = None
    ) -> Reply: ...
    def issue_medical_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def issue_care_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def tickets_past_ending(
        self, office_id: str, ticket_type: str | None = None, ending_kind: str | None = None
    ) -> Reply: ...
    def shorten_ticket(self, ticket_type: str, ticket_id: str, body: Mapping[str, Any]) -> Reply:
        """Shorten a ticket: ``ticket_type`` is ``medical_ticket`` or ``care_ticket``."""

    def create_ad_hoc_payment(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def submit_online_document(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def pending_submissions(self) -> Reply: ...
    def confirm_submission(self, submission_id: str, version: int) -> Reply: ...
    def draft_claim_decision(self, body: Mapping[str, Any]) -> Reply: ...
    def get_claim_decision(self, claim_decision_id: str) -> Reply: ...
    def approve_claim_decision(self, claim_decision_id: str, version: int) -> Reply: ...
    def register_transfer(self, case_id: str, body: Mapping[str, Any]) -> Reply: ...
    def transfer_handover(self, transfer_id: str) -> Reply: ...
    def login_attempt(self, login_id: str, password: str) -> Reply:
        """Try to log in (raises :class:`UnsupportedStepError` where there are no logins)."""

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        """A request outside the standard's operations (to check what must not exist)."""


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return json.loads(value.model_dump_json())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class InProcessTarget:
    """The library's own services over in-memory ports (fast, for development and CI)."""

    name = "inprocess"

    def __init__(
        self, service_factory: Callable[[MemoryDatabase], CaseService] | None = None
    ) -> None:
        self.calculator = Calculator()
        self.now = INPROCESS_NOW
        self.database = MemoryDatabase.loaded(
            demo_office(DATASET_CASES, calculator=self.calculator).load
        )
        factory = service_factory or (
            lambda db: CaseService(db.unit_of_work, self._clock, self.calculator)
        )
        self.service = factory(self.database)
        self.lifecycle = LifecycleService(self.database.unit_of_work, self._clock, self.calculator)
        self.appeals = AppealService(self.database.unit_of_work, self._clock, self.calculator)
        self.administration = AdministrationService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.claim_decisions = ClaimDecisionService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.transfers = TransferService(self.database.unit_of_work, self._clock, self.calculator)
        self.wishes = ConsultationWishService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.determination = DeterminationService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.ex_officio = ExOfficioService(self.database.unit_of_work, self._clock, self.calculator)
        self.investigations = InvestigationService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.tickets = TicketService(self.database.unit_of_work, self._clock, self.calculator)
        self.payments = PaymentService(self.database.unit_of_work, self._clock, self.calculator)
        self.submissions = SubmissionService(
            self.database.unit_of_work, self._clock, self.calculator
        )
        self.staff_id: str | None = None
        self.exchanges: list[Exchange] = []

    # ------------------------------------------------------------ plumbing

    def _clock(self) -> datetime:
        """The target's clock: :data:`INPROCESS_NOW` unless a scenario set the day."""
        return self.now

    def _call(
        self, method: str, path: str, request: Any, action: Callable[[], Any], status: int = 200
    ) -> Reply:
        try:
            if self.staff_id is None and path not in ("/health",):
                reply = Reply(
                    401, _plain(problem(UNAUTHENTICATED, "ログインしてください", "not logged in"))
                )
            else:
                reply = Reply(status, _plain(action()))
        except ServiceError as exc:
            found = service_problem(exc)
            reply = Reply(found.status, _plain(found))
        except CalculationError as exc:
            reply = Reply(
                NOT_CALCULABLE.status, _plain(problem(NOT_CALCULABLE, str(exc), str(exc)))
            )
        except _InvalidParametersError as exc:
            found = validation_problem(exc.errors)
            reply = Reply(found.status, _plain(found))
        except ValidationError as exc:
            found = validation_problem(exc.errors(), body=True)
            reply = Reply(found.status, _plain(found))
        self.exchanges.append(
            Exchange(method, API_PREFIX + path, request, reply.status, reply.body)
        )
        return reply

    def _actor(self) -> str:
        assert self.staff_id is not None
        return self.staff_id

    def _post(
        self,
        path: str,
        body: Mapping[str, Any],
        model: type[BaseModel],
        use: Callable[..., Any],
        *ids: str,
        status: int = 200,
        method: str = "POST",
    ) -> Reply:
        """A POST (or ``method``) whose body is the request model ``model``:
        ``use(actor, *ids, request)``."""
        return self._call(
            method,
            path,
            dict(body),
            lambda: use(self._actor(), *ids, model.model_validate(body)),
            status,
        )

    def _get(self, path: str, use: Callable[..., Any], *args: Any) -> Reply:
        """A GET whose only inputs are the ids of its path: ``use(actor, *args)``."""
        return self._call("GET", path, None, lambda: use(self._actor(), *args))

    def _with_version(
        self, path: str, use: Callable[[str, str, int], Any], record_id: str, version: int
    ) -> Reply:
        """A POST whose only input is the version read (決裁・通知…): ``use(actor, id, version)``."""
        body = {"version": version}
        return self._call(
            "POST",
            path,
            body,
            lambda: use(self._actor(), record_id, VersionOnly.model_validate(body).version),
        )

    # ------------------------------------------------------------ operations

    def reset(self) -> None:
        self.staff_id = None
        self.exchanges = []
        self.now = INPROCESS_NOW

    def set_today(self, day: date) -> None:
        self.now = datetime.combine(day, INPROCESS_NOW.timetz())

    def login(self, staff_id: str) -> None:
        self.staff_id = staff_id

    def logout(self) -> Reply:
        reply = self._call("DELETE", "/sessions/current", None, lambda: None, 204)
        self.staff_id = None
        return reply

    def me(self) -> Reply:
        return self._call("GET", "/me", None, lambda: self.service.staff_member(self._actor()))

    def list_cases(self, office_id: str, purpose: str, **filters: Any) -> Reply:
        def run() -> Any:
            status = _parameter("status", CaseStatus, filters.get("status"), required=False)
            return self.service.list_cases(
                self._actor(),
                office_id=office_id,
                purpose=_purpose(purpose),
                text=filters.get("q"),
                status=status,
                caseworker_id=filters.get("caseworker_id"),
                limit=int(filters.get("limit", 50)),
                after=filters.get("after"),
            )

        return self._call(
            "GET", f"/offices/{office_id}/cases", {"purpose": purpose, **filters}, run
        )

    def get_case(self, case_id: str, purpose: str) -> Reply:
        return self._call(
            "GET",
            f"/cases/{case_id}",
            {"purpose": purpose},
            lambda: self.service.case_detail(self._actor(), case_id, purpose=_purpose(purpose)),
        )

    def update_case(self, case_id: str, changes: Mapping[str, Any]) -> Reply:
        def run() -> Any:
            stored = self.service.update_case(
                self._actor(), case_id, CaseChanges.model_validate(changes)
            )
            return CaseUpdated(case=stored.record, version=stored.version)

        return self._call("PATCH", f"/cases/{case_id}", dict(changes), run)

    def case_history(self, case_id: str, purpose: str) -> Reply:
        return self._call(
            "GET",
            f"/cases/{case_id}/history",
            {"purpose": purpose},
            lambda: self.service.history(self._actor(), case_id, purpose=_purpose(purpose)),
        )

    def personal_number(
        self, case_id: str, member_id: str, purpose: str | None, reveal: bool
    ) -> Reply:
        def run() -> Any:
            number, revealed = self.service.personal_number(
                self._actor(),
                case_id,
                member_id,
                purpose=_purpose(purpose),
                reveal=reveal,
            )
            return PersonalNumberView.of(member_id, number, revealed)

        return self._call(
            "GET",
            f"/cases/{case_id}/members/{member_id}/personal-number",
            {"purpose": purpose, "reveal": reveal},
            run,
        )

    def caseload(self, office_id: str) -> Reply:
        return self._get(f"/offices/{office_id}/caseload", self.service.caseload, office_id)

    def verify_audit(self) -> Reply:
        return self._call(
            "GET",
            "/audit/verification",
            None,
            lambda: AuditVerification.of(self.service.verify_audit(self._actor())),
        )

    def audit_entries(self, **filters: Any) -> Reply:
        def run() -> Any:
            query = AuditQuery(
                actor_id=filters.get("actor_id"),
                case_id=filters.get("case_id"),
                action=_parameter("action", AuditAction, filters.get("action"), required=False),
                purpose=_parameter(
                    "purpose", AccessPurpose, filters.get("purpose"), required=False
                ),
                since=_parameter("since", AwareDatetime, filters.get("since"), required=False),
                until=_parameter("until", AwareDatetime, filters.get("until"), required=False),
                before=_parameter("before", int, filters.get("before"), required=False),
                limit=_parameter("limit", int, filters.get("limit", 100)),
            )
            return self.service.audit_entries(self._actor(), query)

        return self._call("GET", "/audit/entries", dict(filters), run)

    def login_attempt(self, login_id: str, password: str) -> Reply:
        raise UnsupportedStepError(
            "ログインはアプリの機能で、ライブラリ（in-process）にはありません"
        )

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        allowed = [op.method.upper() for op in OPERATIONS if path_matches(op.path, path)]
        if method.upper() in allowed:
            raise UnsupportedStepError(f"{method} {path} is a standard operation; use its step")
        kind = (
            ProblemType(name="method-not-allowed", status=405, title="その方法は使えません")
            if allowed
            else NOT_FOUND
        )
        reply = Reply(
            kind.status,
            _plain(problem(kind, "標準仕様にない操作です", f"no operation {method} {path}")),
        )
        self.exchanges.append(Exchange(method, API_PREFIX + path, body, reply.status, reply.body))
        return reply

    def calculate(self, calculation: Mapping[str, Any], allow_provisional: bool = False) -> Reply:
        def run() -> Any:
            calculator = self.calculator
            if allow_provisional:
                calculator = Calculator(self.calculator.standards, allow_provisional=True)
            return calculator.calculate(CalculationInput.model_validate(calculation), explain=True)

        return self._call("POST", "/calculations", dict(calculation), run)

    def health(self) -> Reply:
        from seikatsu_std import STANDARD_VERSION, __version__

        return self._call(
            "GET",
            "/health",
            None,
            lambda: Health(
                status="ok",
                standard_version=STANDARD_VERSION,
                implementation=f"seikatsu_std in-process {__version__}",
            ),
        )

    # ------------------------------------------------------------ the case lifecycle

    def open_consultation(self, body: Mapping[str, Any]) -> Reply:
        return self._post(
            "/consultations", body, ConsultationDraft, self.lifecycle.open_consultation, status=201
        )

    def close_consultation(self, consultation_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/consultations/{consultation_id}/closing",
            body,
            ConsultationClosing,
            self.lifecycle.close_consultation,
            consultation_id,
        )

    def consultation_wish(self, consultation_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        service = self.wishes
        steps: dict[str, Callable[[str, str, Any], Any]] = {
            "wish-changes": lambda a, c, b: service.record_change_of_mind(
                a, c, WishChangeRecord.model_validate(b)
            ),
            "wish-changes/confirmation": lambda a, c, b: service.confirm_change_of_mind(
                a, c, VersionOnly.model_validate(b).version
            ),
            "wish": lambda a, c, b: service.amend_wish(a, c, WishAmendment.model_validate(b)),
        }
        return self._call(
            "POST",
            f"/consultations/{consultation_id}/{step}",
            dict(body),
            lambda: steps[step](self._actor(), consultation_id, body),
        )

    def receive_application(self, body: Mapping[str, Any]) -> Reply:
        def run() -> Any:
            draft = ApplicationDraft.model_validate(body)
            return self.lifecycle.receive_application(self._actor(), draft)

        return self._call("POST", "/applications", dict(body), run, 201)

    def receive_electronic_application(self, body: Mapping[str, Any]) -> Reply:
        def run() -> Any:
            received = ElectronicApplication.model_validate(body)
            return self.lifecycle.receive_electronic_application(self._actor(), received)

        return self._call("POST", "/electronic-applications", dict(body), run, 201)

    def get_application(self, application_id: str) -> Reply:
        return self._get(
            f"/applications/{application_id}", self.lifecycle.application, application_id
        )

    def pending_applications(
        self,
        office_id: str,
        as_of: str | date | None = None,
        within_days: int | str | None = None,
    ) -> Reply:
        def run() -> Any:
            return self.lifecycle.pending_applications(
                self._actor(),
                office_id,
                as_of=_parameter("as_of", date, as_of, required=False),
                within_days=_parameter("within_days", WithinDays, within_days, required=False),
            )

        return self._call(
            "GET",
            f"/offices/{office_id}/pending-applications",
            {"as_of": _query_value(as_of), "within_days": within_days},
            run,
        )

    def overdue_applications(self, office_id: str, as_of: str | date | None = None) -> Reply:
        def run() -> Any:
            return self.lifecycle.overdue_applications(
                self._actor(), office_id, as_of=_parameter("as_of", date, as_of, required=False)
            )

        return self._call(
            "GET", f"/offices/{office_id}/overdue-applications", {"as_of": _query_value(as_of)}, run
        )

    def staff_alerts(self, as_of: str | date | None = None) -> Reply:
        def run() -> Any:
            return self.lifecycle.staff_alerts(
                self._actor(), as_of=_parameter("as_of", date, as_of, required=False)
            )

        return self._call("GET", "/me/alerts", {"as_of": _query_value(as_of)}, run)

    def review_queue(self, office_id: str) -> Reply:
        return self._get(
            f"/offices/{office_id}/review-queue", self.lifecycle.review_queue, office_id
        )

    def confirm_withdrawal(self, application_id: str, version: int) -> Reply:
        return self._with_version(
            f"/applications/{application_id}/withdrawal-review",
            self.lifecycle.confirm_withdrawal,
            application_id,
            version,
        )

    def deadline_rule(self, on: str | date | None = None) -> Reply:
        return self._call(
            "GET",
            "/rules/application-decision-deadline",
            {"on": _query_value(on)},
            lambda: self.lifecycle.deadline_rule(
                self._actor(), on=_parameter("on", date, on, required=False)
            ),
        )

    def extend_deadline(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/extension",
            body,
            ExtensionRequest,
            self.lifecycle.record_extension,
            application_id,
        )

    def start_investigation(self, application_id: str, version: int) -> Reply:
        body = {"version": version}
        return self._call(
            "POST",
            f"/applications/{application_id}/investigation",
            body,
            lambda: self.lifecycle.start_investigation(
                self._actor(), application_id, VersionOnly.model_validate(body).version
            ),
        )

    def withdraw_application(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/withdrawal",
            body,
            WithdrawalRequest,
            self.lifecycle.withdraw_application,
            application_id,
        )

    def record_support_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/support-inquiries",
            body,
            SupportInquiryDraft,
            self.lifecycle.record_support_inquiry,
            application_id,
            status=201,
        )

    def register_ex_officio(self, body: Mapping[str, Any]) -> Reply:
        return self._post(
            "/ex-officio-protections",
            body,
            ExOfficioDraft,
            self.ex_officio.register_ex_officio,
            status=201,
        )

    def determine_need(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/need-determinations",
            body,
            NeedDeterminationRequest,
            self.determination.determine_need,
            application_id,
            status=201,
        )

    def need_determinations(self, application_id: str) -> Reply:
        return self._get(
            f"/applications/{application_id}/need-determinations",
            self.determination.need_determinations,
            application_id,
        )

    def case_decisions(self, case_id: str) -> Reply:
        return self._get(f"/cases/{case_id}/decisions", self.lifecycle.case_decisions, case_id)

    def register_support_obligor(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/support-obligors",
            body,
            SupportObligorDraft,
            self.investigations.register_obligor,
            application_id,
            status=201,
        )

    def support_obligors(self, application_id: str) -> Reply:
        return self._get(
            f"/applications/{application_id}/support-obligors",
            self.investigations.obligors,
            application_id,
        )

    def support_obligor_step(self, obligor_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        service = self.investigations
        steps: dict[str, Callable[[str, str, Any], Any]] = {
            "applicant-view": lambda a, o, b: service.record_applicant_view(
                a, o, ApplicantViewRequest.model_validate(b)
            ),
            "inquiry-document": lambda a, o, b: service.issue_document(
                a, o, SupportInquiryDocumentRequest.model_validate(b)
            ),
            "inquiry-sending": lambda a, o, b: service.record_sent(
                a, o, SupportInquirySending.model_validate(b)
            ),
            "inquiry-answer": lambda a, o, b: service.record_answer(
                a, o, SupportAnswerRequest.model_validate(b)
            ),
            "inquiry-skip": lambda a, o, b: service.skip_inquiry(
                a, o, SupportInquirySkipRequest.model_validate(b)
            ),
        }
        return self._call(
            "POST",
            f"/support-obligors/{obligor_id}/{step}",
            dict(body),
            lambda: steps[step](self._actor(), obligor_id, body),
        )

    def skip_reasons(self, on: str | None = None) -> Reply:
        return self._call(
            "GET",
            "/support-inquiry-skip-reasons",
            {"on": on},
            lambda: self.investigations.skip_reasons(
                self._actor(), _parameter("on", date, on, required=False)
            ),
        )

    def record_work_capacity(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/work-capacity-assessments",
            body,
            WorkCapacityDraft,
            self.investigations.record_work_capacity,
            application_id,
            status=201,
        )

    def record_other_measures(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/other-measure-checks",
            body,
            OtherMeasureChecksRequest,
            self.investigations.record_other_measures,
            application_id,
        )

    def record_asset_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/applications/{application_id}/asset-inquiries",
            body,
            AssetInquiryDraft,
            self.investigations.record_asset_inquiry,
            application_id,
            status=201,
        )

    def asset_inquiry_letter(self, inquiry_id: str) -> Reply:
        return self._get(
            f"/asset-inquiries/{inquiry_id}/letter",
            self.investigations.asset_inquiry_letter,
            inquiry_id,
        )

    def record_asset_answer(self, inquiry_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/asset-inquiries/{inquiry_id}/answer",
            body,
            AssetInquiryAnswer,
            self.investigations.record_asset_answer,
            inquiry_id,
        )

    def unanswered_asset_inquiries(
        self, office_id: str, as_of: str | date | None = None, days: int | str | None = None
    ) -> Reply:
        def run() -> Any:
            return self.investigations.unanswered_asset_inquiries(
                self._actor(),
                office_id,
                as_of=_parameter("as_of", date, as_of, required=False),
                days=_parameter("days", WithinDays, days, required=False),
            )

        return self._call(
            "GET",
            f"/offices/{office_id}/unanswered-asset-inquiries",
            {"as_of": _query_value(as_of), "days": days},
            run,
        )

    def draft_decision(self, body: Mapping[str, Any]) -> Reply:
        return self._post(
            "/decisions", body, DecisionDraft, self.lifecycle.draft_decision, status=201
        )

    def get_decision(self, decision_id: str) -> Reply:
        return self._get(f"/decisions/{decision_id}", self.lifecycle.decision, decision_id)

    def submit_decision(self, decision_id: str, version: int) -> Reply:
        return self._with_version(
            f"/decisions/{decision_id}/submission",
            self.lifecycle.submit_decision,
            decision_id,
            version,
        )

    def approve_decision(self, decision_id: str, version: int) -> Reply:
        return self._with_version(
            f"/decisions/{decision_id}/approval",
            self.lifecycle.approve_decision,
            decision_id,
            version,
        )

    def notify_decision(self, decision_id: str, version: int) -> Reply:
        return self._with_version(
            f"/decisions/{decision_id}/notification",
            self.lifecycle.notify_decision,
            decision_id,
            version,
        )

    def office_settings(self, office_id: str) -> Reply:
        return self._get(
            f"/offices/{office_id}/settings", self.administration.office_settings, office_id
        )

    def change_office_settings(self, office_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/offices/{office_id}/settings",
            body,
            OfficeSettingsChange,
            self.administration.change_office_settings,
            office_id,
            method="PATCH",
        )

    def grant_role(self, staff_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/staff/{staff_id}/role-grants",
            body,
            RoleGrant,
            self.administration.grant_role,
            staff_id,
        )

    def decision_notice(self, decision_id: str) -> Reply:
        return self._get(
            f"/decisions/{decision_id}/notice", self.lifecycle.decision_notice, decision_id
        )

    # ------------------------------------------------------------ requests for review

    def register_review_request(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/review-requests",
            body,
            ReviewRequestDraft,
            self.appeals.register,
            case_id,
            status=201,
        )

    def record_review_ruling(self, review_request_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/review-requests/{review_request_id}/ruling",
            body,
            RulingRecord,
            self.appeals.record_ruling,
            review_request_id,
        )

    def review_requests(
        self, office_id: str, as_of: str | date | None = None, overdue: bool | None = None
    ) -> Reply:
        def run() -> Any:
            return self.appeals.list_for_office(
                self._actor(),
                office_id,
                as_of=_parameter("as_of", date, as_of, required=False),
                overdue_only=bool(_parameter("overdue", bool, overdue, required=False)),
            )

        return self._call(
            "GET",
            f"/offices/{office_id}/review-requests",
            {"as_of": _query_value(as_of), "overdue": overdue},
            run,
        )

    # ------------------------------------------------------------ benefits on a decision

    def issue_medical_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/medical-tickets",
            body,
            MedicalTicketRequest,
            self.tickets.issue_medical_ticket,
            case_id,
            status=201,
        )

    # ------------------------------------------------------------ documents submitted online

    def submit_online_document(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/online-submissions",
            body,
            OnlineSubmission,
            self.submissions.submit,
            case_id,
            status=201,
        )

    def issue_care_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/care-tickets",
            body,
            CareTicketRequest,
            self.tickets.issue_care_ticket,
            case_id,
            status=201,
        )

    def tickets_past_ending(
        self, office_id: str, ticket_type: str | None = None, ending_kind: str | None = None
    ) -> Reply:
        def run() -> Any:
            return self.tickets.tickets_past_ending(
                self._actor(),
                office_id,
                ticket_type=_parameter("ticket_type", str, ticket_type, required=False),
                ending_kind=_parameter("ending_kind", DecisionKind, ending_kind, required=False),
            )

        return self._call(
            "GET",
            f"/offices/{office_id}/tickets-past-ending",
            {"ticket_type": ticket_type, "ending_kind": ending_kind},
            run,
        )

    def shorten_ticket(self, ticket_type: str, ticket_id: str, body: Mapping[str, Any]) -> Reply:
        medical = ticket_type == "medical_ticket"
        return self._post(
            f"/{_TICKET_PATHS[ticket_type]}/{ticket_id}/validity-change",
            body,
            TicketValidityChangeRequest,
            self.tickets.shorten_medical_ticket if medical else self.tickets.shorten_care_ticket,
            ticket_id,
        )

    def create_ad_hoc_payment(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/ad-hoc-payments",
            body,
            AdHocPaymentRequest,
            self.payments.create_ad_hoc_payment,
            case_id,
            status=201,
        )

    def pending_submissions(self) -> Reply:
        return self._get("/me/pending-submissions", self.submissions.pending_for_me)

    def confirm_submission(self, submission_id: str, version: int) -> Reply:
        return self._with_version(
            f"/online-submissions/{submission_id}/confirmation",
            self.submissions.confirm,
            submission_id,
            version,
        )

    # ------------------------------------------------------------ repayments and collections

    def draft_claim_decision(self, body: Mapping[str, Any]) -> Reply:
        return self._post(
            "/claim-decisions", body, ClaimDecisionDraft, self.claim_decisions.draft, status=201
        )

    def get_claim_decision(self, claim_decision_id: str) -> Reply:
        return self._get(
            f"/claim-decisions/{claim_decision_id}", self.claim_decisions.get, claim_decision_id
        )

    def approve_claim_decision(self, claim_decision_id: str, version: int) -> Reply:
        return self._with_version(
            f"/claim-decisions/{claim_decision_id}/approval",
            self.claim_decisions.approve,
            claim_decision_id,
            version,
        )

    # ------------------------------------------------------------ transfers

    def register_transfer(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._post(
            f"/cases/{case_id}/transfers",
            body,
            TransferDraft,
            self.transfers.register,
            case_id,
            status=201,
        )

    def transfer_handover(self, transfer_id: str) -> Reply:
        return self._get(f"/transfers/{transfer_id}/handover", self.transfers.handover, transfer_id)


def _query_value(value: str | date | None) -> str | None:
    """A date as the text a query string carries (other values as given)."""
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class Credentials:
    """Login id and password per demo staff id, for an HTTP target."""

    logins: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_environment(cls, path: str | None = None) -> Credentials:
        """From ``SEIKATSU_CONFORMANCE_CREDENTIALS`` (a JSON file) or, for the reference
        app's demo, one password for every staff id (``SEIKATSU_CONFORMANCE_PASSWORD``)."""
        file = path or os.environ.get("SEIKATSU_CONFORMANCE_CREDENTIALS")
        if file:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
            return cls({k: (v["login_id"], v["password"]) for k, v in data.items()})
        password = os.environ.get("SEIKATSU_CONFORMANCE_PASSWORD")
        if not password:
            raise ValueError(
                "no credentials: set SEIKATSU_CONFORMANCE_CREDENTIALS (JSON file: staff id → login_id/password) "
                "or SEIKATSU_CONFORMANCE_PASSWORD"
            )
        from seikatsu_std.services.demo import DEMO_STAFF

        return cls({staff_id: (staff_id, password) for staff_id, *_ in DEMO_STAFF})


class HttpTarget:
    """Any system at ``base_url`` that implements the standard API."""

    def __init__(
        self, base_url: str, credentials: Credentials, *, name: str = "url", timeout: float = 30.0
    ) -> None:
        import httpx

        self.name = name
        self.credentials = credentials
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)
        self.token: str | None = None
        self.exchanges: list[Exchange] = []
        self.moved_day = False

    def _call(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None
    ) -> Reply:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        clean = {
            k: (str(v).lower() if isinstance(v, bool) else v)
            for k, v in (params or {}).items()
            if v is not None
        }
        response = self.client.request(
            method, API_PREFIX + path, params=clean, json=body, headers=headers
        )
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = response.text
        self.exchanges.append(
            Exchange(
                method,
                API_PREFIX + path,
                {"params": clean, "body": body},
                response.status_code,
                payload,
            )
        )
        return Reply(response.status_code, payload)

    def reset(self) -> None:
        self.token = None
        self.exchanges = []
        if self.moved_day:
            # The next scenario starts on the dataset's day again.
            self.client.delete(TEST_CLOCK_PATH).raise_for_status()
            self.moved_day = False

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def set_today(self, day: date) -> None:
        """Move the target's business date through its test clock (:data:`TEST_CLOCK_PATH`),
        where it offers one; otherwise the scenario cannot run here."""
        response = self.client.put(TEST_CLOCK_PATH, json={"today": day.isoformat()})
        if response.status_code in (404, 405):
            raise UnsupportedStepError(
                f"このターゲットの日付は変えられません（{TEST_CLOCK_PATH} がありません。"
                f"確認用の日付は {INPROCESS_NOW.date().isoformat()}）"
            )
        response.raise_for_status()
        self.moved_day = True

    def login(self, staff_id: str) -> None:
        login_id, password = self.credentials.logins[staff_id]
        reply = self._call("POST", "/sessions", body={"login_id": login_id, "password": password})
        if reply.status != 201:
            raise RuntimeError(
                f"cannot log in as {staff_id} on {self.name}: {reply.status} {reply.body}"
            )
        self.token = reply.body["token"]

    def logout(self) -> Reply:
        reply = self._call("DELETE", "/sessions/current")
        self.token = None
        return reply

    def me(self) -> Reply:
        return self._call("GET", "/me")

    def list_cases(self, office_id: str, purpose: str, **filters: Any) -> Reply:
        return self._call(
            "GET", f"/offices/{office_id}/cases", params={"purpose": purpose, **filters}
        )

    def get_case(self, case_id: str, purpose: str) -> Reply:
        return self._call("GET", f"/cases/{case_id}", params={"purpose": purpose})

    def update_case(self, case_id: str, changes: Mapping[str, Any]) -> Reply:
        return self._call("PATCH", f"/cases/{case_id}", body=dict(changes))

    def case_history(self, case_id: str, purpose: str) -> Reply:
        return self._call("GET", f"/cases/{case_id}/history", params={"purpose": purpose})

    def personal_number(
        self, case_id: str, member_id: str, purpose: str | None, reveal: bool
    ) -> Reply:
        return self._call(
            "GET",
            f"/cases/{case_id}/members/{member_id}/personal-number",
            params={"purpose": purpose, "reveal": reveal},
        )

    def caseload(self, office_id: str) -> Reply:
        return self._call("GET", f"/offices/{office_id}/caseload")

    def verify_audit(self) -> Reply:
        return self._call("GET", "/audit/verification")

    def audit_entries(self, **filters: Any) -> Reply:
        return self._call("GET", "/audit/entries", params=filters)

    def login_attempt(self, login_id: str, password: str) -> Reply:
        return self._call("POST", "/sessions", body={"login_id": login_id, "password": password})

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        return self._call(method, path, body=body)

    def calculate(self, calculation: Mapping[str, Any], allow_provisional: bool = False) -> Reply:
        return self._call(
            "POST",
            "/calculations",
            params={"allow_provisional": allow_provisional},
            body=dict(calculation),
        )

    def health(self) -> Reply:
        return self._call("GET", "/health")

    # ------------------------------------------------------------ the case lifecycle

    def open_consultation(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/consultations", body=dict(body))

    def close_consultation(self, consultation_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/consultations/{consultation_id}/closing", body=dict(body))

    def consultation_wish(self, consultation_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/consultations/{consultation_id}/{step}", body=dict(body))

    def receive_application(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/applications", body=dict(body))

    def receive_electronic_application(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/electronic-applications", body=dict(body))

    def get_application(self, application_id: str) -> Reply:
        return self._call("GET", f"/applications/{application_id}")

    def pending_applications(
        self,
        office_id: str,
        as_of: str | date | None = None,
        within_days: int | str | None = None,
    ) -> Reply:
        return self._call(
            "GET",
            f"/offices/{office_id}/pending-applications",
            params={"as_of": _query_value(as_of), "within_days": within_days},
        )

    def overdue_applications(self, office_id: str, as_of: str | date | None = None) -> Reply:
        return self._call(
            "GET",
            f"/offices/{office_id}/overdue-applications",
            params={"as_of": _query_value(as_of)},
        )

    def staff_alerts(self, as_of: str | date | None = None) -> Reply:
        return self._call("GET", "/me/alerts", params={"as_of": _query_value(as_of)})

    def review_queue(self, office_id: str) -> Reply:
        return self._call("GET", f"/offices/{office_id}/review-queue")

    def confirm_withdrawal(self, application_id: str, version: int) -> Reply:
        return self._call(
            "POST",
            f"/applications/{application_id}/withdrawal-review",
            body={"version": version},
        )

    def deadline_rule(self, on: str | date | None = None) -> Reply:
        return self._call(
            "GET", "/rules/application-decision-deadline", params={"on": _query_value(on)}
        )

    def extend_deadline(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/applications/{application_id}/extension", body=dict(body))

    def start_investigation(self, application_id: str, version: int) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/investigation", body={"version": version}
        )

    def withdraw_application(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/applications/{application_id}/withdrawal", body=dict(body))

    def record_support_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/support-inquiries", body=dict(body)
        )

    def register_ex_officio(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/ex-officio-protections", body=dict(body))

    def determine_need(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/need-determinations", body=dict(body)
        )

    def need_determinations(self, application_id: str) -> Reply:
        return self._call("GET", f"/applications/{application_id}/need-determinations")

    def case_decisions(self, case_id: str) -> Reply:
        return self._call("GET", f"/cases/{case_id}/decisions")

    def register_support_obligor(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/support-obligors", body=dict(body)
        )

    def support_obligors(self, application_id: str) -> Reply:
        return self._call("GET", f"/applications/{application_id}/support-obligors")

    def support_obligor_step(self, obligor_id: str, step: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/support-obligors/{obligor_id}/{step}", body=dict(body))

    def skip_reasons(self, on: str | None = None) -> Reply:
        return self._call("GET", "/support-inquiry-skip-reasons", params={"on": on})

    def record_work_capacity(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/work-capacity-assessments", body=dict(body)
        )

    def record_other_measures(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/other-measure-checks", body=dict(body)
        )

    def record_asset_inquiry(self, application_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call(
            "POST", f"/applications/{application_id}/asset-inquiries", body=dict(body)
        )

    def asset_inquiry_letter(self, inquiry_id: str) -> Reply:
        return self._call("GET", f"/asset-inquiries/{inquiry_id}/letter")

    def record_asset_answer(self, inquiry_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/asset-inquiries/{inquiry_id}/answer", body=dict(body))

    def unanswered_asset_inquiries(
        self, office_id: str, as_of: str | date | None = None, days: int | str | None = None
    ) -> Reply:
        return self._call(
            "GET",
            f"/offices/{office_id}/unanswered-asset-inquiries",
            params={"as_of": _query_value(as_of), "days": days},
        )

    def draft_decision(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/decisions", body=dict(body))

    def get_decision(self, decision_id: str) -> Reply:
        return self._call("GET", f"/decisions/{decision_id}")

    def submit_decision(self, decision_id: str, version: int) -> Reply:
        return self._call("POST", f"/decisions/{decision_id}/submission", body={"version": version})

    def approve_decision(self, decision_id: str, version: int) -> Reply:
        return self._call("POST", f"/decisions/{decision_id}/approval", body={"version": version})

    def office_settings(self, office_id: str) -> Reply:
        return self._call("GET", f"/offices/{office_id}/settings")

    def change_office_settings(self, office_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("PATCH", f"/offices/{office_id}/settings", body=dict(body))

    def grant_role(self, staff_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/staff/{staff_id}/role-grants", body=dict(body))

    def notify_decision(self, decision_id: str, version: int) -> Reply:
        return self._call(
            "POST", f"/decisions/{decision_id}/notification", body={"version": version}
        )

    def decision_notice(self, decision_id: str) -> Reply:
        return self._call("GET", f"/decisions/{decision_id}/notice")

    # ------------------------------------------------------------ requests for review

    def register_review_request(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/review-requests", body=dict(body))

    def record_review_ruling(self, review_request_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/review-requests/{review_request_id}/ruling", body=dict(body))

    def review_requests(
        self, office_id: str, as_of: str | date | None = None, overdue: bool | None = None
    ) -> Reply:
        return self._call(
            "GET",
            f"/offices/{office_id}/review-requests",
            params={"as_of": _query_value(as_of), "overdue": overdue},
        )

    # ------------------------------------------------------------ benefits on a decision

    def issue_medical_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/medical-tickets", body=dict(body))

    def issue_care_ticket(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/care-tickets", body=dict(body))

    def tickets_past_ending(
        self, office_id: str, ticket_type: str | None = None, ending_kind: str | None = None
    ) -> Reply:
        return self._call(
            "GET",
            f"/offices/{office_id}/tickets-past-ending",
            params={"ticket_type": ticket_type, "ending_kind": ending_kind},
        )

    def shorten_ticket(self, ticket_type: str, ticket_id: str, body: Mapping[str, Any]) -> Reply:
        path = f"/{_TICKET_PATHS[ticket_type]}/{ticket_id}/validity-change"
        return self._call("POST", path, body=dict(body))

    def create_ad_hoc_payment(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/ad-hoc-payments", body=dict(body))

    # ------------------------------------------------------------ documents submitted online

    def submit_online_document(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/online-submissions", body=dict(body))

    def pending_submissions(self) -> Reply:
        return self._call("GET", "/me/pending-submissions")

    def confirm_submission(self, submission_id: str, version: int) -> Reply:
        return self._call(
            "POST",
            f"/online-submissions/{submission_id}/confirmation",
            body={"version": version},
        )

    # ------------------------------------------------------------ repayments and collections

    def draft_claim_decision(self, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", "/claim-decisions", body=dict(body))

    def get_claim_decision(self, claim_decision_id: str) -> Reply:
        return self._call("GET", f"/claim-decisions/{claim_decision_id}")

    def approve_claim_decision(self, claim_decision_id: str, version: int) -> Reply:
        return self._call(
            "POST", f"/claim-decisions/{claim_decision_id}/approval", body={"version": version}
        )

    # ------------------------------------------------------------ transfers

    def register_transfer(self, case_id: str, body: Mapping[str, Any]) -> Reply:
        return self._call("POST", f"/cases/{case_id}/transfers", body=dict(body))

    def transfer_handover(self, transfer_id: str) -> Reply:
        return self._call("GET", f"/transfers/{transfer_id}/handover")
