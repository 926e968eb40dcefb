"""Changing the wish to apply recorded in a consultation (REQ-APP-004).

A wish to apply recorded as あり obliges the office to take the application
(生活保護法7条; the seed of 江戸川区: consultations closed as "advice only"
although the person had asked to apply). It may be changed to なし or
確認できず only when the person's own change of mind is on record and a
supervisor (査察指導員・課長, not the one who recorded it) has confirmed it. Every
rule broken is named at once (422 rule-violation), nothing is written, and
every change is audited.
"""

from __future__ import annotations

from collections.abc import Callable

from seikatsu_std.authority import Action
from seikatsu_std.model import Consultation
from seikatsu_std.model.intake import ConsultationOutcome, WishChange, WishToApply
from seikatsu_std.model.office import StaffMember
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import RuleViolationError, TransitionNotAllowedError
from seikatsu_std.services.models import ConsultationView, WishAmendment, WishChangeRecord
from seikatsu_std.services.ports import UnitOfWork
from seikatsu_std.workflows.engine import Violation

#: How a change of the consultation is written: (the actor, the consultation) → the new record.
Change = Callable[[UnitOfWork, StaffMember, Consultation], Consultation]


class ConsultationWishService(ServiceBase):
    """Record a change of mind, confirm it, and change the wish it concerns."""

    def record_change_of_mind(
        self, actor_id: str, consultation_id: str, request: WishChangeRecord
    ) -> ConsultationView:
        """Add the person's own change of mind (who said what, when) to the consultation."""

        def change(uow: UnitOfWork, actor: StaffMember, consultation: Consultation) -> Consultation:
            entry = WishChange(
                recorded_on=self._today(), account=request.account, recorded_by=actor.id
            )
            return consultation.model_copy(
                update={"wish_changes": [*consultation.wish_changes, entry]}
            )

        return self._change(
            actor_id, consultation_id, request.version, Action.RECORD_INTAKE, "wish_change", change
        )

    def confirm_change_of_mind(
        self, actor_id: str, consultation_id: str, version: int
    ) -> ConsultationView:
        """A supervisor confirms the latest change of mind (not one they recorded themselves)."""

        def change(uow: UnitOfWork, actor: StaffMember, consultation: Consultation) -> Consultation:
            latest = consultation.wish_changes[-1] if consultation.wish_changes else None
            if latest is None or latest.confirmed_by is not None:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "wish_change_recorded",
                            "確認する本人の意思の変化の記録がありません",
                            "no unconfirmed record of a change of mind",
                        )
                    ]
                )
            if latest.recorded_by == actor.id:
                raise RuleViolationError(
                    [
                        Violation(
                            "confirmer_not_recorder",
                            "本人の意思の変化を記録した職員は、その記録を自ら確認できません",
                            "whoever recorded the change of mind cannot confirm it",
                        )
                    ]
                )
            confirmed = latest.model_copy(
                update={"confirmed_by": actor.id, "confirmed_on": self._today()}
            )
            changes = [*consultation.wish_changes[:-1], confirmed]
            return consultation.model_copy(update={"wish_changes": changes})

        return self._change(
            actor_id,
            consultation_id,
            version,
            Action.CONFIRM_WISH_CHANGE,
            "wish_change_confirmation",
            change,
        )

    def amend_wish(
        self, actor_id: str, consultation_id: str, amendment: WishAmendment
    ) -> ConsultationView:
        """Change the recorded wish; giving up a wish of あり needs a confirmed change of mind."""

        def change(uow: UnitOfWork, actor: StaffMember, consultation: Consultation) -> Consultation:
            giving_up = (
                consultation.wishes_to_apply is WishToApply.YES
                and amendment.wishes_to_apply is not WishToApply.YES
            )
            if giving_up:
                _check_change_of_mind(consultation)
            data = {
                **consultation.model_dump(),
                "wishes_to_apply": amendment.wishes_to_apply,
                "wish_unconfirmed_reason": amendment.wish_unconfirmed_reason,
            }
            if amendment.wishes_to_apply is not WishToApply.YES:
                data["wish_expressed_on"] = None
            return self._build(Consultation, data)

        return self._change(
            actor_id, consultation_id, amendment.version, Action.RECORD_INTAKE, "wish", change
        )

    # ------------------------------------------------------------ plumbing

    def _change(
        self,
        actor_id: str,
        consultation_id: str,
        version: int,
        action: Action,
        what: str,
        change: Change,
    ) -> ConsultationView:
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            found = self._get(uow.consultations.get(consultation_id), "相談記録", consultation_id)
            consultation = found.record
            self._require(
                uow, actor, action, consultation.office_id, record=("consultation", consultation.id)
            )
            if consultation.outcome is not ConsultationOutcome.CONTINUING:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "state",
                            f"「{consultation.outcome.label}」で終えた相談の申請の意思は変えられません",
                            f"the consultation ended as {consultation.outcome.value}",
                        )
                    ]
                )
            changed = change(uow, actor, consultation)
            stored = uow.consultations.replace(changed, version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("consultation", consultation.id),
                None,
                AccessPurpose.CASEWORK,
                f"{what}: wish {consultation.wishes_to_apply.value} → {changed.wishes_to_apply.value}",
            )
            uow.commit()
        return ConsultationView(consultation=stored.record, version=stored.version)


def _check_change_of_mind(consultation: Consultation) -> None:
    """Refuse to give up a wish of あり without the person's change of mind, confirmed."""
    if not consultation.wish_changes:
        raise RuleViolationError(
            [
                Violation(
                    "wish_change_recorded",
                    "申請の意思「あり」を改めるには、本人の意思の変化を示す記録が必要です",
                    "a wish to apply can only be given up on a record of the person's change of mind",
                ),
                Violation(
                    "wish_change_confirmed",
                    "申請の意思「あり」を改めるには、査察指導員の確認が必要です",
                    "a wish to apply can only be given up once a supervisor confirmed the change",
                ),
            ]
        )
    if consultation.wish_changes[-1].confirmed_by is None:
        raise RuleViolationError(
            [
                Violation(
                    "wish_change_confirmed",
                    "本人の意思の変化の記録について査察指導員の確認がありません",
                    "the record of the change of mind is not confirmed by a supervisor",
                )
            ]
        )
