"""Assistance started ex officio (職権による保護, 生活保護法25条1項).

When a person in need is in an urgent situation, the office must start
assistance without waiting for an application. The standard records why
(急迫と判断した事実), when (判断日) and who judged it (判断した職員, a public
official of the office: outsourced staff never decide), opens a case for the
household that is told apart from an application, and carries the record into
the start decision (:meth:`LifecycleService.draft_decision`).
"""

from __future__ import annotations

from seikatsu_std.authority import Action
from seikatsu_std.model.case import ExOfficioRecord, StartBasis
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.errors import InvalidRequestError
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.models import CaseEventKind, ExOfficioDraft, ExOfficioRegistration
from seikatsu_std.services.ports import UnitOfWork

#: The items an ex officio record needs, by their titles.
_REQUIRED = (
    ("急迫と判断した事実", "urgent_facts"),
    ("判断日", "judged_on"),
    ("判断した職員", "judged_by"),
)


class ExOfficioService(LifecycleService):
    """Registration of assistance started ex officio (the rest of the lifecycle is inherited)."""

    def register_ex_officio(self, actor_id: str, draft: ExOfficioDraft) -> ExOfficioRegistration:
        """Open a case for a person in an urgent situation, with the record of the judgement."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.RECORD_INTAKE, actor.office_id)
            record = self._record(uow, actor.office_id, draft)
            head = draft.household.head
            if head.name != draft.person_name:
                raise InvalidRequestError(
                    f"対象者 {draft.person_name} が世帯の世帯主（{head.name}）ではありません",
                    "person_name must be the head of the household",
                )
            case = self._open_applying_case(
                uow,
                actor,
                draft.household,
                draft.caseworker_id,
                record.judged_on.year,
                ex_officio=record,
            )
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("case", case.id),
                case.id,
                AccessPurpose.DECISION,
                f"ex officio: judged {record.judged_on.isoformat()} by {record.judged_by}",
            )
            self._event(
                uow,
                case.id,
                CaseEventKind.APPLICATION,
                actor,
                f"職権による保護を登録（判断日 {record.judged_on.isoformat()}、"
                f"急迫と判断した事実: {record.urgent_facts}）",
            )
            uow.commit()
            stored = self._case(uow, case.id)
        return ExOfficioRegistration(
            case_id=case.id,
            version=stored.version,
            person_name=draft.person_name,
            start_basis=StartBasis.EX_OFFICIO,
            record=record,
        )

    def _record(self, uow: UnitOfWork, office_id: str, draft: ExOfficioDraft) -> ExOfficioRecord:
        """The record of the judgement, once every item is there and plausible (nothing written)."""
        missing = [title for title, name in _REQUIRED if not _given(getattr(draft, name))]
        judged_on, judged_by = draft.judged_on, draft.judged_by
        if missing or judged_on is None or judged_by is None:
            raise InvalidRequestError(
                "職権による保護には次の記録が必要です: " + "・".join(missing),
                "an ex officio start needs: " + ", ".join(n for t, n in _REQUIRED if t in missing),
            )
        if judged_on > self._today():
            raise InvalidRequestError(
                f"判断日 {judged_on.isoformat()} が今日より後です",
                "judged_on is in the future",
            )
        judge = uow.staff.get(judged_by)
        if judge is None or judge.record.office_id != office_id:
            raise InvalidRequestError(
                f"判断した職員 {draft.judged_by} はこの福祉事務所の職員ではありません",
                f"judged_by {draft.judged_by} is not a member of office {office_id}",
            )
        if not judge.record.is_public_official:
            raise InvalidRequestError(
                f"判断した職員 {draft.judged_by} は公務員ではありません（委託事業者の職員は保護の要否を判断できません）",
                f"judged_by {draft.judged_by} is not a public official",
            )
        return self._build(
            ExOfficioRecord,
            {
                "urgent_facts": draft.urgent_facts,
                "judged_on": draft.judged_on,
                "judged_by": draft.judged_by,
            },
        )


def _given(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))
