"""What the supervisor must confirm: withdrawals of applications (査察指導員の確認).

A withdrawal ends the applicant's claim, so the standard keeps each one on the
supervisor's review queue until a supervisor confirms that it was the
applicant's own wish (生活保護法7条; seed 003: 申請権の侵害の防止). The
application keeps its date of receipt and its clock. Confirming needs the
authority to approve decisions (査察指導員・課長, public officials) and is
audited; so is every read of the queue. :class:`WithdrawalReviews` is a base of
:class:`~seikatsu_std.services.lifecycle.LifecycleService`.
"""

from __future__ import annotations

from seikatsu_std.authority import Action
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.deadlines import DeadlineLists
from seikatsu_std.services.errors import NotFoundError, TransitionNotAllowedError
from seikatsu_std.services.models import (
    ApplicationView,
    CaseEventKind,
    ReviewItem,
    ReviewKind,
    ReviewQueue,
)
from seikatsu_std.workflows.engine import Violation


class WithdrawalReviews(DeadlineLists):
    """The supervisor's review queue of withdrawn applications."""

    def review_queue(self, actor_id: str, office_id: str) -> ReviewQueue:
        """The withdrawals of ``office_id`` no supervisor has confirmed yet, oldest first."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            items = []
            for found in uow.applications.withdrawn(office_id):
                application, withdrawal = found.record, found.record.withdrawal
                if withdrawal is None or withdrawal.reviewed_by is not None:
                    continue
                items.append(
                    ReviewItem(
                        kind=ReviewKind.WITHDRAWAL,
                        application_id=application.id,
                        case_id=application.case_id,
                        applicant_name=application.applicant_name,
                        received_on=application.received_on,
                        recorded_on=withdrawal.document_received_on,
                        recorded_by=withdrawal.recorded_by,
                        circumstances=withdrawal.circumstances,
                    )
                )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("review_queue", office_id),
                None,
                AccessPurpose.DECISION,
                f"{len(items)} withdrawals: " + ", ".join(i.application_id for i in items),
            )
            uow.commit()
        return ReviewQueue(office_id=office_id, items=items)

    def confirm_withdrawal(
        self, actor_id: str, application_id: str, version: int
    ) -> ApplicationView:
        """A supervisor confirms a withdrawal (it leaves the review queue)."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            found = uow.applications.get(application_id)
            if found is None:
                raise NotFoundError(
                    f"申請 {application_id} は見つかりません",
                    f"application {application_id} not found",
                )
            application = found.record
            self._require(
                uow,
                actor,
                Action.APPROVE_DECISION,
                application.office_id,
                record=("application", application_id),
                case_id=application.case_id,
            )
            withdrawal = application.withdrawal
            if application.status is not ApplicationStatus.WITHDRAWN or withdrawal is None:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "state",
                            f"「{application.status.label}」の申請には確認する取下げがありません",
                            "only a withdrawn application's withdrawal can be confirmed",
                        )
                    ]
                )
            if withdrawal.reviewed_by is not None:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "state",
                            "この取下げは既に査察指導員が確認しています",
                            "the withdrawal is already confirmed",
                        )
                    ]
                )
            reviewed = withdrawal.model_copy(
                update={"reviewed_by": actor.id, "reviewed_on": self._today()}
            )
            stored = uow.applications.replace(
                self._build(
                    type(application), {**application.model_dump(), "withdrawal": reviewed}
                ),
                version,
            )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("application", application_id),
                application.case_id,
                AccessPurpose.DECISION,
                "withdrawal confirmed",
            )
            self._event(
                uow,
                application.case_id,
                CaseEventKind.APPLICATION,
                actor,
                "申請の取下げが本人の意思によることを査察指導員が確認",
            )
            uow.commit()
        return self._application_view(stored, self._today())
