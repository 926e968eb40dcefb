"""Decisions on repayments and collections (返還金・徴収金の決定): draft, read, approve.

A public official drafts the decision (authority ``demand_repayment``: caseworkers,
supervisors and the section chief; never outsourced staff). A qualified public
official other than the drafter approves it (authority ``approve_decision``,
whose rule refuses the drafter whatever their role: REQ-APP-024, REQ-CLM-010);
the approval assesses (調定) the claim (債権) with the claim's own rules.

The amount rules are the guards of :data:`~seikatsu_std.workflows.claims.CLAIM_DECISION`
(422 rule-violation naming every broken rule), checked when drafting and again
when approving; the Article 78 surcharge ceiling comes from the dated table
``art78_surcharge_ceiling`` in force on the day of drafting. Every read and
change is audited; nothing is written when a request is refused.
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ValidationError

from seikatsu_std.authority import Action
from seikatsu_std.model import Case, StaffMember
from seikatsu_std.model.claims import (
    Claim,
    ClaimDecision,
    ClaimDecisionStatus,
    assessed_claim,
    claim_of,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.claim_models import ClaimDecisionDraft, ClaimDecisionView
from seikatsu_std.services.errors import (
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.standards import StandardsError
from seikatsu_std.workflows.claims import CLAIM_DECISION, SURCHARGE_TABLE, ClaimDecisionFacts

_RECORD = "claim_decision"
_PREFIX = "claim-decision-"


def _claim_id(decision: ClaimDecision) -> str:
    """The id of the claim a decision assesses (one claim per decision)."""
    return "claim-" + decision.id.removeprefix(_PREFIX)


class ClaimDecisionService(ServiceBase):
    """Draft, read and approve decisions on repayments and collections."""

    def draft(self, actor_id: str, draft: ClaimDecisionDraft) -> ClaimDecisionView:
        """Draft a decision on ``draft.case_id``; refused (422) if it could never be approved."""
        with self._uow() as uow:
            actor, found = self._open_case(
                uow, actor_id, draft.case_id, Action.DEMAND_REPAYMENT, record_type=_RECORD
            )
            today = self._today()
            decision = self._drafted(draft, found.record, actor, today)
            self._check(decision, today)
            # The approver is not known yet; the claim's rules do not depend on who decides.
            self._assessable(decision, _claim_id(decision), actor.id, today)
            stored = uow.claim_decisions.add(decision)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                (_RECORD, decision.id),
                decision.case_id,
                AccessPurpose.DECISION,
                f"drafted ({decision.basis.value}) principal={decision.principal} "
                f"surcharge={decision.surcharge}",
            )
            uow.commit()
        return self._view(stored)

    def get(self, actor_id: str, decision_id: str) -> ClaimDecisionView:
        """A decision and, once approved, the claim it assessed (reading it is audited)."""
        with self._uow() as uow:
            actor, found = self._open(uow, actor_id, decision_id, Action.READ_CASE)
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                (_RECORD, decision_id),
                found.record.case_id,
                AccessPurpose.DECISION,
            )
            uow.commit()
        return self._view(found)

    def approve(self, actor_id: str, decision_id: str, version: int) -> ClaimDecisionView:
        """Approve (決裁) the decision and assess (調定) its claim; never by the drafter."""
        with self._uow() as uow:
            actor, found = self._open(uow, actor_id, decision_id, Action.APPROVE_DECISION)
            decision = found.record
            violations = CLAIM_DECISION.check(
                "approve", decision.status, self._facts(decision, decision.drafted_on)
            )
            if violations:
                if any(v.code == "state" for v in violations):
                    raise TransitionNotAllowedError(violations)
                raise RuleViolationError(violations)
            today = self._today()
            approved = self._build(
                ClaimDecision,
                {
                    **decision.model_dump(),
                    "status": ClaimDecisionStatus.APPROVED,
                    "approved_by": actor.id,
                    "approved_on": today,
                    "claim_id": _claim_id(decision),
                },
            )
            claim = self._assessable(approved, _claim_id(decision), actor.id, today)
            stored = uow.claim_decisions.replace(approved, version)
            # The assessed claim is the case's claim from now on (collected, handed over on a
            # transfer, listed) — stored in the same unit of work as the approval.
            uow.claims.add(claim)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                (_RECORD, decision_id),
                decision.case_id,
                AccessPurpose.DECISION,
                f"approved; claim {claim.id} assessed ({claim.principal}+{claim.surcharge})",
            )
            uow.commit()
        return self._view(stored)

    # ------------------------------------------------------------ rules

    def _open(
        self, uow: UnitOfWork, actor_id: str, decision_id: str, action: Action
    ) -> tuple[StaffMember, Versioned[ClaimDecision]]:
        """The actor and the decision, once the actor may take ``action`` on it."""
        actor = self._actor(uow, actor_id)
        found = self._get(uow.claim_decisions.get(decision_id), "返還金・徴収金の決定", decision_id)
        decision = found.record
        self._require(
            uow,
            actor,
            action,
            decision.office_id,
            record=(_RECORD, decision_id),
            case_id=decision.case_id,
            drafted_by=decision.drafted_by if action is Action.APPROVE_DECISION else None,
        )
        return actor, found

    def _drafted(
        self, draft: ClaimDecisionDraft, case: Case, actor: StaffMember, today: date
    ) -> ClaimDecision:
        if draft.period_from is None or draft.period_to is None:
            raise InvalidRequestError(
                "対象期間（初月と末月）が必要です",
                "the period (period_from and period_to) is required",
            )
        principal = draft.requested_amount - draft.self_reliance_deduction
        if principal <= 0:
            raise InvalidRequestError(
                f"自立更生費の控除額 {draft.self_reliance_deduction} 円が返還額 "
                f"{draft.requested_amount} 円以上です（返還額は1円以上）",
                "self_reliance_deduction must be less than the repayment amount",
            )
        fields = draft.model_dump(exclude={"repayment_amount", "collection_amount"})
        return self._build(
            ClaimDecision,
            {
                **fields,
                "id": f"{_PREFIX}{uuid.uuid4().hex[:16]}",
                "office_id": case.office_id,
                "status": ClaimDecisionStatus.DRAFTED,
                "requested_amount": draft.requested_amount,
                "principal": principal,
                "surcharge": principal * draft.surcharge_percent // 100,
                "drafted_by": actor.id,
                "drafted_on": today,
            },
        )

    def _facts(self, decision: ClaimDecision, drafted_on: date) -> ClaimDecisionFacts:
        return ClaimDecisionFacts(
            basis=decision.basis,
            requested_amount=decision.requested_amount,
            assistance_paid=decision.assistance_paid,
            means_amount=decision.means_amount,
            surcharge_percent=decision.surcharge_percent,
            surcharge_ceiling_percent=self._ceiling(drafted_on),
        )

    def _ceiling(self, on: date) -> int:
        """The Article 78 surcharge ceiling (percent) in force on ``on``."""
        try:
            return int(self._calculator.standards.compiled(SURCHARGE_TABLE, on).scalar("percent"))
        except StandardsError as exc:
            message = str(exc)
            raise InvalidRequestError(
                f"{on.isoformat()} に適用される法78条の加算の率の上限がありません: "
                + message.split(" (")[0],
                f"no Article 78 surcharge ceiling in force on {on}: {message}",
            ) from exc

    def _check(self, decision: ClaimDecision, today: date) -> None:
        """Refuse a draft that could never be approved (every broken rule at once)."""
        violations = CLAIM_DECISION.check("approve", decision.status, self._facts(decision, today))
        if violations:
            raise RuleViolationError(violations)

    @staticmethod
    def _assessable(decision: ClaimDecision, claim_id: str, decided_by: str, day: date) -> Claim:
        """The claim the decision assesses; its rules (the savings guardrail …) must hold (422)."""
        try:
            return assessed_claim(
                decision, claim_id=claim_id, decided_by=decided_by, assessed_on=day
            )
        except ValidationError as exc:
            messages = [str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()]
            raise InvalidRequestError(
                "債権を調定できません: " + "。".join(m.split(" (")[0] for m in messages),
                "the claim cannot be assessed: " + "; ".join(messages),
            ) from exc

    @staticmethod
    def _view(found: Versioned[ClaimDecision]) -> ClaimDecisionView:
        decision = found.record
        approved = decision.status is ClaimDecisionStatus.APPROVED
        return ClaimDecisionView(
            claim_decision=decision,
            version=found.version,
            total=decision.total,
            claim=claim_of(decision) if approved else None,
        )
