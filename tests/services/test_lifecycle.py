"""The case lifecycle over the in-memory ports: consultation → application → decision → case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from seikatsu_std.model import CaseStatus, DecisionKind
from seikatsu_std.model.decision import DecisionStatus, TerminationReason
from seikatsu_std.model.intake import ApplicationStatus, ConsultationOutcome, WishToApply
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.demo import JST
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.models import (
    ApplicationDraft,
    ConsultationClosing,
    ConsultationDraft,
    DecisionDraft,
    ExtensionRequest,
    SupportInquiryDraft,
    WithdrawalRequest,
)
from seikatsu_std.workflows.clocks import ClockState


def _consultation(wish: bool) -> ConsultationDraft:
    return ConsultationDraft(
        started_at=datetime(2023, 6, 1, 9, 30, tzinfo=JST),
        interviewer_id="cw-01",
        person_name="高橋 誠",
        situation="失職し家賃が払えない",
        guidance_given="保護の制度と申請の手続を説明した",
        wishes_to_apply=WishToApply.YES if wish else WishToApply.NO,
    )


def _application(vector, **changes) -> ApplicationDraft:
    data = {
        "kind": "start",
        "received_on": date(2023, 6, 1),
        "channel": "written_form",
        "place": "counter",
        "applicant_name": "高橋 誠",
        "applicant_relationship": "本人",
        "household": vector.input.household,
        "requested_kinds": ["living", "housing", "education"],
        "reason": "失職により生活に困窮",
    }
    return ApplicationDraft.model_validate({**data, **changes})


def _start(service, vector, application, **changes) -> object:
    data = {
        "case_id": application.case_id,
        "application_id": application.application.id,
        "kind": "start",
        "effective_on": application.application.received_on,
        "reasons": ["収入が最低生活費に満たないため"],
        "calculation": vector.input,
    }
    return service.draft_decision("cw-01", DecisionDraft.model_validate({**data, **changes}))


def test_a_wish_to_apply_leads_to_a_registered_application(service, vector_input) -> None:
    opened = service.open_consultation("cw-01", _consultation(wish=True))
    assert opened.consultation.outcome is ConsultationOutcome.CONTINUING
    with pytest.raises(RuleViolationError) as refused:
        service.close_consultation(
            "cw-01",
            opened.consultation.id,
            ConsultationClosing(version=1, outcome=ConsultationOutcome.ADVICE_ONLY),
        )
    assert refused.value.violations[0].code == "no_wish_to_apply"
    application = service.receive_application(
        "cw-01", _application(vector_input, consultation_id=opened.consultation.id)
    )
    closed = service.close_consultation(
        "cw-01",
        opened.consultation.id,
        ConsultationClosing(
            version=1,
            outcome=ConsultationOutcome.APPLICATION_TAKEN,
            application_id=application.application.id,
        ),
    )
    assert closed.consultation.outcome is ConsultationOutcome.APPLICATION_TAKEN
    assert closed.version == 2


def test_the_application_starts_the_clock_and_opens_an_applying_case(
    service, database, vector_input
) -> None:
    view = service.receive_application("cw-01", _application(vector_input))
    assert view.clock.notice_due_on == date(2023, 6, 15)
    assert view.clock.extended_due_on == date(2023, 7, 1)
    assert view.clock.state is ClockState.WITHIN
    case = database.tables["cases"][view.case_id][0]
    assert case.status is CaseStatus.APPLYING
    assert case.caseworker_id == "cw-01"
    assert database.audit[-1].action is AuditAction.CREATE


def test_pending_applications_nearest_deadline_first(service, clock, vector_input) -> None:
    clock.day = date(2023, 6, 20)
    people = ((date(2023, 6, 5), "二郎"), (date(2023, 6, 1), "一郎"), (date(2023, 6, 12), "三郎"))
    for number, (received, name) in enumerate(people):
        household = vector_input.input.household.model_copy(update={"id": f"hh-pending-{number}"})
        draft = _application(
            vector_input, received_on=received, applicant_name=name, household=household
        )
        service.receive_application("cw-01", draft)
    listed = service.pending_applications("sv-01", "office-nakano", as_of=date(2023, 6, 16))
    assert [row.applicant_name for row in listed.items] == ["一郎", "二郎", "三郎"]
    assert [row.clock.days_left for row in listed.items] == [-1, 3, 10]
    assert listed.items[0].clock.state is ClockState.OVERDUE
    near = service.pending_applications(
        "sv-01", "office-nakano", as_of=date(2023, 6, 16), within_days=3
    )
    assert [row.applicant_name for row in near.items] == ["一郎", "二郎"]


def test_start_decision_amounts_come_from_the_engine(service, vector_input) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    drafted = _start(service, vector_input, application)
    assert drafted.decision.status is DecisionStatus.DRAFT
    assert drafted.decision.amounts.model_dump() == vector_input.expected.amounts.model_dump()
    assert drafted.calculation.lines, "the explanation comes with the draft"
    wrong = vector_input.expected.amounts.model_copy(update={"living": 1})
    with pytest.raises(RuleViolationError) as refused:
        _start(service, vector_input, application, amounts=wrong)
    assert refused.value.violations[0].code == "amounts_from_engine"


def test_only_a_qualified_official_other_than_the_drafter_approves(
    service, database, vector_input
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    drafted = _start(service, vector_input, application)
    for staff in ("cw-01", "cw-02", "out-01", "med-01"):
        with pytest.raises(ForbiddenError):
            service.approve_decision(staff, drafted.decision.id, drafted.version)
    assert database.audit[-1].action is AuditAction.DENIED
    approved = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert approved.decision.status is DecisionStatus.APPROVED
    assert approved.decision.approved_by == "sv-01"
    case = database.tables["cases"][application.case_id][0]
    assert case.status is CaseStatus.ACTIVE
    assert case.opened_on == date(2023, 6, 1)
    decided = database.tables["applications"][application.application.id][0]
    assert decided.status is ApplicationStatus.DECIDED
    with pytest.raises(TransitionNotAllowedError):
        service.approve_decision("chief-01", drafted.decision.id, approved.version)


def test_after_14_days_the_extension_reason_is_required_and_kept(
    service, clock, vector_input
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    clock.day = date(2023, 6, 16)
    drafted = _start(service, vector_input, application)
    with pytest.raises(RuleViolationError) as refused:
        service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert [v.code for v in refused.value.violations] == ["extension_reason"]
    service.record_extension(
        "cw-01",
        application.application.id,
        ExtensionRequest(
            version=application.version, reason="扶養義務者の資産調査に日時を要するため"
        ),
    )
    approved = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert approved.decision.deadline_extension_reason == "扶養義務者の資産調査に日時を要するため"


def test_a_decision_before_the_application_is_refused(service, vector_input, clock) -> None:
    clock.day = date(2023, 6, 5)
    application = service.receive_application(
        "cw-01", _application(vector_input, received_on=date(2023, 6, 2))
    )
    drafted = _start(service, vector_input, application, effective_on=date(2023, 6, 1))
    with pytest.raises(RuleViolationError) as refused:
        service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert "not_before_application" in [v.code for v in refused.value.violations]


def test_the_calculation_is_for_the_month_the_decision_takes_effect(service, vector_input) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    with pytest.raises(InvalidRequestError) as refused:
        _start(service, vector_input, application, effective_on=date(2023, 7, 1))
    assert "適用日 2023-07-01 の月ではありません" in refused.value.detail_ja


def test_calculation_for_another_household_is_refused(service, vector_input) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    other = vector_input.input.model_copy(
        update={"household": vector_input.input.household.model_copy(update={"id": "hh-other"})}
    )
    with pytest.raises(InvalidRequestError) as refused:
        _start(service, vector_input, application, calculation=other)
    assert "ケースの世帯" in refused.value.detail_ja


def test_rejection_and_withdrawal_close_the_case(service, database, vector_input) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    rejected = service.draft_decision(
        "cw-01",
        DecisionDraft(
            case_id=application.case_id,
            application_id=application.application.id,
            kind=DecisionKind.REJECTION,
            effective_on=date(2023, 6, 1),
            reasons=["預貯金 120万円が最低生活費の6か月分を超えるため"],
            rejection_reason="assets_available",
        ),
    )
    service.approve_decision("sv-01", rejected.decision.id, rejected.version)
    assert database.tables["cases"][application.case_id][0].status is CaseStatus.REJECTED
    household = vector_input.input.household.model_copy(update={"id": "hh-withdrawing"})
    other = service.receive_application("cw-01", _application(vector_input, household=household))
    with pytest.raises(RuleViolationError):
        service.withdraw_application(
            "cw-01",
            other.application.id,
            WithdrawalRequest(version=1, document_received_on=date(2023, 6, 1)),
        )
    withdrawn = service.withdraw_application(
        "cw-01",
        other.application.id,
        WithdrawalRequest(
            version=1,
            document_received_on=date(2023, 6, 1),
            signed_by_applicant=True,
            circumstances="本人が来所し、親族の援助を受けられるので申請を取り下げた",
        ),
    )
    assert withdrawn.application.status is ApplicationStatus.WITHDRAWN
    assert database.tables["cases"][other.case_id][0].status is CaseStatus.WITHDRAWN


def test_termination_ends_medical_and_care_too(service, database) -> None:
    case_id = "case-00001"
    drafted = service.draft_decision(
        "cw-02",
        DecisionDraft(
            case_id=case_id,
            kind=DecisionKind.TERMINATION,
            effective_on=date(2023, 6, 30),
            reasons=["就労収入が最低生活費を上回ったため"],
            termination_reason=TerminationReason.EARNINGS_INCREASE,
        ),
    )
    service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    case = database.tables["cases"][case_id][0]
    assert case.status is CaseStatus.TERMINATED
    assert case.closed_on == date(2023, 6, 30)
    history = [e.summary for e in database.events if e.case_id == case_id]
    assert any("医療扶助・介護扶助" in summary for summary in history)


def test_transfer_needs_the_receiving_office(service) -> None:
    with pytest.raises(RuleViolationError) as refused:
        service.draft_decision(
            "cw-02",
            DecisionDraft(
                case_id="case-00001",
                kind=DecisionKind.TERMINATION,
                effective_on=date(2023, 6, 30),
                reasons=["杉並区へ転居したため"],
                termination_reason=TerminationReason.TRANSFER,
            ),
        )
    assert refused.value.violations[0].code == "receiving_office"


def test_a_skipped_support_inquiry_needs_a_reason_and_the_applicants_view(
    service, vector_input
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    obligor = {"name": "高橋 一郎", "degree": "lineal", "relationship": "父"}
    with pytest.raises(InvalidRequestError) as refused:
        service.record_support_inquiry(
            "cw-01",
            application.application.id,
            SupportInquiryDraft.model_validate({"obligor": obligor, "status": "skipped"}),
        )
    assert "理由" in refused.value.detail_ja
    recorded = service.record_support_inquiry(
        "cw-01",
        application.application.id,
        SupportInquiryDraft.model_validate(
            {
                "obligor": obligor,
                "status": "skipped",
                "skip_reason": "dv_or_abuse",
                "skip_reason_detail": "父からの暴力で20年前に家を出た",
                "applicant_view": "連絡を取らないでほしい",
            }
        ),
    )
    assert recorded.skip_reason.value == "dv_or_abuse"


def test_notice_only_after_approval(service, vector_input, clock) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    drafted = _start(service, vector_input, application)
    with pytest.raises(TransitionNotAllowedError):
        service.notify_decision("cw-01", drafted.decision.id, drafted.version)
    approved = service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    clock.day += timedelta(days=1)
    notified = service.notify_decision("cw-01", drafted.decision.id, approved.version)
    assert notified.decision.status is DecisionStatus.NOTIFIED
    assert notified.decision.notified_on == clock.day


def test_a_rejection_without_its_reason_class_is_a_clear_422(service, vector_input) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    with pytest.raises(InvalidRequestError) as refused:
        service.draft_decision(
            "cw-01",
            DecisionDraft(
                case_id=application.case_id,
                application_id=application.application.id,
                kind=DecisionKind.REJECTION,
                effective_on=date(2023, 6, 1),
                reasons=["資産があるため"],
            ),
        )
    assert "却下の理由の区分" in refused.value.detail_ja


def test_a_refused_approval_changes_nothing(service, database) -> None:
    drafted = service.draft_decision(
        "cw-02",
        DecisionDraft(
            case_id="case-00001",
            kind=DecisionKind.TERMINATION,
            effective_on=date(1990, 1, 1),
            reasons=["就労収入が最低生活費を上回ったため"],
            termination_reason=TerminationReason.EARNINGS_INCREASE,
        ),
    )
    before = (
        dict(database.tables["decisions"]),
        dict(database.tables["cases"]),
        len(database.events),
    )
    with pytest.raises(RuleViolationError) as refused:
        service.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert [v.code for v in refused.value.violations] == ["not_before_opening"]
    after = (
        dict(database.tables["decisions"]),
        dict(database.tables["cases"]),
        len(database.events),
    )
    assert after == before
    assert database.audit[-1].action is not AuditAction.UPDATE
