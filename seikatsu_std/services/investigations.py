"""Investigations after an application: support obligors and their inquiries (扶養照会).

A support obligor is registered with the applicant's relationship to them and
the support that may be expected. Before an inquiry letter is issued or the
inquiry is skipped, what the applicant said about contacting them must be on
record; an inquiry the applicant asked us not to make needs the reason and who
decided it; a skipped inquiry needs a reason from the dated list the office
set in advance (``support_inquiry_skip_reasons``). Every read and change is
audited; every change names the version it read.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from seikatsu_std.authority import Action, authorize
from seikatsu_std.model import Application, StaffMember
from seikatsu_std.model.investigation import (
    ApplicantView,
    ApplicantWish,
    AssetInquiry,
    InquiryOverride,
    InquirySkip,
    MeasureCheckResult,
    OtherMeasureChecklist,
    SupportObligorRecord,
    SupportObligorStatus,
    WorkCapacityAssessment,
)
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import (
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
    VersionConflictError,
)
from seikatsu_std.services.investigation_models import (
    ApplicantViewRequest,
    AssetInquiryAnswer,
    AssetInquiryDraft,
    AssetInquiryView,
    InquiryLetter,
    InvestigationSummary,
    OtherMeasureChecklistView,
    OtherMeasureChecksRequest,
    SkipReason,
    SkipReasonList,
    SupportAnswerRequest,
    SupportInquiryDocument,
    SupportInquiryDocumentRequest,
    SupportInquirySending,
    SupportInquirySkipRequest,
    SupportObligorDraft,
    SupportObligorView,
    UnansweredAssetInquiries,
    WorkCapacityDraft,
    WorkCapacityView,
)
from seikatsu_std.services.models import DecisionWarning
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.standards import Standards, StandardsError
from seikatsu_std.workflows.engine import Violation

#: The dated list of the reasons a support inquiry may be skipped (REQ-APP-016).
SKIP_REASONS_TABLE = "support_inquiry_skip_reasons"
#: The ages of the members whose ability to work must be assessed (REQ-APP-018).
WORKING_AGE_TABLE = "working_age_range"
#: The days an asset inquiry waits for its answer before it is listed (REQ-APP-014).
REPLY_PERIOD_TABLE = "asset_inquiry_reply_period"

_SUPPORT_NOTICE = LegalRef(
    law="生活保護法による保護の実施要領の取扱いについて（課長通知）",
    summary="扶養照会の要否は申請者の意向や事情を丁寧に聴き取って判断し、扶養義務の履行が"
    "期待できない者には直接の照会を行わない",
    status=Verification.UNVERIFIED,
    source="一般的な理解（問番号・改正日は未確認）",
)
_PRIORITY_OF_SUPPORT = LegalRef(
    law="生活保護法",
    article="第4条第2項",
    summary="民法に定める扶養義務者の扶養は保護に優先して行われる",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）",
)
_ASSET_INQUIRIES = LegalRef(
    law="生活保護法",
    article="第29条",
    summary="実施機関は要保護者・扶養義務者の資産及び収入の状況について官公署・銀行等に報告を求めることができる",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）",
)
_S = SupportObligorStatus


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day`` (the day before the birthday is the last day of the year)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def decision_warnings(
    uow: UnitOfWork, standards: Standards, application: Application, on: date
) -> list[DecisionWarning]:
    """What a decision on ``application`` taking effect ``on`` should not overlook.

    Members of working age (``working_age_range`` in force ``on``, their age ``on``)
    without an assessment of their ability to work (REQ-APP-018), and items of the
    checklist of other measures still unconfirmed (REQ-APP-019).
    """
    warnings: list[DecisionWarning] = []
    household = uow.households.get(application.household_id)
    table = standards.compiled(WORKING_AGE_TABLE, on)
    low, below = int(table.scalar("from_age")), int(table.scalar("below_age"))
    assessed = {a.record.member_id for a in uow.work_capacity.for_application(application.id)}
    for member in household.record.members if household is not None else []:
        if low <= age_on(member.birth_date, on) < below and member.id not in assessed:
            warnings.append(
                DecisionWarning(
                    code="work_capacity_not_assessed",
                    message=f"{member.name} の稼働能力の調査が記録されていません",
                )
            )
    checklists = uow.other_measures.for_application(application.id)
    if any(
        item.result is MeasureCheckResult.UNCONFIRMED
        for checklist in checklists
        for item in checklist.record.items
    ):
        warnings.append(
            DecisionWarning(
                code="other_measures_unconfirmed", message="他法他施策の未確認の項目があります"
            )
        )
    return warnings


def _violation(code: str, ja: str, en: str) -> Violation:
    return Violation(code, ja, en, (_SUPPORT_NOTICE,))


class InvestigationService(ServiceBase):
    """Investigations of applications: support obligors and their inquiries (REQ-APP-015..017),
    asset inquiries (REQ-APP-014)."""

    # ------------------------------------------------------------ support obligors

    def register_obligor(
        self, actor_id: str, application_id: str, draft: SupportObligorDraft
    ) -> SupportObligorView:
        """Register a support obligor found while investigating ``application_id``."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            obligor = self._build(
                SupportObligorRecord,
                {
                    "id": _new_id("obligor"),
                    "application_id": application_id,
                    "case_id": found.record.case_id,
                    "status": _S.NOT_YET,
                    **draft.model_dump(),
                },
            )
            stored = uow.support_obligors.add(obligor)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("support_obligor_record", obligor.id),
                found.record.case_id,
                AccessPurpose.DECISION,
                f"application={application_id}",
            )
            uow.commit()
        return SupportObligorView(obligor=stored.record, version=stored.version)

    def obligors(self, actor_id: str, application_id: str) -> list[SupportObligorView]:
        """The support obligors of an application (reading them is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            application = self._get(uow.applications.get(application_id), "申請", application_id)
            case_id = application.record.case_id
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                application.record.office_id,
                record=("support_obligor_list", application_id),
                case_id=case_id,
            )
            found = uow.support_obligors.for_application(application_id)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("support_obligor_list", application_id),
                case_id,
                AccessPurpose.DECISION,
                f"{len(found)} support obligors",
            )
            uow.commit()
        return [SupportObligorView(obligor=f.record, version=f.version) for f in found]

    def record_applicant_view(
        self, actor_id: str, obligor_id: str, request: ApplicantViewRequest
    ) -> SupportObligorView:
        """Record what the applicant said about an inquiry of this obligor (REQ-APP-017)."""

        def change(
            uow: UnitOfWork, actor: StaffMember, obligor: SupportObligorRecord
        ) -> dict[str, Any]:
            if obligor.status is not _S.NOT_YET:
                self._refuse_state(obligor, "申請者の意向の記録")
            view = ApplicantView(
                wish=request.wish,
                statement=request.statement,
                heard_on=self._today(),
                heard_by=actor.id,
            )
            return {"applicant_view": view}

        stored, _ = self._change(actor_id, obligor_id, request.version, "applicant_view", change)
        return SupportObligorView(obligor=stored.record, version=stored.version)

    def issue_document(
        self, actor_id: str, obligor_id: str, request: SupportInquiryDocumentRequest
    ) -> SupportInquiryDocument:
        """Issue the support inquiry letter, once the applicant's view is on record."""

        def change(
            uow: UnitOfWork, actor: StaffMember, obligor: SupportObligorRecord
        ) -> dict[str, Any]:
            if obligor.status is not _S.NOT_YET:
                self._refuse_state(obligor, "扶養照会の文書の作成")
            override = self._override(uow, obligor, request)
            return {
                "status": _S.DOCUMENT_ISSUED,
                "document_issued_on": self._today(),
                "override": override,
            }

        stored, application = self._change(
            actor_id, obligor_id, request.version, "document", change
        )
        letter = self._support_letter(stored.record, application)
        return SupportInquiryDocument(obligor=stored.record, version=stored.version, letter=letter)

    def record_sent(
        self, actor_id: str, obligor_id: str, request: SupportInquirySending
    ) -> SupportObligorView:
        """Record the day the inquiry letter was sent."""

        def change(
            uow: UnitOfWork, actor: StaffMember, obligor: SupportObligorRecord
        ) -> dict[str, Any]:
            if obligor.status is not _S.DOCUMENT_ISSUED:
                self._refuse_state(obligor, "扶養照会の送付の記録")
            self._not_future(request.sent_on, "送付日")
            return {"status": _S.SENT, "sent_on": request.sent_on}

        stored, _ = self._change(actor_id, obligor_id, request.version, "sent", change)
        return SupportObligorView(obligor=stored.record, version=stored.version)

    def record_answer(
        self, actor_id: str, obligor_id: str, request: SupportAnswerRequest
    ) -> SupportObligorView:
        """Record the obligor's answer (financial and emotional support)."""

        def change(
            uow: UnitOfWork, actor: StaffMember, obligor: SupportObligorRecord
        ) -> dict[str, Any]:
            if obligor.status is not _S.SENT:
                self._refuse_state(obligor, "扶養照会の回答の記録")
            self._not_future(request.answer.answered_on, "回答日")
            return {"status": _S.ANSWERED, "answer": request.answer}

        stored, _ = self._change(actor_id, obligor_id, request.version, "answer", change)
        return SupportObligorView(obligor=stored.record, version=stored.version)

    def skip_inquiry(
        self, actor_id: str, obligor_id: str, request: SupportInquirySkipRequest
    ) -> SupportObligorView:
        """Skip the inquiry for a reason from the office's dated list (REQ-APP-016)."""

        def change(
            uow: UnitOfWork, actor: StaffMember, obligor: SupportObligorRecord
        ) -> dict[str, Any]:
            if obligor.status not in (_S.NOT_YET, _S.DOCUMENT_ISSUED):
                self._refuse_state(obligor, "扶養照会の省略")
            if obligor.applicant_view is None:
                raise RuleViolationError([self._view_missing("省略を登録")])
            reasons = self._skip_reasons(self._today())
            chosen = self._chosen_reason(reasons, request.reason_code)
            skip = InquirySkip(
                reason_code=chosen.code,
                reason=chosen.label,
                edition=reasons.edition,
                detail=request.detail,
                recorded_on=self._today(),
            )
            return {"status": _S.SKIPPED, "skip": skip}

        stored, _ = self._change(actor_id, obligor_id, request.version, "skip", change)
        return SupportObligorView(obligor=stored.record, version=stored.version)

    def skip_reasons(self, actor_id: str, on: date | None = None) -> SkipReasonList:
        """The list of skip reasons in force on ``on`` (today if not given)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, actor.office_id)
        return self._skip_reasons(on or self._today())

    # ------------------------------------------------------------ asset inquiries (法29条)

    def record_asset_inquiry(
        self, actor_id: str, application_id: str, draft: AssetInquiryDraft
    ) -> AssetInquiryView:
        """Register an inquiry about a member's assets sent to a bank, insurer or office."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            application = found.record
            self._member_name(uow, application, draft.member_id)
            self._not_future(draft.sent_on, "照会日")
            inquiry = self._build(
                AssetInquiry,
                {
                    "id": _new_id("asset-inquiry"),
                    "application_id": application_id,
                    "case_id": application.case_id,
                    **draft.model_dump(),
                },
            )
            stored = uow.asset_inquiries.add(inquiry)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("asset_inquiry", inquiry.id),
                application.case_id,
                AccessPurpose.DECISION,
                f"application={application_id}",
            )
            uow.commit()
        return AssetInquiryView(inquiry=stored.record, version=stored.version)

    def asset_inquiry_letter(self, actor_id: str, inquiry_id: str) -> InquiryLetter:
        """The inquiry letter of a registered asset inquiry (making it is audited)."""
        with self._uow() as uow:
            found = self._get(uow.asset_inquiries.get(inquiry_id), "資産の照会", inquiry_id)
            inquiry = found.record
            actor, application = self._open_application(uow, actor_id, str(inquiry.application_id))
            member = self._member_name(uow, application.record, inquiry.member_id)
            office = uow.offices.get(application.record.office_id)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("asset_inquiry_letter", inquiry_id),
                inquiry.case_id,
                AccessPurpose.DECISION,
            )
            uow.commit()
        return InquiryLetter(
            title="資産及び収入の状況についての照会",
            addressee=f"{inquiry.institution_name} 御中",
            issued_on=self._today(),
            office_name=office.record.name if office is not None else application.record.office_id,
            subject=member,
            legal_basis=f"{_ASSET_INQUIRIES.law}{_ASSET_INQUIRIES.article}",
            items=[inquiry.matters],
            body=(
                f"生活保護法第29条の規定に基づき、{member} さんの資産及び収入の状況について"
                f"下記の事項を照会します（照会日 {inquiry.sent_on.isoformat()}）。"
                "ご多忙のところ恐縮ですが、ご回答をお願いします。"
            ),
        )

    def record_asset_answer(
        self, actor_id: str, inquiry_id: str, request: AssetInquiryAnswer
    ) -> AssetInquiryView:
        """Record the answer of an asset inquiry (date and content)."""
        with self._uow() as uow:
            found = self._get(uow.asset_inquiries.get(inquiry_id), "資産の照会", inquiry_id)
            actor, _ = self._open_application(uow, actor_id, str(found.record.application_id))
            if found.version != request.version:
                raise VersionConflictError(
                    f"資産の照会 {inquiry_id}", request.version, found.version
                )
            if found.record.answered_on is not None:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "state",
                            "この照会の回答は既に記録されています",
                            "the answer of this inquiry is already recorded",
                        )
                    ]
                )
            self._not_future(request.answered_on, "回答日")
            answered = self._build(
                AssetInquiry,
                {
                    **found.record.model_dump(),
                    **request.model_dump(exclude={"version"}),
                },
            )
            stored = uow.asset_inquiries.replace(answered, found.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("asset_inquiry", inquiry_id),
                answered.case_id,
                AccessPurpose.DECISION,
                "answer recorded",
            )
            uow.commit()
        return AssetInquiryView(inquiry=stored.record, version=stored.version)

    def unanswered_asset_inquiries(
        self,
        actor_id: str,
        office_id: str,
        *,
        as_of: date | None = None,
        days: int | None = None,
    ) -> UnansweredAssetInquiries:
        """Inquiries of the office unanswered more than ``days`` after they were sent
        (the office's table ``asset_inquiry_reply_period`` if not given)."""
        day = as_of or self._today()
        edition: str | None = None
        if days is None:
            try:
                table = self._calculator.standards.compiled(REPLY_PERIOD_TABLE, day)
            except StandardsError as exc:
                raise InvalidRequestError(
                    f"{day.isoformat()} に適用される資産の照会の回答を待つ日数がありません",
                    f"no {REPLY_PERIOD_TABLE} edition on {day.isoformat()}: {exc}",
                ) from exc
            days, edition = int(table.scalar("days")), table.edition.edition_id
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(
                uow, actor, Action.READ_CASE, office_id, record=("asset_inquiry_list", office_id)
            )
            offices: dict[str, str | None] = {}
            items = []
            for found in uow.asset_inquiries.unanswered():
                inquiry = found.record
                if (day - inquiry.sent_on).days <= days or inquiry.application_id is None:
                    continue
                if inquiry.application_id not in offices:
                    application = uow.applications.get(inquiry.application_id)
                    offices[inquiry.application_id] = (
                        application.record.office_id if application is not None else None
                    )
                if offices[inquiry.application_id] == office_id:
                    items.append(inquiry)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("asset_inquiry_list", office_id),
                None,
                AccessPurpose.DECISION,
                f"{len(items)} unanswered asset inquiries",
            )
            uow.commit()
        return UnansweredAssetInquiries(
            office_id=office_id, as_of=day, days=days, edition=edition, items=items
        )

    # ------------------------------------------------------------ ability to work, other measures

    def record_work_capacity(
        self, actor_id: str, application_id: str, draft: WorkCapacityDraft
    ) -> WorkCapacityView:
        """Record a member's ability to work, willingness, workplace and their grounds."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            application = found.record
            self._member_name(uow, application, draft.member_id)
            assessment = self._build(
                WorkCapacityAssessment,
                {
                    "id": _new_id("work-capacity"),
                    "application_id": application_id,
                    "case_id": application.case_id,
                    "assessed_on": self._today(),
                    "assessed_by": actor.id,
                    **draft.model_dump(),
                },
            )
            stored = uow.work_capacity.add(assessment)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("work_capacity_assessment", assessment.id),
                application.case_id,
                AccessPurpose.DECISION,
                f"member={draft.member_id} capacity={draft.has_capacity}",
            )
            uow.commit()
        return WorkCapacityView(assessment=stored.record, version=stored.version)

    def record_other_measures(
        self, actor_id: str, application_id: str, request: OtherMeasureChecksRequest
    ) -> OtherMeasureChecklistView:
        """Record results in the application's checklist of other measures (a result for the
        same member and measure replaces the earlier one)."""
        with self._uow() as uow:
            actor, found = self._open_application(uow, actor_id, application_id)
            application = found.record
            for item in request.items:
                self._member_name(uow, application, item.member_id)
            existing = next(iter(uow.other_measures.for_application(application_id)), None)
            if existing is None:
                if request.version is not None:
                    raise InvalidRequestError(
                        "この申請の他法他施策のチェックリストはまだありません（版は指定しません）",
                        "no checklist yet: version must be omitted",
                    )
                checklist = self._build(
                    OtherMeasureChecklist,
                    {
                        "id": _new_id("other-measures"),
                        "application_id": application_id,
                        "case_id": application.case_id,
                        "items": request.items,
                        "updated_on": self._today(),
                    },
                )
                stored = uow.other_measures.add(checklist)
            else:
                if request.version is None:
                    raise InvalidRequestError(
                        "他法他施策のチェックリストを更新するには読み込んだ版を指定してください",
                        "version required to update the checklist",
                    )
                if request.version != existing.version:
                    raise VersionConflictError(
                        f"他法他施策のチェックリスト {existing.record.id}",
                        request.version,
                        existing.version,
                    )
                rows = {(i.member_id, i.measure): i for i in existing.record.items}
                rows.update({(i.member_id, i.measure): i for i in request.items})
                checklist = self._build(
                    OtherMeasureChecklist,
                    {
                        **existing.record.model_dump(),
                        "items": list(rows.values()),
                        "updated_on": self._today(),
                    },
                )
                stored = uow.other_measures.replace(checklist, existing.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE if existing else AuditAction.CREATE,
                ("other_measure_checklist", checklist.id),
                application.case_id,
                AccessPurpose.DECISION,
                f"{len(request.items)} items recorded",
            )
            uow.commit()
        return OtherMeasureChecklistView(checklist=stored.record, version=stored.version)

    # ------------------------------------------------------------ reads

    def summary(self, actor_id: str, application_id: str) -> InvestigationSummary:
        """Every investigation record of an application (reading them is audited)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            application = self._get(uow.applications.get(application_id), "申請", application_id)
            case_id = application.record.case_id
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                application.record.office_id,
                record=("investigation_summary", application_id),
                case_id=case_id,
            )
            checklist = next(iter(uow.other_measures.for_application(application_id)), None)
            summary = InvestigationSummary(
                application_id=application_id,
                obligors=[
                    SupportObligorView(obligor=f.record, version=f.version)
                    for f in uow.support_obligors.for_application(application_id)
                ],
                asset_inquiries=[
                    AssetInquiryView(inquiry=f.record, version=f.version)
                    for f in uow.asset_inquiries.for_application(application_id)
                ],
                work_capacity=[f.record for f in uow.work_capacity.for_application(application_id)],
                other_measures=OtherMeasureChecklistView(
                    checklist=checklist.record, version=checklist.version
                )
                if checklist is not None
                else None,
            )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("investigation_summary", application_id),
                case_id,
                AccessPurpose.DECISION,
                f"{len(summary.obligors)} obligors, {len(summary.asset_inquiries)} asset inquiries,"
                f" {len(summary.work_capacity)} assessments",
            )
            uow.commit()
        return summary

    # ------------------------------------------------------------ helpers

    def _member_name(self, uow: UnitOfWork, application: Application, member_id: str) -> str:
        """The name of a member of the application's household (422 for anyone else)."""
        household = self._get(
            uow.households.get(application.household_id), "世帯", application.household_id
        )
        member = next((m for m in household.record.members if m.id == member_id), None)
        if member is None:
            raise InvalidRequestError(
                f"世帯員 {member_id} は申請の世帯の世帯員ではありません",
                f"member {member_id} is not in the application's household",
            )
        return member.name

    def _skip_reasons(self, day: date) -> SkipReasonList:
        try:
            edition = self._calculator.standards.edition(SKIP_REASONS_TABLE, day)
        except StandardsError as exc:
            raise InvalidRequestError(
                f"{day.isoformat()} に適用される扶養照会の省略理由の一覧がありません",
                f"no {SKIP_REASONS_TABLE} edition on {day.isoformat()}: {exc}",
            ) from exc
        return SkipReasonList(
            edition=edition.edition_id,
            valid_from=edition.valid_from,
            status=edition.status.label,
            items=[
                SkipReason(code=str(r.key["code"]), label=str(r.values[0])) for r in edition.rows
            ],
        )

    @staticmethod
    def _chosen_reason(reasons: SkipReasonList, code: str | None) -> SkipReason:
        """The reason of the list with ``code`` (a missing or unlisted reason is refused)."""
        if not code:
            raise InvalidRequestError(
                "省略理由を省略理由の一覧から選んでください",
                "reason_code is required to skip a support inquiry",
            )
        found = next((r for r in reasons.items if r.code == code), None)
        if found is None:
            raise InvalidRequestError(
                f"省略理由「{code}」は省略理由の一覧（{reasons.edition}）にありません",
                f"reason_code {code!r} is not in {reasons.edition}",
            )
        return found

    def _change(
        self,
        actor_id: str,
        obligor_id: str,
        version: int,
        what: str,
        change: Callable[[UnitOfWork, StaffMember, SupportObligorRecord], dict[str, Any]],
    ) -> tuple[Versioned[SupportObligorRecord], Application]:
        """Apply ``change`` to the obligor's record (authorised, checked, audited)."""
        with self._uow() as uow:
            found = self._get(uow.support_obligors.get(obligor_id), "扶養義務者", obligor_id)
            actor, application = self._open_application(uow, actor_id, found.record.application_id)
            if found.version != version:
                raise VersionConflictError(f"扶養義務者 {obligor_id}", version, found.version)
            changes = change(uow, actor, found.record)
            record = self._build(SupportObligorRecord, {**found.record.model_dump(), **changes})
            stored = uow.support_obligors.replace(record, found.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("support_obligor_record", obligor_id),
                record.case_id,
                AccessPurpose.DECISION,
                f"{what}: status={record.status.value}",
            )
            uow.commit()
        return stored, application.record

    @staticmethod
    def _refuse_state(obligor: SupportObligorRecord, what: str) -> None:
        raise TransitionNotAllowedError(
            [
                Violation(
                    "state",
                    f"扶養照会が「{obligor.status.label}」のため{what}はできません",
                    f"{what} not allowed when the support inquiry is {obligor.status.value}",
                )
            ]
        )

    @staticmethod
    def _view_missing(what: str) -> Violation:
        return _violation(
            "applicant_view_required",
            f"扶養照会の{what}する前に、照会についての申請者の意向を記録してください",
            "the applicant's view on the support inquiry must be recorded first",
        )

    def _not_future(self, day: date, title: str) -> None:
        if day > self._today():
            raise InvalidRequestError(
                f"{title} {day.isoformat()} が今日より後です",
                f"{title} {day.isoformat()} is in the future",
            )

    def _override(
        self, uow: UnitOfWork, obligor: SupportObligorRecord, request: SupportInquiryDocumentRequest
    ) -> InquiryOverride | None:
        """The override of the applicant's wish, when the applicant declined (else refuse)."""
        view = obligor.applicant_view
        if view is None:
            raise RuleViolationError([self._view_missing("文書を作成")])
        given = request.override_reason is not None or request.override_decided_by is not None
        if view.wish is not ApplicantWish.DECLINES:
            if given:
                raise InvalidRequestError(
                    "判断理由・判断者は、申請者が照会を望まない場合に記録します",
                    "override given although the applicant did not decline",
                )
            return None
        if request.override_reason is None or request.override_decided_by is None:
            raise RuleViolationError(
                [
                    _violation(
                        "override_required",
                        "申請者が照会を望まない扶養義務者に照会するには、判断理由と判断者を記録してください",
                        "an inquiry the applicant declined needs the reason and who decided it",
                    )
                ]
            )
        decider = self._actor(uow, request.override_decided_by)
        verdict = authorize(
            decider, Action.JUDGE_SUPPORT_INQUIRY, office_id=decider.office_id, on=self._today()
        )
        if not verdict.allowed or decider.office_id != self._office_of(uow, obligor):
            raise RuleViolationError(
                [
                    _violation(
                        "override_decider",
                        f"判断者 {decider.id} はこの判断を行えません: {verdict.reason_ja}"
                        if not verdict.allowed
                        else f"判断者 {decider.id} は申請を受けた福祉事務所の職員ではありません",
                        f"{decider.id} may not decide the inquiry: {verdict.reason_en}",
                    )
                ]
            )
        return InquiryOverride(reason=request.override_reason, decided_by=decider.id)

    def _office_of(self, uow: UnitOfWork, obligor: SupportObligorRecord) -> str:
        application = self._get(
            uow.applications.get(obligor.application_id), "申請", obligor.application_id
        )
        return application.record.office_id

    def _office_name(self, office_id: str) -> str:
        with self._uow() as uow:
            found = uow.offices.get(office_id)
        return found.record.name if found is not None else office_id

    def _support_letter(
        self, obligor: SupportObligorRecord, application: Application
    ) -> InquiryLetter:
        office = self._office_name(application.office_id)
        return InquiryLetter(
            title="扶養についての照会",
            addressee=f"{obligor.name} 様",
            address=obligor.address,
            issued_on=obligor.document_issued_on or self._today(),
            office_name=office,
            subject=f"{application.applicant_name}（申請者。{obligor.name} 様は申請者の"
            f"{obligor.relationship}）",
            legal_basis=f"{_PRIORITY_OF_SUPPORT.law}{_PRIORITY_OF_SUPPORT.article}",
            items=[
                "金銭的な援助（仕送り等）ができるか、できる場合はその月額",
                "精神的な支援（訪問・電話等の連絡）ができるか",
            ],
            body=(
                f"{application.applicant_name} さんから生活保護の申請がありました。"
                "民法に定める扶養義務者の扶養は保護に優先して行われるため（生活保護法第4条第2項）、"
                "援助の可否についてお尋ねします。回答の有無や内容によって保護が受けられなく"
                "なるものではありません。"
            ),
        )
