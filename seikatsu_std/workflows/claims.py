"""The decision on a repayment or collection (返還金・徴収金の決定), declared once.

:data:`CLAIM_DECISION` — drafted (起案) by a public official, approved (決裁) by a
qualified public official who did not draft it (authority ``approve_decision``:
the drafter can never approve, whatever their role), and on approval the claim
(債権) is assessed (調定). The amounts' rules are guards of the approval, and
the service checks them already when the decision is drafted, so a draft that
could never be approved is refused at once.
"""

from __future__ import annotations

import attrs

from seikatsu_std.authority import Action
from seikatsu_std.model.claims import ClaimBasis, ClaimDecisionStatus
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.workflows.engine import Guard, Transition, Workflow

_ART63 = LegalRef(
    law="生活保護法",
    article="第63条",
    summary="資力があるのに保護を受けたときは、受けた保護金品に相当する金額の範囲内で実施機関の定める額を返還する",
    status=Verification.VERIFIED,
    source="生活保護法63条; ../shared/domain/FACTS.md「Repayments and claims」",
)
_ART78 = LegalRef(
    law="生活保護法",
    article="第78条第1項",
    summary="不正な手段で保護を受けた者から費用の全部又は一部を徴収するほか、その額に100分の40を乗じた額以下の金額を徴収できる",
    status=Verification.VERIFIED,
    source="生活保護法78条; ../shared/domain/FACTS.md「Repayments and claims」",
)

#: The table of the Article 78 surcharge ceiling (percent), by the day the decision is drafted.
SURCHARGE_TABLE = "art78_surcharge_ceiling"


@attrs.frozen
class ClaimDecisionFacts:
    """What the approval of a repayment or collection decision is judged on."""

    basis: ClaimBasis
    requested_amount: int
    assistance_paid: int | None
    means_amount: int | None
    surcharge_percent: int
    surcharge_ceiling_percent: int


def _within_assistance(f: ClaimDecisionFacts) -> bool:
    return f.assistance_paid is None or f.requested_amount <= f.assistance_paid


def _within_means(f: ClaimDecisionFacts) -> bool:
    return f.means_amount is None or f.requested_amount <= f.means_amount


def _within_ceiling(f: ClaimDecisionFacts) -> bool:
    return f.surcharge_percent <= f.surcharge_ceiling_percent


WITHIN_ASSISTANCE = Guard[ClaimDecisionFacts](
    "repayment_within_assistance",
    "対象期間の保護費の額以内",
    "返還・徴収を求める額が対象期間に支給した保護費の額を超えています",
    "the amount demanded exceeds the assistance paid in the period",
    _within_assistance,
    (_ART63,),
)
WITHIN_MEANS = Guard[ClaimDecisionFacts](
    "repayment_within_means",
    "資力の額以内",
    "返還を求める額（自立更生費の控除前）が資力の額を超えています",
    "the repayment demanded (before the self-reliance deduction) exceeds the means",
    _within_means,
    (_ART63,),
)
SURCHARGE_CEILING = Guard[ClaimDecisionFacts](
    "surcharge_ceiling",
    "加算の率の上限以内",
    "加算の率が法78条1項の上限（基準表 art78_surcharge_ceiling）を超えています",
    "the surcharge rate exceeds the Article 78(1) ceiling (table art78_surcharge_ceiling)",
    _within_ceiling,
    (_ART78,),
)

C = ClaimDecisionStatus
CLAIM_DECISION = Workflow[ClaimDecisionStatus, ClaimDecisionFacts](
    name="claim_decision",
    label="返還金・徴収金の決定",
    states=ClaimDecisionStatus,
    initial=C.DRAFTED,
    final=frozenset({C.APPROVED}),
    transitions=(
        Transition(
            "approve",
            "決裁して調定する",
            (C.DRAFTED,),
            C.APPROVED,
            Action.APPROVE_DECISION,
            "claim_decision_approved",
            (WITHIN_ASSISTANCE, WITHIN_MEANS, SURCHARGE_CEILING),
            "起案者以外の、社会福祉主事の資格のある公務員（査察指導員・課長）が決裁し、債権を調定する。"
            "起案者自身はどの役割・権限でも決裁できない",
        ),
    ),
)
