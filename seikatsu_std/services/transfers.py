"""Transfer of a case to another implementing body (移管) and its handover data (REQ-APP-032).

When a household moves out of the office's area, the office registers the
transfer: the day, the 全国地方公共団体コード of the receiving local government
(validated with its check digit) and what it hands over. The registration is a
public official's act (authority ``record_transfer``) for a case that is still
running (active or suspended); it is kept apart from the termination decision
by transfer, which still ends the case and is warned when no transfer is
registered (:func:`transfer_warnings`). Registering again records a new
registration that replaces the current one (the day moved, another destination).

The handover data is the case's household, case, decisions, requests for review,
assistance policies, claims and transfers in the standard export format, never
with My Numbers; producing it is audited with the purpose ``transfer``.
"""

from __future__ import annotations

import uuid

from seikatsu_std import STANDARD_VERSION
from seikatsu_std.authority import Action
from seikatsu_std.model import Case, CaseStatus, Decision, Record, Transfer, WelfareOffice
from seikatsu_std.model.decision import DecisionStatus, TerminationReason
from seikatsu_std.model.identifiers import LOCAL_GOVERNMENT_CODE
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import (
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.exports import EXPORT_FORMAT, exported_files
from seikatsu_std.services.models import CaseEventKind, DecisionWarning
from seikatsu_std.services.ports import UnitOfWork
from seikatsu_std.services.transfer_models import HandoverExport, TransferDraft, TransferView
from seikatsu_std.workflows.engine import Violation

_IMPLEMENTING_BODY = LegalRef(
    law="生活保護法",
    article="第19条",
    summary="保護の実施責任は居住地（現在地）を所管する実施機関にあり、転居先の実施機関へ移管する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（移管の手続は条文未照合）",
)
#: The case states in which a case can still be handed over.
TRANSFERABLE = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
#: What the handover data leaves out, and why (shown in every export).
NOT_INCLUDED = (
    "個人番号（特定個人情報）: 引き継がない。移管先の実施機関が本人から取得し、または情報連携で確認する。",
)
#: The code of the warning of a termination by transfer drafted without a registered transfer.
TRANSFER_NOT_REGISTERED = "transfer_not_registered"


def _new_id() -> str:
    return f"transfer-{uuid.uuid4().hex[:16]}"


def current_transfer(uow: UnitOfWork, case_id: str) -> Transfer | None:
    """The case's registered transfer that no later registration replaced (None if none)."""
    found = [v.record for v in uow.transfers.for_case(case_id)]
    replaced = {t.replaces_id for t in found if t.replaces_id is not None}
    current = [t for t in found if t.id not in replaced]
    return max(current, key=lambda t: (t.registered_at, t.id)) if current else None


def transfer_warnings(uow: UnitOfWork, decision: Decision) -> list[DecisionWarning]:
    """The warning of a termination by transfer when the case has no registered transfer."""
    if decision.termination_reason is not TerminationReason.TRANSFER:
        return []
    registered = current_transfer(uow, decision.case_id)
    if registered is not None:
        return []
    return [
        DecisionWarning(
            code=TRANSFER_NOT_REGISTERED,
            message="移管による廃止ですが、このケースの移管（移管日・移管先の全国地方公共団体コード・"
            "引継ぎ事項）が登録されていません。移管を登録し、引継ぎデータを移管先に渡してください",
        )
    ]


class TransferService(ServiceBase):
    """Register the transfer of a case to another implementing body; export its handover data."""

    def register(self, actor_id: str, case_id: str, draft: TransferDraft) -> TransferView:
        """Register (or register anew, replacing the current registration) a transfer of the case."""
        with self._uow() as uow:
            actor, found = self._open_case(
                uow, actor_id, case_id, Action.RECORD_TRANSFER, record_type="transfer"
            )
            case = found.record
            code = _destination(draft.destination_code)
            _check_state(case)
            office = self._get(uow.offices.get(case.office_id), "福祉事務所", case.office_id)
            _check_rules(draft, code, case, office.record)
            previous = current_transfer(uow, case_id)
            transfer = self._build(
                Transfer,
                {
                    "id": _new_id(),
                    "case_id": case.id,
                    "office_id": case.office_id,
                    "transferred_on": draft.transferred_on,
                    "destination_code": code,
                    "handover_notes": draft.handover_notes,
                    "replaces_id": previous.id if previous else None,
                    "registered_by": actor.id,
                    "registered_at": self._clock(),
                },
            )
            stored = uow.transfers.add(transfer)
            replaced = f" replaces={previous.id}" if previous else ""
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("transfer", transfer.id),
                case.id,
                AccessPurpose.TRANSFER,
                f"to={code} on={draft.transferred_on.isoformat()}{replaced}",
            )
            self._event(
                uow,
                case.id,
                CaseEventKind.TRANSFER,
                actor,
                f"移管を登録（移管日 {draft.transferred_on.isoformat()}、移管先 {code}）",
            )
            uow.commit()
        return TransferView(transfer=stored.record, version=stored.version)

    def handover(self, actor_id: str, transfer_id: str) -> HandoverExport:
        """The handover data of a registered transfer, in the standard export format (audited)."""
        with self._uow() as uow:
            transfer = self._get(uow.transfers.get(transfer_id), "移管", transfer_id).record
            actor, found = self._open_case(
                uow,
                actor_id,
                transfer.case_id,
                Action.RECORD_TRANSFER,
                record_type="transfer_handover",
            )
            current = current_transfer(uow, transfer.case_id)
            if current is not None and current.id != transfer.id:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "current_transfer",
                            f"この移管の登録は改められています。新しい登録 {current.id} の引継ぎデータを"
                            "出力してください",
                            f"transfer {transfer.id} was replaced by {current.id}",
                        )
                    ]
                )
            records = self._case_records(uow, found.record)
            files = exported_files(records)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("transfer_handover", transfer.id),
                transfer.case_id,
                AccessPurpose.TRANSFER,
                f"to={transfer.destination_code} "
                + ", ".join(f"{f.record_type}={f.count}" for f in files),
            )
            uow.commit()
        return HandoverExport(
            format=EXPORT_FORMAT,
            standard_version=STANDARD_VERSION,
            exported_at=self._clock(),
            files=files,
            transfer_id=transfer.id,
            case_id=transfer.case_id,
            destination_code=transfer.destination_code,
            not_included=list(NOT_INCLUDED),
        )

    def _case_records(self, uow: UnitOfWork, case: Case) -> list[Record]:
        """Everything of the case the receiving body needs, in the published form (drafts of
        decisions are not decisions yet and stay behind)."""
        decisions = [
            d for d in uow.decisions.for_case(case.id) if d.status is not DecisionStatus.DRAFT
        ]
        reviews = [
            v.record
            for v in uow.review_requests.for_office(case.office_id)
            if v.record.case_id == case.id
        ]
        return [
            self._household(uow, case),
            case,
            *decisions,
            *reviews,
            *(v.record for v in uow.assistance_policies.for_case(case.id)),
            *(v.record for v in uow.claims.for_case(case.id)),
            *(v.record for v in uow.transfers.for_case(case.id)),
        ]


def _destination(code: str | None) -> str:
    """The destination's 全国地方公共団体コード, checked (422 naming the item if absent or wrong)."""
    title = "移管先の全国地方公共団体コード"
    if code is None or not code.strip():
        raise InvalidRequestError(
            f"{title}は必須です（移管先の地方公共団体を6桁のコードで示してください）",
            "destination_code (the receiving local government's code) is required",
        )
    problem = LOCAL_GOVERNMENT_CODE.explain(code)
    if problem:
        raise InvalidRequestError(
            f"{title} {code} は正しくありません（都道府県2桁・市区町村3桁・検査数字1桁の6桁で、"
            "検査数字が合うこと）",
            f"invalid destination_code: {problem}",
        )
    return code


def _check_state(case: Case) -> None:
    if case.status not in TRANSFERABLE:
        raise TransitionNotAllowedError(
            [
                Violation(
                    "state",
                    f"「{case.status.label}」のケースは移管できません（保護中・停止中のケースに限ります）",
                    f"a {case.status.value} case cannot be transferred (active or suspended only)",
                )
            ]
        )


def _check_rules(draft: TransferDraft, code: str, case: Case, office: WelfareOffice) -> None:
    """Every rule the registration breaks, at once (422 rule-violation; nothing written)."""
    violations = []
    if case.opened_on is not None and draft.transferred_on < case.opened_on:
        violations.append(
            Violation(
                "transfer_after_opening",
                f"移管日 {draft.transferred_on.isoformat()} が保護の開始日 "
                f"{case.opened_on.isoformat()} より前です",
                f"transfer dated {draft.transferred_on} before the case opened on {case.opened_on}",
            )
        )
    own = {office.local_government_code, *office.jurisdiction}
    if code in own:
        violations.append(
            Violation(
                "another_body",
                f"移管先 {code} はこの福祉事務所（{office.name}）の区域です。移管先は他の実施機関の区域に限ります",
                f"destination {code} is within the office's own area",
                (_IMPLEMENTING_BODY,),
            )
        )
    if violations:
        raise RuleViolationError(violations)
