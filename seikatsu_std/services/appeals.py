"""Requests for review (審査請求) of decisions: registration, ruling, and the overdue list.

The office keeps track of each request made against one of its decisions: the
ruling is due within the days of the table ``review_ruling_deadline``
(生活保護法65条: 50 days, 70 when the reviewing authority consults the review
board); past that day without a ruling, the requester may treat the request as
dismissed, and the office lists it as overdue. Recording is reserved to public
officials (authority ``record_appeal``); every read and change is audited.
"""

from __future__ import annotations

import uuid
from datetime import date

from seikatsu_std.authority import Action
from seikatsu_std.model import Decision, ReviewRequest
from seikatsu_std.model.decision import DecisionStatus
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import (
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.models import (
    ReviewRequestDraft,
    ReviewRequests,
    ReviewRequestView,
    RulingRecord,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.standards import StandardsError
from seikatsu_std.workflows.clocks import RulingDeadline, ruling_deadline
from seikatsu_std.workflows.engine import Violation

_REVIEW_AUTHORITY = LegalRef(
    law="生活保護法",
    article="第64条",
    summary="保護の決定及び実施に関する処分についての審査請求は、都道府県知事に対してする",
    status=Verification.VERIFIED,
    source="shared/domain/FACTS.md「Decisions and appeals」",
)


def _new_id() -> str:
    return f"review-request-{uuid.uuid4().hex[:16]}"


class AppealService(ServiceBase):
    """Register requests for review, record their ruling, list those past their deadline."""

    def register(self, actor_id: str, case_id: str, draft: ReviewRequestDraft) -> ReviewRequestView:
        """Register a request for review of a decision of ``case_id``, with its ruling deadline."""
        with self._uow() as uow:
            actor, found = self._open_case(
                uow, actor_id, case_id, Action.RECORD_APPEAL, record_type="review_request"
            )
            case = found.record
            decision = self._decision_of(uow, case_id, draft.decision_id)
            office = uow.offices.get(case.office_id)
            if office is None:
                raise NotFoundError(
                    f"福祉事務所 {case.office_id} が見つかりません",
                    f"office {case.office_id} missing",
                )
            self._check_request(draft, decision, f"{office.record.address.prefecture}知事")
            deadline = self._deadline_or_refuse(draft)
            request = self._build(
                ReviewRequest,
                {
                    "id": _new_id(),
                    "case_id": case_id,
                    "office_id": case.office_id,
                    "ruling_due_on": deadline.due_on,
                    "recorded_by": actor.id,
                    **draft.model_dump(),
                },
            )
            stored = uow.review_requests.add(request)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("review_request", request.id),
                case_id,
                AccessPurpose.DECISION,
                f"decision={decision.id} due={deadline.due_on.isoformat()} ({deadline.edition})",
            )
            uow.commit()
        return self._view(stored, self._today(), deadline)

    def record_ruling(
        self, actor_id: str, review_request_id: str, ruling: RulingRecord
    ) -> ReviewRequestView:
        """Record the ruling on a request for review (once), and whether it was taken further."""
        with self._uow() as uow:
            found = uow.review_requests.get(review_request_id)
            if found is None:
                raise NotFoundError(
                    f"審査請求 {review_request_id} は見つかりません",
                    f"review request {review_request_id} not found",
                )
            request = found.record
            actor, _ = self._open_case(
                uow, actor_id, request.case_id, Action.RECORD_APPEAL, record_type="review_request"
            )
            if request.ruling is not None:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "not_yet_ruled",
                            "この審査請求の裁決は記録済みです",
                            "the ruling on this request is already recorded",
                        )
                    ]
                )
            if ruling.ruled_on > self._today():
                raise InvalidRequestError(
                    f"裁決日 {ruling.ruled_on.isoformat()} が今日より後です",
                    f"ruling dated {ruling.ruled_on.isoformat()}, after today",
                )
            updated = self._build(
                ReviewRequest,
                {
                    **request.model_dump(),
                    "ruled_on": ruling.ruled_on,
                    "ruling": ruling.ruling,
                    "further_review": ruling.further_review,
                },
            )
            stored = uow.review_requests.replace(updated, ruling.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("review_request", request.id),
                request.case_id,
                AccessPurpose.DECISION,
                f"ruling={ruling.ruling.value} further_review={ruling.further_review}",
            )
            uow.commit()
        return self._view(stored, self._today())

    def list_for_office(
        self, actor_id: str, office_id: str, *, as_of: date | None = None, overdue_only: bool
    ) -> ReviewRequests:
        """The office's requests for review, the earliest ruling deadline first.

        ``overdue_only`` keeps those without a ruling whose deadline passed before ``as_of``.
        """
        day = as_of or self._today()
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            views = [self._view(found, day) for found in uow.review_requests.for_office(office_id)]
            if overdue_only:
                views = [view for view in views if view.overdue]
            views.sort(key=lambda v: (v.review_request.ruling_due_on, v.review_request.id))
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("review_request_list", office_id),
                None,
                AccessPurpose.DECISION,
                f"{len(views)} review requests: " + ", ".join(v.review_request.id for v in views),
            )
            uow.commit()
        return ReviewRequests(office_id=office_id, as_of=day, items=views)

    # ------------------------------------------------------------ rules

    @staticmethod
    def _decision_of(uow: UnitOfWork, case_id: str, decision_id: str) -> Decision:
        found = uow.decisions.get(decision_id)
        if found is None or found.record.case_id != case_id:
            raise NotFoundError(
                f"ケース {case_id} に決定 {decision_id} はありません",
                f"decision {decision_id} not found in case {case_id}",
            )
        return found.record

    def _check_request(self, draft: ReviewRequestDraft, decision: Decision, authority: str) -> None:
        """Every rule the request breaks, at once (422 rule-violation; nothing written)."""
        violations = []
        if decision.status is DecisionStatus.DRAFT or decision.decided_on is None:
            violations.append(
                Violation(
                    "decision_made",
                    "審査請求の対象は決裁済みの決定に限られます（この決定は起案中です）",
                    "a request for review needs a decision that has been made (approved)",
                )
            )
        elif draft.requested_on < decision.decided_on:
            violations.append(
                Violation(
                    "requested_after_decision",
                    f"請求日 {draft.requested_on.isoformat()} が決定日 {decision.decided_on.isoformat()} より前です",
                    f"requested on {draft.requested_on} before the decision of {decision.decided_on}",
                )
            )
        if draft.requested_on > self._today():
            violations.append(
                Violation(
                    "not_in_future",
                    f"請求日 {draft.requested_on.isoformat()} が今日より後です",
                    f"requested on {draft.requested_on}, after today",
                )
            )
        if draft.reviewing_authority != authority:
            violations.append(
                Violation(
                    "reviewing_authority",
                    f"審査庁は{authority}です（「{draft.reviewing_authority}」ではありません）",
                    f"the reviewing authority is the prefectural governor ({authority})",
                    (_REVIEW_AUTHORITY,),
                )
            )
        if violations:
            raise RuleViolationError(violations)

    def _deadline_or_refuse(self, draft: ReviewRequestDraft) -> RulingDeadline:
        try:
            return ruling_deadline(
                self._calculator.standards, draft.requested_on, consults_board=draft.consults_board
            )
        except StandardsError as exc:
            message = str(exc)
            raise InvalidRequestError(
                f"請求日 {draft.requested_on.isoformat()} の裁決の期限を求められません: "
                + message.split(" (")[0],
                f"no ruling deadline for a request made on {draft.requested_on}: {message}",
            ) from exc

    def _view(
        self,
        found: Versioned[ReviewRequest],
        day: date,
        deadline: RulingDeadline | None = None,
    ) -> ReviewRequestView:
        request = found.record
        if deadline is None:
            deadline = ruling_deadline(
                self._calculator.standards,
                request.requested_on,
                consults_board=request.consults_board,
            )
        return ReviewRequestView(
            review_request=request,
            version=found.version,
            as_of=day,
            overdue=request.ruling is None and day > request.ruling_due_on,
            deadline_edition=deadline.edition,
        )
