"""Investigations of an application over the in-memory ports: support obligors and inquiries,
asset inquiries, the ability to work and other measures (REQ-APP-014..019)."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.conformance.steps import vectors
from seikatsu_std.model.investigation import (
    ApplicantWish,
    MeasureCheckResult,
    OtherMeasure,
    OtherMeasureCheck,
    SupportAnswer,
    SupportObligorStatus,
    SupportPossibility,
)
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
    VersionConflictError,
)
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
from seikatsu_std.services.investigations import InvestigationService, age_on
from tests.services.test_lifecycle import _application, _start


@pytest.fixture
def investigations(database, clock, calculator):
    return InvestigationService(database.unit_of_work, clock, calculator)


@pytest.fixture
def application(service, vector_input):
    return service.receive_application("cw-01", _application(vector_input))


def _obligor(investigations, application):
    draft = SupportObligorDraft(name="高橋 花子", relationship="姉", address="さいたま市浦和区1-1")
    return investigations.register_obligor("cw-01", application.application.id, draft)


def _view(investigations, obligor, wish=ApplicantWish.AGREES, words="照会してよい"):
    request = ApplicantViewRequest(version=obligor.version, wish=wish, statement=words)
    return investigations.record_applicant_view("cw-01", obligor.obligor.id, request)


def test_an_inquiry_goes_from_the_letter_to_the_answer(investigations, application, database):
    obligor = _view(investigations, _obligor(investigations, application))
    document = investigations.issue_document(
        "cw-01", obligor.obligor.id, SupportInquiryDocumentRequest(version=obligor.version)
    )
    assert document.letter.addressee == "高橋 花子 様"
    assert "第4条第2項" in document.letter.legal_basis
    sent = investigations.record_sent(
        "cw-01",
        obligor.obligor.id,
        SupportInquirySending(version=document.version, sent_on=date(2023, 6, 1)),
    )
    answer = SupportAnswer(
        answered_on=date(2023, 6, 1),
        financial_support=SupportPossibility.CANNOT,
        emotional_support=SupportPossibility.CAN,
    )
    answered = investigations.record_answer(
        "cw-01", obligor.obligor.id, SupportAnswerRequest(version=sent.version, answer=answer)
    )
    assert answered.obligor.status is SupportObligorStatus.ANSWERED
    assert answered.obligor.answer == answer
    updates = [e for e in database.audit if e.record_type == "support_obligor_record"]
    assert [e.action for e in updates] == [AuditAction.CREATE] + [AuditAction.UPDATE] * 4


def test_no_letter_without_the_applicants_view(investigations, application):
    obligor = _obligor(investigations, application)
    with pytest.raises(RuleViolationError) as caught:
        investigations.issue_document(
            "cw-01", obligor.obligor.id, SupportInquiryDocumentRequest(version=obligor.version)
        )
    assert [v.code for v in caught.value.violations] == ["applicant_view_required"]


def test_inquiring_against_the_applicants_wish_needs_a_supervisors_judgment(
    investigations, application
):
    obligor = _view(
        investigations,
        _obligor(investigations, application),
        ApplicantWish.DECLINES,
        "照会を望まない（関係が悪い）",
    )
    for decider, code in ((None, "override_required"), ("cw-02", "override_decider")):
        request = SupportInquiryDocumentRequest(
            version=obligor.version,
            override_reason="仕送りの申出があった",
            override_decided_by=decider,
        )
        with pytest.raises(RuleViolationError) as caught:
            investigations.issue_document("cw-01", obligor.obligor.id, request)
        assert caught.value.violations[0].code == code
    request = SupportInquiryDocumentRequest(
        version=obligor.version, override_reason="仕送りの申出があった", override_decided_by="sv-01"
    )
    issued = investigations.issue_document("cw-01", obligor.obligor.id, request)
    assert issued.obligor.override is not None
    assert issued.obligor.override.decided_by == "sv-01"


def test_a_skip_needs_a_listed_reason_and_is_final(investigations, application):
    obligor = _view(investigations, _obligor(investigations, application))
    for code in (None, "staff_judgment"):
        with pytest.raises(InvalidRequestError) as caught:
            investigations.skip_inquiry(
                "cw-01",
                obligor.obligor.id,
                SupportInquirySkipRequest(version=obligor.version, reason_code=code),
            )
        assert "省略理由" in caught.value.detail_ja
    skipped = investigations.skip_inquiry(
        "cw-01",
        obligor.obligor.id,
        SupportInquirySkipRequest(version=obligor.version, reason_code="long_estrangement"),
    )
    assert skipped.obligor.skip is not None
    assert skipped.obligor.skip.reason == "長期間の音信不通"
    assert skipped.obligor.skip.edition.startswith("support_inquiry_skip_reasons@")
    with pytest.raises(TransitionNotAllowedError):
        investigations.issue_document(
            "cw-01", obligor.obligor.id, SupportInquiryDocumentRequest(version=skipped.version)
        )


def test_a_stale_version_is_refused(investigations, application):
    obligor = _obligor(investigations, application)
    _view(investigations, obligor)
    with pytest.raises(VersionConflictError):
        _view(investigations, obligor)


def test_outsourced_staff_may_not_record_investigations(investigations, application):
    draft = SupportObligorDraft(name="高橋 花子", relationship="姉")
    with pytest.raises(ForbiddenError):
        investigations.register_obligor("out-01", application.application.id, draft)
    with pytest.raises(NotFoundError):
        investigations.register_obligor("cw-01", "no-such-application", draft)


def test_unanswered_asset_inquiries_are_listed_after_the_reply_period(
    investigations, application, clock
):
    member = vectors()["place-nakano-family-of-4"].input.household.members[0].id
    draft = AssetInquiryDraft(
        member_id=member, institution_name="中野信用金庫", sent_on=date(2023, 6, 1), matters="預金"
    )
    created = investigations.record_asset_inquiry("cw-01", application.application.id, draft)
    letter = investigations.asset_inquiry_letter("cw-01", created.inquiry.id)
    assert letter.legal_basis == "生活保護法第29条"
    office = application.application.office_id
    assert investigations.unanswered_asset_inquiries("cw-01", office).items == []
    clock.day = date(2023, 6, 16)
    listed = investigations.unanswered_asset_inquiries("cw-01", office)
    assert (listed.days, [i.id for i in listed.items]) == (14, [created.inquiry.id])
    investigations.record_asset_answer(
        "cw-01",
        created.inquiry.id,
        AssetInquiryAnswer(version=1, answered_on=date(2023, 6, 10), result_note="残高 0 円"),
    )
    assert investigations.unanswered_asset_inquiries("cw-01", office).items == []
    with pytest.raises(InvalidRequestError) as caught:
        investigations.record_asset_inquiry(
            "cw-01",
            application.application.id,
            draft.model_copy(update={"member_id": "someone-else"}),
        )
    assert "世帯員" in caught.value.detail_ja


def test_drafting_warns_of_missing_assessments_and_unconfirmed_measures(
    service, investigations, application, vector_input
):
    members = vector_input.input.household.members
    on = application.application.received_on
    working = [m for m in members if 15 <= age_on(m.birth_date, on) < 65]
    assert working, "the test household has members of working age"
    drafted = _start(service, vector_input, application)
    messages = [w.message for w in drafted.warnings]
    assert messages == [f"{m.name} の稼働能力の調査が記録されていません" for m in working]

    for member in working:
        investigations.record_work_capacity(
            "cw-01",
            application.application.id,
            WorkCapacityDraft(
                member_id=member.id,
                has_capacity=False,
                capacity_basis="主治医意見書で就労不可とされた",
            ),
        )
    check = OtherMeasureCheck(
        member_id=members[0].id,
        measure=OtherMeasure.EMPLOYMENT_INSURANCE,
        result=MeasureCheckResult.UNCONFIRMED,
    )
    investigations.record_other_measures(
        "cw-01", application.application.id, OtherMeasureChecksRequest(items=[check])
    )
    assert [w.code for w in _start(service, vector_input, application).warnings] == [
        "other_measures_unconfirmed"
    ]


def test_age_is_counted_in_full_years():
    assert age_on(date(2008, 9, 2), date(2023, 9, 1)) == 14
    assert age_on(date(2008, 9, 1), date(2023, 9, 1)) == 15
