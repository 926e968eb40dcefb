"""What every benefit given on a decision rests on: an approved decision of a running case.

A medical ticket, a care ticket and a payment are each given on a decision
(REQ-APP-022): the decision must be one of the case, approved (決裁: see
:func:`~seikatsu_std.model.decision.decision_is_final`), a decision that sets
the assistance (開始・変更), in force in the month of the benefit, and, for a
ticket, it must grant the kind of assistance the ticket is for. The case must
be running (保護中) on the days of the benefit: once a suspension (停止) or a
termination (廃止) of the case is final, no ticket is valid on or after its
effective date (REQ-MED-015, REQ-CAR-009), and the refusal names that
decision. Every rule broken is reported at once (422 rule-violation)
and nothing is written; the rules of the benefit itself (an institution
designated, no duplicate ticket …) are checked once its basis holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from seikatsu_std.authority import Action
from seikatsu_std.model import Case, Decision, Household, StaffMember
from seikatsu_std.model.case import CaseStatus
from seikatsu_std.model.common import AssistanceKind, month_bounds
from seikatsu_std.model.decision import DecisionKind, decision_is_final
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import RuleViolationError
from seikatsu_std.services.ports import UnitOfWork
from seikatsu_std.workflows.engine import Violation

_APPROVAL = LegalRef(
    law="生活保護法",
    article="第24条第3項",
    summary="保護の要否・種類・程度・方法は実施機関が決定する（決裁を経て確定した決定に基づいて給付する）",
    status=Verification.VERIFIED,
    source="seikatsu_std/requirements/catalogue.yaml REQ-APP-022",
)
_ENDING = LegalRef(
    law="生活保護法",
    article="第26条",
    summary="保護の停止・廃止（確定した停止・廃止の適用日以降は医療扶助・介護扶助も行わない）",
    status=Verification.UNVERIFIED,
    source="seikatsu_std/requirements/catalogue.yaml REQ-MED-015, REQ-CAR-009（条文未照合）",
)
#: The kinds of decision that set the assistance a benefit may be given on.
_SETTING_KINDS = (DecisionKind.START, DecisionKind.CHANGE)
#: The kind of decision that put a case in each state where assistance is not running.
_ENDED_BY = {
    CaseStatus.SUSPENDED: DecisionKind.SUSPENSION,
    CaseStatus.TERMINATED: DecisionKind.TERMINATION,
    CaseStatus.TRANSFERRED: DecisionKind.TERMINATION,
}


def ending_decision(case: Case, decisions: Iterable[Decision]) -> Decision | None:
    """The final decision that suspended (停止) or terminated (廃止) the assistance of ``case``
    (the latest of its kind), or ``None`` if the case is not suspended or ended by one."""
    kind = _ENDED_BY.get(case.status)
    finals = [d for d in decisions if d.kind is kind and decision_is_final(d)]
    return finals[-1] if finals else None


def still_paid(ending: Decision, grants: AssistanceKind) -> bool:
    """Whether a suspension goes on paying the kind of assistance ``grants`` (its amounts)."""
    return ending.amounts is not None and bool(ending.amounts.amount(grants))


def _ended(
    case: Case,
    ended: tuple[Decision | None, date | None],
    what: str,
    grants: AssistanceKind | None,
) -> list[Violation]:
    """The rule that a benefit is given only while the case runs: ``ended`` is the case's
    :func:`ending_decision` and the benefit's last day (``None``: it is not given by days,
    and a case not running gets none). A suspension that goes on paying the kind of
    assistance ``grants`` names (its amounts) does not stop that kind."""
    ending, last_day = ended
    if ending is None:
        if case.status is CaseStatus.ACTIVE:
            return []
        return [
            Violation(
                "case_active",
                f"ケースの状態が「{case.status.label}」のため{what}はできません（保護中のケースに限ります）",
                f"the case is {case.status.value}; only a running case gets benefits",
            )
        ]
    effective = ending.effective_on
    if last_day is not None and last_day < effective:
        return []
    if grants is not None and still_paid(ending, grants):
        return []
    label = ending.kind.label
    return [
        Violation(
            "assistance_ended",
            f"保護の{label}の決定（{ending.id}、適用日 {effective.isoformat()}）が確定しているため、"
            f"適用日以降の{what}はできません（有効期間は {(effective - timedelta(days=1)).isoformat()} "
            "までです）",
            f"the {ending.kind.value} decision {ending.id} effective {effective} is final: "
            "no benefit on or after that day",
            (_ENDING,),
        )
    ]


@attrs.frozen
class Basis:
    """The actor, the case, its household and the approved decision a benefit is given on."""

    actor: StaffMember
    case: Case
    household: Household
    decision: Decision


def basis_violations(
    case: Case,
    decision: Decision | None,
    decision_id: str,
    month: str,
    what: str,
    grants: AssistanceKind | None = None,
    ended: tuple[Decision | None, date | None] = (None, None),
) -> list[Violation]:
    """Every rule a benefit (``what``, e.g. 医療券の発行) for ``month`` on ``decision`` breaks;
    ``ended`` is the case's :func:`ending_decision` and the benefit's last day (if by days)."""
    violations = _ended(case, ended, what, grants)
    if decision is None or decision.case_id != case.id:
        violations.append(
            Violation(
                "decision_of_case",
                f"決定 {decision_id} はケース {case.id} の決定ではありません",
                f"decision {decision_id} is not a decision of case {case.id}",
            )
        )
        return violations
    if not decision_is_final(decision):
        violations.append(
            Violation(
                "decision_approved",
                f"決裁されていない決定（処理状況: {decision.status.label}）に基づいて{what}はできません。"
                "決裁者・決裁日の記録された決定が必要です",
                f"decision {decision.id} is {decision.status.value}: benefits need an approved decision",
                (_APPROVAL,),
            )
        )
    if decision.kind not in _SETTING_KINDS:
        violations.append(
            Violation(
                "decision_sets_assistance",
                f"{decision.kind.label}の決定は扶助の種類と程度を定める決定ではないため、{what}の根拠になりません",
                f"a {decision.kind.value} decision does not set assistance",
            )
        )
    elif (
        grants is not None and decision.amounts is not None and not decision.amounts.amount(grants)
    ):
        violations.append(
            Violation(
                "assistance_granted",
                f"この決定は{grants.label}を認めていません（{grants.label}の額がありません）",
                f"decision {decision.id} grants no {grants.value} assistance",
            )
        )
    if month_bounds(month)[1] < decision.effective_on:
        violations.append(
            Violation(
                "decision_in_force",
                f"{month} は決定の適用日 {decision.effective_on.isoformat()} より前の月です",
                f"month {month} precedes the decision's effective date {decision.effective_on}",
            )
        )
    return violations


class BenefitServiceBase(ServiceBase):
    """A service that gives benefits on a decision: opens and checks their basis."""

    def _basis(
        self,
        uow: UnitOfWork,
        actor_id: str,
        case_id: str,
        action: Action,
        request: tuple[str, str],
        *,
        what: str,
        grants: AssistanceKind | None = None,
        record_type: str,
        last_day: date | None = None,
    ) -> Basis:
        """The basis of a benefit; ``request`` is (decision id, month), ``last_day`` the last
        day a ticket is valid. Refuses (422) with every broken rule of the basis at once; the
        benefit's own rules come after."""
        actor, found = self._open_case(uow, actor_id, case_id, action, record_type=record_type)
        decision_id, month = request
        stored = uow.decisions.get(decision_id)
        decision = None if stored is None else stored.record
        ending = ending_decision(found.record, uow.decisions.for_case(case_id))
        violations = basis_violations(
            found.record, decision, decision_id, month, what, grants, (ending, last_day)
        )
        if violations or decision is None:
            raise RuleViolationError(violations)
        return Basis(actor, found.record, self._household(uow, found.record), decision)
